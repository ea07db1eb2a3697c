package org.openpaypro.notify;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.openpaypro.logs.RequestIds;
import org.slf4j.MDC;

/**
 * SQL of the notify outbox. A claim pushes {@code next_attempt_at} beyond the longest possible attempt (a lease) and
 * increments {@code attempts}; the attempt number is the fencing token every later update checks, so a notification
 * whose lease expired (node died mid-attempt) is taken over by exactly one other dispatcher. Stateless, thread-safe.
 */
public final class NotificationRepository {
    /** A claimed attempt: the notification, its trade, and this attempt's number (1 = first). */
    public record Claim(long notificationId, long tradeId, int attempt) {
    }

    /** A claimed attempt with its trade's callback, as one claim statement returns it. */
    public record Due(Claim claim, CallbackRepository.Callback callback) {
    }

    /**
     * Claims up to {@code limit} due notifications (SKIP LOCKED, lease, attempt number + 1) in one autocommit
     * statement that also returns each one's callback from the source's table: no read per claim.
     */
    public List<Due> claimDue(Handle handle, int limit, Duration lease, CallbackRepository source) {
        return handle.createQuery("""
                        UPDATE notification n
                        SET attempts = n.attempts + 1, next_attempt_at = now() + :lease * interval '1 ms'
                        FROM <source> s
                        WHERE s.id = n.trade_id
                          AND n.id IN (SELECT id FROM notification WHERE status = 'PENDING' AND next_attempt_at <= now()
                                       ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING n.id AS notification_id, n.attempts AS notification_attempt, s.*""")
                .define("source", source.table())
                .bind("lease", lease.toMillis())
                .bind("limit", limit)
                .map((rs, ctx) -> new Due(new Claim(rs.getLong("notification_id"), rs.getLong("id"),
                        rs.getInt("notification_attempt")), source.callback(rs)))
                .list();
    }

    /** Gives a claim back untried (its merchant or address was at its concurrency cap): same attempt number later. */
    public void defer(Handle handle, Claim claim, Duration delay) {
        handle.createUpdate("""
                        UPDATE notification SET attempts = attempts - 1, next_attempt_at = :next
                        WHERE id = :id AND attempts = :attempt AND status = 'PENDING'""")
                .bind("next", Timestamp.from(Instant.now().plus(delay)))
                .bind("id", claim.notificationId())
                .bind("attempt", claim.attempt())
                .execute();
    }

    /**
     * Logs the attempt and moves the notification on (delivered, next retry at {@code nextAttempt}, or exhausted)
     * in one statement; the move is fenced by the attempt number, the log line is kept once per attempt.
     */
    public void record(Handle handle, Claim claim, AttemptOutcome outcome, Instant nextAttempt, String requestId) {
        String status = status(outcome.delivered(), nextAttempt);
        handle.createUpdate("""
                        WITH a AS (INSERT INTO notify_attempt (notification_id, attempt_no, started_at, url,
                                       http_status, latency_ms, response_head, error, delivered, request_id)
                                   VALUES (:id, :attempt, :startedAt, :url, :httpStatus, :latency, :head, :error,
                                       :delivered, :requestId)
                                   ON CONFLICT (notification_id, attempt_no) DO NOTHING)
                        UPDATE notification SET status = :status, next_attempt_at = :next,
                            finished_at = CASE WHEN :status = 'PENDING' THEN NULL ELSE now() END
                        WHERE id = :id AND attempts = :attempt AND status = 'PENDING'""")
                .bind("id", claim.notificationId())
                .bind("attempt", claim.attempt())
                .bind("startedAt", Timestamp.from(outcome.startedAt()))
                .bind("url", outcome.url())
                .bind("httpStatus", outcome.httpStatus())
                .bind("latency", (int) Math.min(Integer.MAX_VALUE, outcome.latency().toMillis()))
                .bind("head", outcome.responseHead())
                .bind("error", outcome.error())
                .bind("delivered", outcome.delivered())
                .bind("requestId", requestId)
                .bind("status", status)
                .bind("next", nextAttempt == null || outcome.delivered() ? null : Timestamp.from(nextAttempt))
                .execute();
    }

