package org.openpaypro.access;

/**
 * Who makes an operator call: the operator's email (or {@code "bootstrap"} for the bootstrap token), its role and
 * the client address the call came from. Immutable.
 */
public record Actor(String name, Role role, String address) {
    public static final String BOOTSTRAP = "bootstrap";

    public static Actor bootstrap(String address) {
        return new Actor(BOOTSTRAP, Role.OWNER, address);
    }
}
