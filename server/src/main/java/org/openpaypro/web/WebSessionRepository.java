package org.openpaypro.web;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * SQL of the portal's and console's sessions ({@code web_session}, V13) for {@link WebSessions}; rows are keyed by
 * the SHA-256 of the cookie's token. Each method is one statement in its own handle. Thread-safe.
 */
final class WebSessionRepository {
    /** A stored session: its area, the merchant user's or operator's id (the one of its area), and its times. */
    record Row(Area area, long subjectId, Instant createdAt, Instant lastSeenAt) {
    }

    private final Jdbi jdbi;

    WebSessionRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void insert(byte[] tokenHash, Area area, long subjectId, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO web_session (token_sha256, area, merchant_user_id, "
                        + "operator_id, created_at, last_seen_at) VALUES (:token, :area, :user, :operator, :now, :now)")
                .bind("token", tokenHash)
                .bind("area", area.name())
                .bind("user", area == Area.PORTAL ? subjectId : null)
                .bind("operator", area == Area.CONSOLE ? subjectId : null)
                .bind("now", now)
                .execute());
    }

    /**
     * The session of this token; its subject is read from the column of {@code area} (a row of another area comes
     * back with its own area, for the caller to refuse).
     */
    Optional<Row> find(byte[] tokenHash, Area area) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT area, merchant_user_id, operator_id, "
                        + "created_at, last_seen_at FROM web_session WHERE token_sha256 = :token")
                .bind("token", tokenHash)
                .map((rs, context) -> new Row(Area.valueOf(rs.getString("area")),
                        rs.getLong(area == Area.PORTAL ? "merchant_user_id" : "operator_id"),
                        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_seen_at").toInstant()))
                .findOne());
    }

    void touch(byte[] tokenHash, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE web_session SET last_seen_at = :now "
                + "WHERE token_sha256 = :token").bind("now", now).bind("token", tokenHash).execute());
    }

    void delete(byte[] tokenHash) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM web_session WHERE token_sha256 = :token")
                .bind("token", tokenHash).execute());
    }

    int deleteAllOfMerchantUser(long merchantUserId) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM web_session WHERE merchant_user_id = :id")
                .bind("id", merchantUserId).execute());
    }

    int deleteAllOfOperator(long operatorId) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM web_session WHERE operator_id = :id")
                .bind("id", operatorId).execute());
    }

    /** Deletes the sessions last seen at or before {@code idleSince} or created at or before {@code oldest}. */
    int deleteEnded(Instant idleSince, Instant oldest) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM web_session WHERE last_seen_at <= :idleSince "
                        + "OR created_at <= :oldest")
                .bind("idleSince", idleSince)
                .bind("oldest", oldest)
                .execute());
    }
}