    private static String status(boolean delivered, Instant nextAttempt) {
        return delivered ? "DELIVERED" : nextAttempt == null ? "EXHAUSTED" : "PENDING";
    }

    /** Moves the notification on after an attempt: delivered, next retry at {@code nextAttempt}, or exhausted. */
    public void moveOn(Handle handle, Claim claim, boolean delivered, Instant nextAttempt) {
        String status = status(delivered, nextAttempt);
        handle.createUpdate("""
                        UPDATE notification SET status = :status, next_attempt_at = :next,
                            finished_at = CASE WHEN :status = 'PENDING' THEN NULL ELSE now() END
                        WHERE id = :id AND attempts = :attempt AND status = 'PENDING'""")
                .bind("status", status)
                .bind("next", nextAttempt == null || delivered ? null : Timestamp.from(nextAttempt))
                .bind("id", claim.notificationId())
                .bind("attempt", claim.attempt())
                .execute();
    }

    /** Queues a fresh delivery for a finished trade (operator resend); false when the trade is not finished. */
    public boolean resend(Handle handle, long tradeId) {
        return handle.createUpdate("""
                        INSERT INTO notification (trade_id, next_attempt_at, request_id)
                        SELECT id, now(), :requestId FROM trade WHERE id = :trade AND status <> '0015'""")
                .bind("trade", tradeId)
                .bind("requestId", MDC.get(RequestIds.REQUEST_ID))
                .execute() == 1;
    }

    /** How many notifications wait for delivery, and the age in seconds of the oldest one (0 when none). */
    public record Backlog(long pending, long oldestPendingSeconds) {
    }

    public Backlog backlog(Handle handle) {
        return handle.createQuery("""
                        SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at))::bigint, 0)
                        FROM notification WHERE status = 'PENDING'""")
                .map((rs, ctx) -> new Backlog(rs.getLong(1), Math.max(0, rs.getLong(2))))
                .one();
    }

    /** A trade's notifications with their attempt logs, as the operator's trade view shows them. */
    public List<Map<String, Object>> deliveries(Handle handle, long tradeId) {
        List<Map<String, Object>> notifications = handle.createQuery("""
                        SELECT id, status, attempts, next_attempt_at, created_at, finished_at, request_id
                        FROM notification WHERE trade_id = :trade ORDER BY id""")
                .bind("trade", tradeId)
                .map((rs, ctx) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", rs.getLong("id"));
                    row.put("status", rs.getString("status"));
                    row.put("attempts", rs.getInt("attempts"));
                    row.put("nextAttemptAt", text(rs.getTimestamp("next_attempt_at")));
                    row.put("createdAt", text(rs.getTimestamp("created_at")));
                    row.put("finishedAt", text(rs.getTimestamp("finished_at")));
                    row.put("queuedByRequestId", rs.getString("request_id"));
                    return row;
                })
                .list();
        for (Map<String, Object> notification : notifications) {
            notification.put("attemptLog", handle.createQuery("""
                            SELECT attempt_no, started_at, url, http_status, latency_ms, response_head, error,
                                delivered, request_id
                            FROM notify_attempt WHERE notification_id = :id ORDER BY attempt_no""")
                    .bind("id", (Long) notification.get("id"))
                    .map((rs, ctx) -> {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("attempt", rs.getInt("attempt_no"));
                        row.put("at", text(rs.getTimestamp("started_at")));
                        row.put("url", rs.getString("url"));
                        int status = rs.getInt("http_status");
                        row.put("httpStatus", rs.wasNull() ? null : status);
                        row.put("latencyMs", rs.getInt("latency_ms"));
                        row.put("response", rs.getString("response_head"));
                        row.put("error", rs.getString("error"));
                        row.put("delivered", rs.getBoolean("delivered"));
                        row.put("requestId", rs.getString("request_id"));
                        return row;
                    })
                    .list());
        }
        return notifications;
    }

    private static String text(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }
}
