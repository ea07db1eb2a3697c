package org.openpaypro.web;

/**
 * The two web areas served by the gateway (DESIGN §15): each has its path prefix, its own session cookie (so one
 * browser can hold a portal and a console session side by side) and the kind of person its sessions belong to.
 * Immutable.
 */
public enum Area {
    /** Merchant users (DESIGN §14), {@code /portal}. */
    PORTAL("/portal", "opp_portal", "Merchant portal"),
    /** Operators (DESIGN §14), {@code /console}. */
    CONSOLE("/console", "opp_console", "Operator console");

    private final String prefix;
    private final String cookieName;
    private final String displayName;

    Area(String prefix, String cookieName, String displayName) {
        this.prefix = prefix;
        this.cookieName = cookieName;
        this.displayName = displayName;
    }

    public String prefix() {
        return prefix;
    }

    public String cookieName() {
        return cookieName;
    }

    public String displayName() {
        return displayName;
    }

    public String loginPath() {
        return prefix + "/login";
    }

    public String logoutPath() {
        return prefix + "/logout";
    }
}
