package org.openpaypro.console;

import java.util.Optional;
import org.openpaypro.access.Actor;
import org.openpaypro.access.Operators;
import org.openpaypro.access.Passwords;
import org.openpaypro.access.Role;

/**
 * Operators' console passwords (DESIGN §14, §15): checks an email and password, and changes the temporary first
 * password (audited like every change). Operators have no TOTP in this release (the operator table holds no
 * second factor); API tokens are unaffected by anything here. The operator rows are read and written through
 * {@link Operators}. Thread-safe.
 */
public final class OperatorLogins {
    /** Shortest new password accepted; the longest is {@link Passwords#MAX_LENGTH}. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    /** Checked against when the email is unknown, so that the answer takes as long as for a known one. */
    private static final String DUMMY_HASH = Passwords.hash("not a password of anyone");

    private final Operators operators;

    /** A signed-in operator: its id (the session's subject), email, role, and whether it must change its password. */
    public record SignedIn(long id, String email, Role role, boolean mustChangePassword) {
        public Actor actor(String address) {
            return new Actor(email, role, address);
        }
    }

    public OperatorLogins(Operators operators) {
        this.operators = operators;
    }

    /** The operator when the email and password match, else empty (which of the two was wrong is not said). */
    public Optional<SignedIn> login(String email, String password) {
        Optional<String> normalized = Operators.normalizeEmail(email == null ? null : email.trim());
        Optional<Operators.Credentials> stored = normalized.flatMap(operators::credentials);
        boolean matches = Passwords.verify(password, stored.map(Operators.Credentials::passwordHash)
                .orElse(DUMMY_HASH));
        return matches ? stored.map(OperatorLogins::signedIn) : Optional.empty();
    }

    /** The operator of a live session (still existing, role as now). */
    public Optional<SignedIn> byId(long id) {
        return operators.credentials(id).map(OperatorLogins::signedIn);
    }

    /**
     * Replaces the password (the temporary one at first login) and writes the audit row in the same transaction.
     *
     * @return a message saying what is wrong with the new password, or empty when it was changed
     */
    public Optional<String> changePassword(SignedIn operator, String newPassword, String repeated, String address) {
        Optional<String> problem = problem(newPassword, repeated);
        if (problem.isPresent()) {
            return problem;
        }
        operators.setPassword(operator.id(), operator.email(), Passwords.hash(newPassword), operator.actor(address));
        return Optional.empty();
    }

    static Optional<String> problem(String newPassword, String repeated) {
        if (newPassword == null || newPassword.length() < MIN_PASSWORD_LENGTH) {
            return Optional.of("The new password must have at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (newPassword.length() > Passwords.MAX_LENGTH) {
            return Optional.of("The new password must have at most " + Passwords.MAX_LENGTH + " characters.");
        }
        if (!newPassword.equals(repeated)) {
            return Optional.of("The two new passwords are not the same.");
        }
        return Optional.empty();
    }

    private static SignedIn signedIn(Operators.Credentials stored) {
        return new SignedIn(stored.id(), stored.email(), stored.role(), stored.temporaryPassword());
    }
}
