package org.openpaypro.merchant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.access.Actor;
import org.openpaypro.access.AuditLog;
import org.openpaypro.access.Passwords;

/**
 * Merchant users (DESIGN §14, issue 13 item 4): people of a merchant who will log in to the portal by email.
 * Emails are case-insensitive (stored lower-case) and unique across the platform. Passwords are Argon2id
 * ({@link Passwords}); the first one is temporary and must be changed ({@code mustChangePassword}). Login is
 * throttled per account (stored: {@value #ACCOUNT_FAILURE_LIMIT} failures in a row block it for
 * {@code ACCOUNT_BLOCK}) and per client address (in memory, {@link AddressThrottle}). A user may add a TOTP second
 * factor ({@link Totp}); an owner may require one for every user of the merchant. TOTP secrets are sealed with
 * the master key ({@link SecretBox}). Nothing here logs or returns a password or secret except the temporary
 * password and the enrolment secret, each once. Thread-safe.
 */
public final class MerchantUsers {
    public static final int MAX_EMAIL_LENGTH = 254;
    public static final int MIN_PASSWORD_LENGTH = 12;
    static final int ACCOUNT_FAILURE_LIMIT = 5;
    static final Duration ACCOUNT_BLOCK = Duration.ofMinutes(15);
    static final int ADDRESS_FAILURE_LIMIT = 20;
    static final Duration ADDRESS_WINDOW = Duration.ofMinutes(15);
    static final int MAX_TRACKED_ADDRESSES = 10_000;
    private static final String ISSUER = "OpenPayPro";
    /** Verified when the email is unknown, so that an unknown email costs as much time as a wrong password. */
    private static final String DUMMY_HASH = Passwords.hash("not a password of anyone");

    public enum Role { OWNER, DEVELOPER, VIEWER }

    /** A new user with its temporary password, shown only in this answer. */
    public record Created(String email, Role role, String temporaryPassword) {
        @Override
        public String toString() {
            return "Created[" + email + ", " + role + "]";
        }
    }

    /** A user as the portal sees it; {@code id} is what a portal session refers to (web, issue 14). */
    public record User(String email, Role role, long merchantId, boolean mustChangePassword, boolean totpEnabled,
                       long id) {
    }

    /** The outcome of a login attempt. {@link Refused} never says which of email, password or code was wrong. */
    public sealed interface LoginResult {
        /** Logged in; the portal must send the user to change the password / enrol TOTP first when flagged. */
        record LoggedIn(User user, boolean mustChangePassword, boolean mustEnrolTotp) implements LoginResult {
        }

        /** Email and password are right; the user has TOTP and sent no code. */
        record SecondFactorRequired() implements LoginResult {
        }

        record Refused() implements LoginResult {
        }

        /** Too many failures for this account or address; nothing was checked. */
        record Throttled(Instant retryAfter) implements LoginResult {
        }
    }

    public enum PasswordChange { CHANGED, REFUSED, THROTTLED, TOO_SHORT, TOO_LONG, UNCHANGED }

    /** A TOTP secret to show once (as text and as an otpauth URI for a QR code) until it is confirmed. */
    public record TotpEnrolment(String secretBase32, String otpauthUri) {
        @Override
        public String toString() {
            return "TotpEnrolment[hidden]";
        }
    }

    private final Jdbi jdbi;
    private final MerchantUserRepository repository = new MerchantUserRepository();
    private final MerchantService merchants;
    private final SecretBox secrets;
    private final AuditLog audit;
    private final Clock clock;
    private final AddressThrottle addresses;

    public MerchantUsers(Jdbi jdbi, MerchantService merchants, SecretBox secrets, AuditLog audit, Clock clock) {
        this.jdbi = jdbi;
        this.merchants = merchants;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
        this.addresses = new AddressThrottle(ADDRESS_FAILURE_LIMIT, ADDRESS_WINDOW, MAX_TRACKED_ADDRESSES, clock);
    }

    public static boolean validEmail(String email) {
        return email != null && email.length() <= MAX_EMAIL_LENGTH
                && email.matches("[^@\\s\"<>,;:]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63})+");
    }

    /** Creates a user with a temporary password; empty when the email is taken. Writes the audit row. */
    public Optional<Created> create(Merchant merchant, String email, Role role, Actor actor) {
        String normalized = normalize(email);
        String temporary = Passwords.temporary();
        String hash = Passwords.hash(temporary);
        boolean inserted = jdbi.inTransaction(handle -> {
            if (!repository.insert(handle, merchant.id(), normalized, role, hash)) {
                return false;
            }
            audit.write(handle, actor, "merchant.user.create", merchant.merchantNo(),
                    "user " + normalized + " role " + role);
            return true;
        });
        return inserted ? Optional.of(new Created(normalized, role, temporary)) : Optional.empty();
    }

