package org.openpaypro.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.openpaypro.access.Operators.Operator;
import org.openpaypro.access.Operators.Token;

/** SQL of operators and their tokens for {@link Operators}. Stateless; every method runs on the caller's handle. */
final class OperatorRepository {

    /** A live token's owner, and when the token was last used. */
    record Holder(long tokenId, String email, Role role, Instant lastUsedAt) {
    }

    /** The new operator's creation time; empty when the email is taken. */
    Optional<Instant> insert(Handle handle, String email, Role role, String passwordHash) {
        return handle.createQuery("""
                        INSERT INTO operator (email, role, password_hash) VALUES (:email, :role, :hash)
                        ON CONFLICT (email) DO NOTHING RETURNING created_at""")
                .bind("email", email).bind("role", role.name()).bind("hash", passwordHash)
                .mapTo(Timestamp.class).findOne().map(Timestamp::toInstant);
    }

    List<Operator> list(Handle handle) {
        return handle.createQuery("SELECT email, role, created_at FROM operator ORDER BY email")
                .map((rs, ctx) -> new Operator(rs.getString("email"), Role.valueOf(rs.getString("role")),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    Optional<Long> operatorId(Handle handle, String email) {
        return handle.createQuery("SELECT id FROM operator WHERE email = :email")
                .bind("email", email).mapTo(Long.class).findOne();
    }

    /** 1 when inserted, 0 when the operator already has a live token of that name. */
    int insertToken(Handle handle, long operatorId, String name, byte[] digest) {
        return handle.createUpdate("""
                        INSERT INTO operator_token (operator_id, name, token_sha256)
                        VALUES (:operator, :name, :digest)
                        ON CONFLICT (operator_id, name) WHERE revoked_at IS NULL DO NOTHING""")
                .bind("operator", operatorId).bind("name", name).bind("digest", digest)
                .execute();
    }

    List<Token> tokens(Handle handle, long operatorId) {
        return handle.createQuery("""
                        SELECT name, created_at, last_used_at, revoked_at FROM operator_token
                        WHERE operator_id = :operator ORDER BY id""")
                .bind("operator", operatorId)
                .map((rs, ctx) -> new Token(rs.getString("name"), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at"))))
                .list();
    }

    /** The revoked token; empty when there is no live token of that name. */
    Optional<Token> revokeToken(Handle handle, long operatorId, String name) {
        return handle.createQuery("""
                        UPDATE operator_token SET revoked_at = now()
                        WHERE operator_id = :operator AND name = :name AND revoked_at IS NULL
                        RETURNING name, created_at, last_used_at, revoked_at""")
                .bind("operator", operatorId).bind("name", name)
                .map((rs, ctx) -> new Token(rs.getString("name"), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at"))))
                .findOne();
    }

    /** The owner of the live token with this SHA-256. */
    Optional<Holder> liveToken(Handle handle, byte[] digest) {
        return handle.createQuery("""
                        SELECT o.email, o.role, t.id, t.last_used_at FROM operator_token t
                        JOIN operator o ON o.id = t.operator_id
                        WHERE t.token_sha256 = :digest AND t.revoked_at IS NULL""")
                .bind("digest", digest)
                .map((rs, ctx) -> new Holder(rs.getLong("id"), rs.getString("email"),
                        Role.valueOf(rs.getString("role")), instant(rs.getTimestamp("last_used_at"))))
                .findOne();
    }

    /** The console credentials of the operator with this email, or with this id when {@code email} is null. */
    Optional<Operators.Credentials> credentials(Handle handle, String email, long id) {
        return handle.createQuery("SELECT id, email, role, password_hash, password_temporary FROM operator WHERE "
                        + (email != null ? "email = :email" : "id = :id"))
                .bind("email", email).bind("id", id)
                .map((rs, ctx) -> new Operators.Credentials(rs.getLong("id"), rs.getString("email"),
                        Role.valueOf(rs.getString("role")), rs.getString("password_hash"),
                        rs.getBoolean("password_temporary")))
                .findOne();
    }

    void setPassword(Handle handle, long operatorId, String passwordHash) {
        handle.createUpdate("UPDATE operator SET password_hash = :hash, password_temporary = false WHERE id = :id")
                .bind("hash", passwordHash).bind("id", operatorId).execute();
    }

    void touchToken(Handle handle, long tokenId) {
        handle.createUpdate("UPDATE operator_token SET last_used_at = now() WHERE id = :id")
                .bind("id", tokenId).execute();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
