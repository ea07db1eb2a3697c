package org.openpaypro.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.openpaypro.ledger.LedgerService.Request;
import org.openpaypro.ledger.LedgerService.RequestStatus;

/**
 * SQL of the four-eyes adjustment requests ({@code adjustment_request}) for {@link LedgerService}; a request is shown
 * with its merchant's number and currency. Stateless; every method runs on the caller's handle.
 */
final class AdjustmentRepository {
    private static final String SELECT_REQUEST = """
            SELECT r.id, m.merchant_no, m.currency, r.amount, r.reason, r.status, r.requested_by, r.decided_by,
                   r.created_at, r.decided_at
            FROM adjustment_request r JOIN merchant m ON m.id = r.merchant_id""";

    /** A new pending request; its id. */
    long insert(Handle handle, long merchantId, long amountUnits, String reason, String author) {
        return handle.createQuery("""
                        INSERT INTO adjustment_request (merchant_id, amount, reason, status, requested_by)
                        VALUES (:merchant, :amount, :reason, 'PENDING_APPROVAL', :author) RETURNING id""")
                .bind("merchant", merchantId).bind("amount", amountUnits).bind("reason", reason)
                .bind("author", author)
                .mapTo(Long.class).one();
    }

    long merchantId(Handle handle, long id) {
        return handle.createQuery("SELECT merchant_id FROM adjustment_request WHERE id = :id")
                .bind("id", id).mapTo(Long.class).one();
    }

    /** Requests in {@code status} (null: all), newest first, at most {@code limit}. */
    List<Request> list(Handle handle, RequestStatus status, int limit) {
        return handle.createQuery(SELECT_REQUEST
                        + " WHERE (CAST(:status AS text) IS NULL OR r.status = :status)"
                        + " ORDER BY r.id DESC LIMIT :limit")
                .bind("status", status == null ? null : status.name())
                .bind("limit", limit)
                .map((rs, ctx) -> mapRequest(rs))
                .list();
    }

    /** Decides a request that is still pending (a decided one is left as it is). */
    void decide(Handle handle, long id, RequestStatus status, String decidedBy) {
        handle.createUpdate("""
                        UPDATE adjustment_request SET status = :status, decided_by = :by, decided_at = now()
                        WHERE id = :id AND status = 'PENDING_APPROVAL'""")
                .bind("status", status.name()).bind("by", decidedBy).bind("id", id)
                .execute();
    }

    /** The request, its row locked for the rest of the transaction when {@code lock}. */
    Optional<Request> find(Handle handle, long id, boolean lock) {
        return handle.createQuery(SELECT_REQUEST + " WHERE r.id = :id" + (lock ? " FOR UPDATE OF r" : ""))
                .bind("id", id)
                .map((rs, ctx) -> mapRequest(rs))
                .findOne();
    }

    private static Request mapRequest(ResultSet rs) throws SQLException {
        return new Request(rs.getLong("id"), rs.getString("merchant_no"), rs.getString("currency").trim(),
                rs.getLong("amount"), rs.getString("reason"), RequestStatus.valueOf(rs.getString("status")),
                rs.getString("requested_by"), rs.getString("decided_by"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("decided_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
