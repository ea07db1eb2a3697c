package org.openpaypro.console;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.openpaypro.access.AccessPolicy;
import org.openpaypro.access.Actor;
import org.openpaypro.web.Area;
import org.openpaypro.web.Frame;
import org.openpaypro.web.NavLink;
import org.openpaypro.web.Web;
import org.openpaypro.web.WebSession;

/**
 * What every console page needs first: the signed-in operator of this browser or a redirect (to the login page
 * without a live session, to the first-password form while the password is temporary), the navigation of DESIGN
 * §15, and the role rules of §14 through the same {@link AccessPolicy.Rule}s as the operator API ({@code SUPPORT}
 * sees no money action). Thread-safe.
 */
final class Console {
    static final String HOME = "/console";
    static final String PASSWORD = "/console/password";
    /** The navigation entries, in order, with their paths (names fixed by DESIGN §15). */
    private static final List<String[]> NAV = List.of(
            new String[] {"Dashboard", HOME},
            new String[] {"Merchants", "/console/merchants"},
            new String[] {"Trades", "/console/trades"},
            new String[] {"Adjustments", "/console/adjustments"},
            new String[] {"Channels", "/console/channels"},
            new String[] {"Audit", "/console/audit"},
            new String[] {"Operators", "/console/operators"});

    /** A signed-in operator for one request. */
    record Signed(WebSession session, OperatorLogins.SignedIn operator, String address) {
        Actor actor() {
            return operator.actor(address);
        }

        boolean may(AccessPolicy.Rule rule) {
            return rule.allows(operator.role());
        }
    }

    private final Web web;
    private final OperatorLogins logins;

    Console(Web web, OperatorLogins logins) {
        this.web = web;
        this.logins = logins;
    }

    Web web() {
        return web;
    }

    OperatorLogins logins() {
        return logins;
    }

    /** The signed-in operator with a chosen password; otherwise answers with the redirect and returns empty. */
    Optional<Signed> require(Context ctx) {
        Optional<Signed> signed = signedIn(ctx);
        if (signed.isEmpty()) {
            ctx.redirect(Area.CONSOLE.loginPath() + (ctx.cookie(Area.CONSOLE.cookieName()) != null
                    ? "?notice=ended" : ""));
            return Optional.empty();
        }
        if (signed.get().operator().mustChangePassword()) {
            ctx.redirect(PASSWORD);
            return Optional.empty();
        }
        return signed;
    }

    /**
     * The signed-in operator allowed by {@code rule}; otherwise the redirect or a 403 page (nothing changed) and
     * empty.
     */
    Optional<Signed> require(Context ctx, AccessPolicy.Rule rule, String what) {
        Optional<Signed> signed = require(ctx);
        if (signed.isPresent() && !signed.get().may(rule)) {
            web.error(ctx, 403, "Your role (" + signed.get().operator().role() + ") does not allow you to " + what
                    + ". Nothing was changed.");
            return Optional.empty();
        }
        return signed;
    }

    /** The signed-in operator whatever is still due (the first-password form uses this). */
    Optional<Signed> signedIn(Context ctx) {
        return web.sessions().current(ctx, Area.CONSOLE).flatMap(session -> logins.byId(session.subjectId())
                .map(operator -> new Signed(session, operator, web.clientAddress(ctx))));
    }

    /** The layout of a console page; {@code current} is the navigation entry it belongs to. */
    Frame frame(Signed signed, String title, String current) {
        List<NavLink> nav = NAV.stream().map(entry -> new NavLink(entry[0], entry[1], entry[0].equals(current)))
                .toList();
        return web.frame(signed.session(), title, signed.operator().email() + " · " + signed.operator().role(), nav);
    }

    /** A trimmed form field, null when absent or blank; longer than {@code maxLength} counts as absent. */
    static String field(Context ctx, String name, int maxLength) {
        String value = ctx.formParam(name);
        if (value == null || value.isBlank() || value.length() > maxLength) {
            return null;
        }
        return value.trim();
    }
}
