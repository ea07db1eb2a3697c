package org.openpaypro.web;

import java.util.List;

/**
 * What the one layout ({@code web/layout.jte}) needs around every page: title, area, navigation, who is signed in,
 * the CSRF token for the page's forms, and one optional notice or error line. Routes build it with
 * {@link Web#frame}; the withers return changed copies. Immutable.
 */
public record Frame(Area area, String title, List<NavLink> nav, String signedInAs, String csrf, String notice,
                    String error) {
    public Frame {
        nav = List.copyOf(nav);
    }

    public Frame withNotice(String text) {
        return new Frame(area, title, nav, signedInAs, csrf, text, error);
    }

    public Frame withError(String text) {
        return new Frame(area, title, nav, signedInAs, csrf, notice, text);
    }

    public Frame withTitle(String text) {
        return new Frame(area, text, nav, signedInAs, csrf, notice, error);
    }

    public String logoutPath() {
        return area.logoutPath();
    }
}
