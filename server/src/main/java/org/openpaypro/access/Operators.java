package org.openpaypro.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Operator accounts and their personal API tokens (DESIGN §14). A token is {@code opp_} + 43 base64url characters
 * (256 random bits), shown once; only its SHA-256 is stored. A fast hash is enough because the secret is random and
 * long: nobody can guess a preimage, so a slow password hash would add nothing but cost on every call; a lookup by
 * the digest is one index probe. Console passwords are Argon2id ({@link Passwords}). Every change writes its audit
 * row inside the transaction of the change. Its SQL is in {@link OperatorRepository}. Thread-safe.
 */
public final class Operators {
    public static final String TOKEN_PREFIX = "opp_";
    private static final int TOKEN_BYTES = 32;
    private static final long LAST_USED_RESOLUTION_SECONDS = 60;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final OperatorRepository repository = new OperatorRepository();

    /** An operator as listed (no secrets). */
    public record Operator(String email, Role role, Instant createdAt) {
    }

    /** A new operator with its temporary console password, shown only in this answer. */
    public record Created(Operator operator, String temporaryPassword) {
    }

    /** A token as listed (no secret). */
    public record Token(String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    }

    /** An operator's console credentials (the password's Argon2id hash, whether it is the temporary one). */
    public record Credentials(long id, String email, Role role, String passwordHash, boolean temporaryPassword) {
        @Override
        public String toString() {
            return "Credentials[" + email + ", " + role + "]";
        }
    }

    /** Why a change was refused. */
    public enum Refusal { EXISTS, NO_OPERATOR, NO_TOKEN }

    /** A change's outcome: the value, or why it was refused (nothing written). */
    public record Outcome<T>(T value, Refusal refusal) {
        static <T> Outcome<T> of(T value) {
            return new Outcome<>(value, null);
        }

        static <T> Outcome<T> refused(Refusal refusal) {
            return new Outcome<>(null, refusal);
        }
    }

    public Operators(Jdbi jdbi, AuditLog audit) {
        this.jdbi = jdbi;
        this.audit = audit;
    }

    /** Lower-cased email when it looks like one (one {@code @}, no spaces or controls, at most 254), else empty. */
    public static Optional<String> normalizeEmail(String email) {
        if (email == null || email.length() > 254
                || !email.matches("[^\\s@\\p{Cntrl}]{1,64}@[^\\s@\\p{Cntrl}]{1,189}")) {
            return Optional.empty();
        }
        return Optional.of(email.toLowerCase(Locale.ROOT));
    }

    public static boolean validTokenName(String name) {
        return name != null && name.matches("[A-Za-z0-9._-]{1,64}");
    }

    public Outcome<Created> create(String email, Role role, Actor actor) {
        String password = Passwords.temporary();
        String hash = Passwords.hash(password);
        return jdbi.inTransaction(handle -> {
            Optional<Instant> createdAt = repository.insert(handle, email, role, hash);
            if (createdAt.isEmpty()) {
                return Outcome.refused(Refusal.EXISTS);
            }
            audit.write(handle, actor, "operator.create", email, "role=" + role.name());
            return Outcome.of(new Created(new Operator(email, role, createdAt.get()), password));
        });
    }

    /** The console credentials of the operator with this (normalized) email. */
    public Optional<Credentials> credentials(String email) {
        return jdbi.withHandle(handle -> repository.credentials(handle, email, 0));
    }

    /** The console credentials of the operator with this id (a live console session's subject). */
    public Optional<Credentials> credentials(long id) {
        return jdbi.withHandle(handle -> repository.credentials(handle, null, id));
    }

    /** Replaces the console password of an operator (no longer temporary) and audits it, in one transaction. */
    public void setPassword(long operatorId, String email, String passwordHash, Actor actor) {
        jdbi.useTransaction(handle -> {
            repository.setPassword(handle, operatorId, passwordHash);
            audit.write(handle, actor, "operator.password", email, "console password changed");
        });
    }

    public List<Operator> list() {
        return jdbi.withHandle(repository::list);
    }

    /** A new token for {@code email} named {@code name}; the secret is in the answer only. */
    public Outcome<String> createToken(String email, String name, Actor actor) {
        String token = newToken();
        return jdbi.inTransaction(handle -> {
            Optional<Long> operatorId = repository.operatorId(handle, email);
            if (operatorId.isEmpty()) {
                return Outcome.refused(Refusal.NO_OPERATOR);
            }
            int inserted = repository.insertToken(handle, operatorId.get(), name, sha256(token));
            if (inserted == 0) {
                return Outcome.refused(Refusal.EXISTS);
            }
            audit.write(handle, actor, "operator.token.create", email, "name=" + name);
            return Outcome.of(token);
        });
    }

    public Outcome<List<Token>> tokens(String email) {
        return jdbi.withHandle(handle -> {
            Optional<Long> operatorId = repository.operatorId(handle, email);
            if (operatorId.isEmpty()) {
                return Outcome.refused(Refusal.NO_OPERATOR);
            }
            return Outcome.of(repository.tokens(handle, operatorId.get()));
        });
    }

    /** Revokes the live token {@code name} of {@code email}; from the next request on it is a 401. */
    public Outcome<Token> revokeToken(String email, String name, Actor actor) {
        return jdbi.inTransaction(handle -> {
            Optional<Long> operatorId = repository.operatorId(handle, email);
            if (operatorId.isEmpty()) {
                return Outcome.refused(Refusal.NO_OPERATOR);
            }
            Optional<Token> revoked = repository.revokeToken(handle, operatorId.get(), name);
            if (revoked.isEmpty()) {
                return Outcome.refused(Refusal.NO_TOKEN);
            }
            audit.write(handle, actor, "operator.token.revoke", email, "name=" + name);
            return Outcome.of(revoked.get());
        });
    }

    /**
     * The operator a presented token belongs to, or empty (unknown, revoked, malformed). Records the last use at a
     * one-minute resolution so that a busy token does not write on every call.
     */
    public Optional<Actor> authenticate(String presented, String address) {
        if (presented == null || !presented.startsWith(TOKEN_PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        return jdbi.withHandle(handle -> {
            Optional<OperatorRepository.Holder> holder = repository.liveToken(handle, digest);
            holder.filter(found -> found.lastUsedAt() == null || found.lastUsedAt()
                            .isBefore(Instant.now().minusSeconds(LAST_USED_RESOLUTION_SECONDS)))
                    .ifPresent(found -> repository.touchToken(handle, found.tokenId()));
            return holder.map(found -> new Actor(found.email(), found.role(), address));
        });
    }

    static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
