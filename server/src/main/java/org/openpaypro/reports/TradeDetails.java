package org.openpaypro.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads one trade's detail for the portal (its own merchant's trades only) and the console (any trade, with the
 * ledger postings). All reads of one detail run in one repeatable-read transaction. Thread-safe.
 */
public final class TradeDetails {
    private final Jdbi jdbi;

    public TradeDetails(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * The trade with this {@code platFormTradeNo}, when it belongs to {@code merchantId} (null: any merchant).
     *
     * @param withPostings true for operators: merchants do not see our ledger
     */
    public Optional<TradeDetail> find(String platformTradeNo, Long merchantId, boolean withPostings) {
        if (platformTradeNo == null || !platformTradeNo.matches("[0-9a-z]{1,32}")) {
            return Optional.empty();
        }
        TradeFilter filter = new TradeFilter(merchantId, null, null, null, null, null, platformTradeNo);
        return jdbi.inTransaction(org.jdbi.v3.core.transaction.TransactionIsolationLevel.REPEATABLE_READ,
                handle -> read(handle, filter, withPostings));
    }

    private Optional<TradeDetail> read(Handle handle, TradeFilter filter, boolean withPostings) {
        TradeQuery query = new TradeQuery(filter);
        var statement = handle.createQuery(query.sql(1));
        query.values().forEach(statement::bind);
        Optional<TradeRow> found = statement.map((rs, ctx) -> TradeQuery.row(rs)).findOne();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TradeRow trade = found.get();
        Map<String, Object> extra = handle.createQuery("""
                        SELECT t.channel_ref, t.notify_url, t.settle_at, t.settled_at, m.merchant_no
                        FROM trade t JOIN merchant m ON m.id = t.merchant_id WHERE t.id = :id""")
                .bind("id", trade.id()).mapToMap().one();
        List<TradeDetail.CallbackAttempt> callbacks = callbacks(handle, trade);
        List<TradeDetail.Posting> postings = withPostings ? postings(handle, trade.id()) : List.of();
        TradeDetail detail = new TradeDetail(trade, (String) extra.get("channel_ref"), (String) extra.get("notify_url"),
                instant(extra.get("settle_at")), instant(extra.get("settled_at")), List.of(), callbacks, postings);
        return Optional.of(new TradeDetail(detail.trade(), detail.channelRef(), detail.notifyUrl(), detail.settleAt(),
                detail.settledAt(), timeline(handle, detail), callbacks, postings));
    }

    private static List<TradeDetail.CallbackAttempt> callbacks(Handle handle, TradeRow trade) {
        return handle.createQuery("""
                        SELECT a.notification_id, a.attempt_no, a.started_at, a.url, a.http_status, a.latency_ms,
                               a.response_head, a.error, a.delivered, a.request_id
                        FROM notification n JOIN notify_attempt a ON a.notification_id = n.id
                        WHERE n.trade_id = :trade ORDER BY a.started_at, a.id""")
                .bind("trade", trade.id())
                .map((rs, ctx) -> {
                    int status = rs.getInt("http_status");
                    Integer httpStatus = rs.wasNull() ? null : status;
                    String requestId = rs.getString("request_id");
                    return new TradeDetail.CallbackAttempt(rs.getLong("notification_id"), rs.getInt("attempt_no"),
                            TradeQuery.instant(rs.getTimestamp("started_at")), rs.getString("url"), httpStatus,
                            rs.getInt("latency_ms"), rs.getString("response_head"), rs.getString("error"),
                            rs.getBoolean("delivered"), requestId, requestHeaders(trade.merchantNo(), requestId));
                })
                .list();
    }

    /** The headers {@code CallbackSender} puts on every callback (Host and length vary, the rest is fixed). */
    static List<String> requestHeaders(String merchantNo, String requestId) {
        List<String> headers = new ArrayList<>(List.of("Content-Type: application/json", "merchantNo: " + merchantNo));
        if (requestId != null) {
            headers.add("X-Request-Id: " + requestId);
        }
        headers.add("User-Agent: OpenPayPro-notify");
        headers.add("Cookie: (none: callbacks carry no cookies)");
        return headers;
    }

    private static List<TradeDetail.Posting> postings(Handle handle, long tradeId) {
        return handle.createQuery("""
                        SELECT j.id AS journal_id, j.kind AS journal_kind, j.created_at, a.kind AS account_kind,
                               a.channel, a.currency, p.amount
                        FROM journal j JOIN posting p ON p.journal_id = j.id JOIN account a ON a.id = p.account_id
                        WHERE j.trade_id = :trade ORDER BY j.id, p.id""")
                .bind("trade", tradeId)
                .map((rs, ctx) -> new TradeDetail.Posting(rs.getLong("journal_id"), rs.getString("journal_kind"),
                        rs.getString("account_kind") + (rs.getString("channel").isEmpty() ? ""
                                : ":" + rs.getString("channel")), rs.getLong("amount"), rs.getString("currency"),
                        TradeQuery.instant(rs.getTimestamp("created_at"))))
                .list();
    }

    private static List<TradeDetail.Event> timeline(Handle handle, TradeDetail detail) {
        TradeRow trade = detail.trade();
        List<TradeDetail.Event> events = new ArrayList<>();
        events.add(new TradeDetail.Event(trade.createdAt(), "created, sent to channel " + trade.channel()));
        if (trade.finishedAt() != null) {
            events.add(new TradeDetail.Event(trade.finishedAt(), "finished with status " + trade.status().wire()
                    + " (" + trade.message() + ")"));
        }
        handle.createQuery("SELECT created_at, request_id FROM notification WHERE trade_id = :trade ORDER BY id")
                .bind("trade", trade.id())
                .map((rs, ctx) -> new TradeDetail.Event(TradeQuery.instant(rs.getTimestamp("created_at")),
                        "callback queued"))
                .forEach(events::add);
        detail.callbacks().forEach(attempt -> events.add(new TradeDetail.Event(attempt.at(), "callback attempt "
                + attempt.attempt() + ": " + (attempt.httpStatus() == null ? "no answer" : "HTTP "
                + attempt.httpStatus()) + (attempt.delivered() ? ", delivered" : ""))));
        if (detail.settledAt() != null) {
            events.add(new TradeDetail.Event(detail.settledAt(), "settled: available to the merchant"));
        } else if (detail.settleAt() != null) {
            events.add(new TradeDetail.Event(detail.settleAt(), "settlement due"));
        }
        events.sort(Comparator.comparing(TradeDetail.Event::at));
        return events;
    }

    private static java.time.Instant instant(Object value) {
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return null;
    }
}