    /** The user a portal session belongs to (web, issue 14). */
    public Optional<User> findById(long id) {
        return jdbi.withHandle(handle -> repository.findById(handle, id)).map(this::user);
    }

    /** Every user of one merchant, by email (the portal's Team page). */
    public java.util.List<User> list(long merchantId) {
        return jdbi.withHandle(handle -> repository.listByMerchant(handle, merchantId)).stream().map(this::user)
                .toList();
    }

    /**
     * Removes a user of {@code merchant} (the portal's Team page); their portal sessions end with them. False when
     * there is no such user of that merchant. Writes the audit row.
     */
    public boolean remove(Merchant merchant, String email, Actor actor) {
        String normalized = normalize(email);
        return jdbi.inTransaction(handle -> {
            if (!repository.delete(handle, merchant.id(), normalized)) {
                return false;
            }
            audit.write(handle, actor, "merchant.user.remove", merchant.merchantNo(), "user " + normalized);
            return true;
        });
    }

    public Optional<User> find(String email) {
        return jdbi.withHandle(handle -> repository.find(handle, normalize(email), false)).map(this::user);
    }

    /**
     * Checks email, password and (when the user has one) the TOTP code; {@code address} is the client address
     * for the per-address throttle.
     */
    public LoginResult login(String email, String password, String totpCode, String address) {
        Optional<Instant> addressBlocked = addresses.blockedUntil(address);
        if (addressBlocked.isPresent()) {
            return new LoginResult.Throttled(addressBlocked.get());
        }
        Optional<MerchantUserRepository.Row> found = email == null ? Optional.empty()
                : jdbi.withHandle(handle -> repository.find(handle, normalize(email), false));
        if (found.isEmpty()) {
            Passwords.verify(password == null ? "" : password, DUMMY_HASH);
            addresses.recordFailure(address);
            return new LoginResult.Refused();
        }
        MerchantUserRepository.Row row = found.get();
        Instant now = clock.instant();
        if (row.loginBlockedUntil() != null && now.isBefore(row.loginBlockedUntil())) {
            return new LoginResult.Throttled(row.loginBlockedUntil());
        }
        if (!Passwords.verify(password, row.passwordHash())) {
            return fail(row, address, now);
        }
        long step = 0;
        if (row.totpSecretSealed() != null) {
            if (totpCode == null || totpCode.isBlank()) {
                return new LoginResult.SecondFactorRequired();
            }
            OptionalLong matched = Totp.verify(totpSecret(row, row.totpSecretSealed()), totpCode.trim(),
                    now.getEpochSecond(), row.totpLastStep());
            if (matched.isEmpty()) {
                return fail(row, address, now);
            }
            step = matched.getAsLong();
        }
        long usedStep = step;
        if (!jdbi.withHandle(handle -> repository.recordSuccess(handle, row.id(), usedStep))) {
            return fail(row, address, now); // the same code won a concurrent login: a code is good once
        }
        User user = user(row);
        boolean totpRequired = merchants.findById(row.merchantId()).map(Merchant::totpRequired).orElse(false);
        return new LoginResult.LoggedIn(user, row.mustChangePassword(), totpRequired && !user.totpEnabled());
    }

    private LoginResult fail(MerchantUserRepository.Row row, String address, Instant now) {
        addresses.recordFailure(address);
        jdbi.useHandle(handle -> repository.recordFailure(handle, row.id(), ACCOUNT_FAILURE_LIMIT,
                now.plus(ACCOUNT_BLOCK)));
        return new LoginResult.Refused();
    }

    /** Replaces the password after checking the current one (which counts against the account throttle). */
    public PasswordChange changePassword(String email, String currentPassword, String newPassword) {
        if (newPassword == null || newPassword.length() < MIN_PASSWORD_LENGTH) {
            return PasswordChange.TOO_SHORT;
        }
        if (newPassword.length() > Passwords.MAX_LENGTH) {
            return PasswordChange.TOO_LONG;
        }
        if (newPassword.equals(currentPassword)) {
            return PasswordChange.UNCHANGED;
        }
        Optional<MerchantUserRepository.Row> found = jdbi.withHandle(handle ->
                repository.find(handle, normalize(email), false));
        if (found.isEmpty()) {
            return PasswordChange.REFUSED;
        }
        MerchantUserRepository.Row row = found.get();
        Instant now = clock.instant();
        if (row.loginBlockedUntil() != null && now.isBefore(row.loginBlockedUntil())) {
            return PasswordChange.THROTTLED;
        }
        if (!Passwords.verify(currentPassword, row.passwordHash())) {
            jdbi.useHandle(handle -> repository.recordFailure(handle, row.id(), ACCOUNT_FAILURE_LIMIT,
                    now.plus(ACCOUNT_BLOCK)));
            return PasswordChange.REFUSED;
        }
        String hash = Passwords.hash(newPassword);
        jdbi.useHandle(handle -> repository.setPassword(handle, row.id(), hash));
        return PasswordChange.CHANGED;
    }

