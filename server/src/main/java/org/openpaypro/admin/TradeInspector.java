package org.openpaypro.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.channel.ChannelAttempts;
import org.openpaypro.channel.SubmissionQueue;
import org.openpaypro.protocol.Amounts;
import org.openpaypro.trade.Trade;

/** Reads what an operator needs to see about one trade: its postings and its notify deliveries. Thread-safe. */
final class TradeInspector {
    private final Jdbi jdbi;
    private final ChannelAttempts attempts = new ChannelAttempts();
    private final SubmissionQueue queue = new SubmissionQueue();

    TradeInspector(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Every call that asked a rail to create the trade (DESIGN §9 {@code "submissions"}). */
    List<Map<String, Object>> submissions(Trade trade) {
        return jdbi.withHandle(handle -> attempts.list(handle, trade.id()));
    }

    /** The payout's submission-queue row (state, channel, sends, idempotency key). */
    Map<String, Object> submissionQueue(Trade trade) {
        return jdbi.withHandle(handle -> queue.describe(handle, trade.id()));
    }

    List<Map<String, Object>> postings(Trade trade) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT j.id AS journal_id, j.kind AS journal_kind, j.created_at, a.kind AS account_kind,
                               a.merchant_id, a.channel, a.currency, p.amount
                        FROM journal j JOIN posting p ON p.journal_id = j.id JOIN account a ON a.id = p.account_id
                        WHERE j.trade_id = :trade ORDER BY j.id, p.id""")
                .bind("trade", trade.id())
                .map((rs, ctx) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("journalId", rs.getLong("journal_id"));
                    row.put("journalKind", rs.getString("journal_kind"));
                    row.put("account", rs.getString("account_kind") + (rs.getString("channel").isEmpty() ? ""
                            : ":" + rs.getString("channel")));
                    row.put("amount", Amounts.format(rs.getLong("amount"), 4));
                    row.put("currency", rs.getString("currency"));
                    row.put("createdAt", rs.getTimestamp("created_at").toInstant().toString());
                    return row;
                })
                .list());
    }

    List<Map<String, Object>> notifications(Trade trade) {
        return jdbi.withHandle(handle -> {
            List<Map<String, Object>> notifications = handle.createQuery("""
                            SELECT id, status, attempts, next_attempt_at, created_at, finished_at, request_id
                            FROM notification WHERE trade_id = :trade ORDER BY id""")
                    .bind("trade", trade.id())
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
        });
    }

    private static String text(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }
}
