package org.openpaypro.notify;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.db.RawSql;
import org.openpaypro.logs.RequestIds;
import org.slf4j.MDC;

/**
 * SQL of the notify outbox. A claim pushes {@code next_attempt_at} beyond the longest possible attempt (a lease) and
 * increments {@code attempts}; the attempt number is the fencing token every later update checks, so a notification
 * whose lease expired (node died mid-attempt) is taken over by exactly one other dispatcher. Thread-safe (its only
 * state is the claim statement per source table).
 */
public final class NotificationRepository {
    private static final String CLAIM = """
            UPDATE notification n
            SET attempts = n.attempts + 1, next_attempt_at = now() + :lease * interval '1 ms'
            FROM <source> s
            WHERE s.id = n.trade_id
              AND n.id IN (SELECT id FROM notification WHERE status = 'PENDING' AND next_attempt_at <= now()
                           ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING n.id AS notification_id, n.attempts AS notification_attempt, s.*""";

    private static final RawSql RECORD = new RawSql("""
            WITH i AS MATERIALIZED (
                     SELECT * FROM unnest(CAST(:ids AS bigint[]), CAST(:attempts AS int[]),
                         CAST(:started AS timestamptz[]), CAST(:urls AS text[]), CAST(:http AS int[]),
                         CAST(:latencies AS int[]), CAST(:heads AS text[]), CAST(:errors AS text[]),
                         CAST(:requestIds AS text[]), CAST(:statuses AS text[]),
                         CAST(:nexts AS timestamptz[]))
                         AS i (id, attempt, started_at, url, http_status, latency_ms, head, error,
                               request_id, status, next_at)),
                 a AS (INSERT INTO notify_attempt (notification_id, attempt_no, started_at, url,
                           http_status, latency_ms, response_head, error, delivered, request_id)
                       SELECT id, attempt, started_at, url, http_status, latency_ms, head, error,
                           status = 'DELIVERED', request_id FROM i
                       ON CONFLICT (notification_id, attempt_no) DO NOTHING)
            UPDATE notification n SET status = i.status, next_attempt_at = i.next_at,
                finished_at = CASE WHEN i.status = 'PENDING' THEN NULL ELSE now() END
            FROM i
            WHERE n.id = i.id AND n.attempts = i.attempt AND n.status = 'PENDING'
            RETURNING n.id""");

    /** {@link #CLAIM} by source table (one in practice). */
    private final Map<String, RawSql> claims = new ConcurrentHashMap<>();

    /** A claimed attempt: the notification, its trade, and this attempt's number (1 = first). */
    public record Claim(long notificationId, long tradeId, int attempt) {
    }

    /** A claimed attempt with its trade's callback, as one claim statement returns it. */
    public record Due(Claim claim, CallbackRepository.Callback callback) {
    }

    /**
     * Claims up to {@code limit} due notifications (SKIP LOCKED, lease, attempt number + 1) in one autocommit
     * statement that also returns each one's callback from the source's table: no read per claim. Plain JDBC, as
     * {@link #record}: one runs for every batch of callbacks (issue 15).
     */
    public List<Due> claimDue(Jdbi jdbi, int limit, Duration lease, CallbackRepository source) {
        return claims.computeIfAbsent(source.table(), table -> new RawSql(CLAIM.replace("<source>", table))).bind()
                .set("lease", lease.toMillis())
                .set("limit", limit)
                .query(jdbi, row -> new Due(new Claim(row.getLong("notification_id"), row.getLong("id"),
                        row.getInt("notification_attempt")), source.callback(row)));
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

    /** One attempt to record: its claim, what it did, when the next is due (null: none) and its request id. */
    public record Attempt(Claim claim, AttemptOutcome outcome, Instant nextAttempt, String requestId) {
        NotificationStatus status() {
            return NotificationStatus.after(outcome.delivered(), nextAttempt);
        }
    }

    /**
     * Logs several attempts and moves each notification on (delivered, next retry at its {@code nextAttempt}, or
     * exhausted) in one statement; each move is fenced by its attempt number, each log line is kept once per attempt.
     * Returns the ids of the notifications moved (one whose claim was taken over is logged but not moved). Its own
     * autocommit statement, plain JDBC.
     */
    public Set<Long> record(Jdbi jdbi, List<Attempt> attempts) {
        int n = attempts.size();
        long[] ids = new long[n];
        long[] attemptNos = new long[n];
        String[] started = new String[n];
        String[] urls = new String[n];
        Long[] httpStatuses = new Long[n];
        long[] latencies = new long[n];
        String[] heads = new String[n];
        String[] errors = new String[n];
        String[] requestIds = new String[n];
        String[] statuses = new String[n];
        String[] nexts = new String[n];
        for (int i = 0; i < n; i++) {
            Attempt attempt = attempts.get(i);
            AttemptOutcome outcome = attempt.outcome();
            ids[i] = attempt.claim().notificationId();
            attemptNos[i] = attempt.claim().attempt();
            started[i] = outcome.startedAt().toString();
            urls[i] = outcome.url();
            httpStatuses[i] = outcome.httpStatus() == null ? null : outcome.httpStatus().longValue();
            latencies[i] = Math.min(Integer.MAX_VALUE, outcome.latency().toMillis());
            heads[i] = outcome.responseHead();
            errors[i] = outcome.error();
            requestIds[i] = attempt.requestId();
            statuses[i] = attempt.status().name();
            nexts[i] = attempt.status() == NotificationStatus.PENDING ? attempt.nextAttempt().toString() : null;
        }
        RawSql.Binding binding = RECORD.bind()
                .set("ids", ids).set("attempts", attemptNos).set("started", started).set("urls", urls)
                .set("http", httpStatuses).set("latencies", latencies).set("heads", heads)
                .set("errors", errors).set("requestIds", requestIds).set("statuses", statuses)
                .set("nexts", nexts);
        return new HashSet<>(binding.query(jdbi, row -> row.getLong(1)));
    }

    /** Moves the notification on after an attempt: delivered, next retry at {@code nextAttempt}, or exhausted. */
    public void moveOn(Handle handle, Claim claim, boolean delivered, Instant nextAttempt) {
        NotificationStatus status = NotificationStatus.after(delivered, nextAttempt);
        handle.createUpdate("""
                        UPDATE notification SET status = :status, next_attempt_at = :next,
                            finished_at = CASE WHEN :status = 'PENDING' THEN NULL ELSE now() END
                        WHERE id = :id AND attempts = :attempt AND status = 'PENDING'""")
                .bind("status", status.name())
                .bind("next", status == NotificationStatus.PENDING ? Timestamp.from(nextAttempt) : null)
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