    /**
     * Replaces a temporary password right after a login with it (the portal's first-password form, which asks only
     * for the new one: the session proves the temporary one). REFUSED when the user has no temporary password.
     */
    public PasswordChange replaceTemporaryPassword(long userId, String newPassword) {
        if (newPassword == null || newPassword.length() < MIN_PASSWORD_LENGTH) {
            return PasswordChange.TOO_SHORT;
        }
        if (newPassword.length() > Passwords.MAX_LENGTH) {
            return PasswordChange.TOO_LONG;
        }
        Optional<MerchantUserRepository.Row> found = jdbi.withHandle(handle -> repository.findById(handle, userId));
        if (found.isEmpty() || !found.get().mustChangePassword()) {
            return PasswordChange.REFUSED;
        }
        if (Passwords.verify(newPassword, found.get().passwordHash())) {
            return PasswordChange.UNCHANGED;
        }
        String hash = Passwords.hash(newPassword);
        jdbi.useHandle(handle -> repository.setPassword(handle, userId, hash));
        return PasswordChange.CHANGED;
    }

    /** True when {@code password} is the user's password (re-entered before the portal shows or rotates a key). */
    public boolean passwordMatches(long userId, String password) {
        Optional<MerchantUserRepository.Row> found = jdbi.withHandle(handle -> repository.findById(handle, userId));
        return Passwords.verify(password, found.map(MerchantUserRepository.Row::passwordHash).orElse(DUMMY_HASH))
                && found.isPresent();
    }

    /** Starts (or restarts) TOTP enrolment: a fresh secret, stored sealed, active only once confirmed. */
    public Optional<TotpEnrolment> beginTotpEnrolment(String email) {
        String normalized = normalize(email);
        byte[] secret = Totp.newSecret();
        String base32 = Base32.encode(secret);
        boolean stored = jdbi.inTransaction(handle -> repository.find(handle, normalized, true).map(row -> {
            repository.setPendingTotp(handle, row.id(), secrets.seal(base32, aad(normalized)));
            return true;
        }).orElse(false));
        return stored ? Optional.of(new TotpEnrolment(base32, Totp.uri(ISSUER, normalized, secret)))
                : Optional.empty();
    }

    /** Activates the pending TOTP secret when {@code code} is right for it now; false otherwise. */
    public boolean confirmTotp(String email, String code) {
        String normalized = normalize(email);
        return jdbi.inTransaction(handle -> repository.find(handle, normalized, true).map(row -> {
            if (row.totpPendingSealed() == null) {
                return false;
            }
            OptionalLong step = Totp.verify(totpSecret(row, row.totpPendingSealed()), code,
                    clock.instant().getEpochSecond(), 0);
            step.ifPresent(matched -> repository.activateTotp(handle, row.id(), matched));
            return step.isPresent();
        }).orElse(false));
    }

    /** The owner switch: every user of the merchant must use TOTP. False when {@code ownerEmail} is no owner. */
    public boolean setTotpRequired(String ownerEmail, boolean required) {
        Optional<MerchantUserRepository.Row> owner = jdbi.withHandle(handle ->
                repository.find(handle, normalize(ownerEmail), false)).filter(row -> row.role() == Role.OWNER);
        Optional<Merchant> merchant = owner.flatMap(row -> merchants.findById(row.merchantId()));
        merchant.ifPresent(m -> merchants.setTotpRequired(m, required));
        return merchant.isPresent();
    }

    private byte[] totpSecret(MerchantUserRepository.Row row, byte[] sealed) {
        return Base32.decode(secrets.open(sealed, aad(row.email())));
    }

    private static String aad(String email) {
        return "merchant-user:" + email;
    }

    private User user(MerchantUserRepository.Row row) {
        return new User(row.email(), row.role(), row.merchantId(), row.mustChangePassword(),
                row.totpSecretSealed() != null, row.id());
    }

    private static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
