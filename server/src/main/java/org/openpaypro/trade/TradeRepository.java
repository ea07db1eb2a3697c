package org.openpaypro.trade;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.openpaypro.json.Json;
import org.openpaypro.protocol.TradeStatus;

/** SQL for trades. Stateless; every method runs on the caller's handle (and transaction). */
public final class TradeRepository {
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {
    };

    /** Inserts the trade; empty when the merchant already used this tradeNo (either direction). */
    public Optional<Trade> insert(Handle handle, NewTrade trade, String initialMessage) {
        return handle.createQuery("""
                        INSERT INTO trade (platform_trade_no, merchant_id, trade_no, direction, country, currency,
                            amount, amount_text, fee, message, notify_url, return_url, remark, details, channel,
                            channel_ref, poll_at)
                        VALUES (:platformTradeNo, :merchantId, :tradeNo, :direction, :country, :currency, :amount,
                            :amountText, :fee, :message, :notifyUrl, :returnUrl, :remark, CAST(:details AS jsonb),
                            :channel, :channelRef, :pollAt)
                        ON CONFLICT (merchant_id, trade_no) DO NOTHING
                        RETURNING *""")
                .bind("platformTradeNo", trade.platformTradeNo())
                .bind("merchantId", trade.merchantId())
                .bind("tradeNo", trade.tradeNo())
                .bind("direction", trade.direction().name())
                .bind("country", trade.country())
                .bind("currency", trade.currency())
                .bind("amount", trade.amount())
                .bind("amountText", trade.amountText())
                .bind("fee", trade.fee())
                .bind("message", initialMessage)
                .bind("notifyUrl", trade.notifyUrl())
                .bind("returnUrl", trade.returnUrl())
                .bind("remark", trade.remark())
                .bind("details", json(trade.details()))
                .bind("channel", trade.channel())
                .bind("channelRef", trade.channelRef())
                .bind("pollAt", trade.pollAt() == null ? null : Timestamp.from(trade.pollAt()))
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /**
     * Inserts several trades in one statement; returns those inserted (a tradeNo the merchant already used, or used
     * twice in the list, is skipped: only its first occurrence can be inserted).
     */
    public List<Trade> insertAll(Handle handle, List<NewTrade> batch, String initialMessage) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < batch.size(); i++) {
            values.append(i == 0 ? "" : ", ").append(String.format("(:pn%1$d, :m%1$d, :tn%1$d, :d%1$d, :c%1$d,"
                    + " :cur%1$d, :a%1$d, :at%1$d, :f%1$d, :msg, :nu%1$d, :ru%1$d, :r%1$d, CAST(:det%1$d AS jsonb),"
                    + " :ch%1$d, :cr%1$d, :pa%1$d)", i));
        }
        var query = handle.createQuery("""
                        INSERT INTO trade (platform_trade_no, merchant_id, trade_no, direction, country, currency,
                            amount, amount_text, fee, message, notify_url, return_url, remark, details, channel,
                            channel_ref, poll_at)
                        VALUES <values>
                        ON CONFLICT (merchant_id, trade_no) DO NOTHING
                        RETURNING *""")
                .define("values", values.toString())
                .bind("msg", initialMessage);
        for (int i = 0; i < batch.size(); i++) {
            NewTrade trade = batch.get(i);
            query.bind("pn" + i, trade.platformTradeNo()).bind("m" + i, trade.merchantId())
                    .bind("tn" + i, trade.tradeNo()).bind("d" + i, trade.direction().name())
                    .bind("c" + i, trade.country()).bind("cur" + i, trade.currency()).bind("a" + i, trade.amount())
                    .bind("at" + i, trade.amountText()).bind("f" + i, trade.fee()).bind("nu" + i, trade.notifyUrl())
                    .bind("ru" + i, trade.returnUrl()).bind("r" + i, trade.remark())
                    .bind("det" + i, json(trade.details())).bind("ch" + i, trade.channel())
                    .bind("cr" + i, trade.channelRef())
                    .bind("pa" + i, trade.pollAt() == null ? null : Timestamp.from(trade.pollAt()));
        }
        return query.map((rs, ctx) -> map(rs)).list();
    }

    /** Removes trades inserted earlier in the same transaction (a batch member refused after all). */
    public void deleteUncommitted(Handle handle, List<Long> ids) {
        if (!ids.isEmpty()) {
            handle.createUpdate("DELETE FROM trade WHERE id = ANY(:ids)").bind("ids", ids.stream()
                    .mapToLong(Long::longValue).toArray()).execute();
        }
    }

    /**
     * Moves a processing trade to its final state and queues its notification (the outbox row, DESIGN §7, due now,
     * keeping {@code requestId}) in the same statement; empty, writing nothing, when it is not processing any more
     * (a repeated event). {@code settleAt} only for successful pay-ins.
     */
    public Optional<Trade> finish(Handle handle, long tradeId, TradeStatus status, String message, Long paidAmount,
                                  Long settleAmount, Instant settleAt, String channelRef, String requestId) {
        return handle.createQuery("""
                        WITH t AS (UPDATE trade SET status = :status, message = :message, paid_amount = :paid,
                                       finished_at = now(), settle_amount = :settleAmount, settle_at = :settleAt,
                                       poll_at = NULL, channel_ref = coalesce(:channelRef, channel_ref)
                                   WHERE id = :id AND status = '0015'
                                   RETURNING *),
                             n AS (INSERT INTO notification (trade_id, next_attempt_at, request_id)
                                   SELECT id, now(), :requestId FROM t)
                        SELECT * FROM t""")
                .bind("status", status.wire())
                .bind("message", message)
                .bind("paid", paidAmount)
                .bind("settleAmount", settleAmount)
                .bind("settleAt", settleAt == null ? null : Timestamp.from(settleAt))
                .bind("channelRef", channelRef)
                .bind("id", tradeId)
                .bind("requestId", requestId)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /** A merchant's trade by the rail's reference (Kenya's M-Pesa receipt code). */
    public Optional<Trade> findByChannelRef(Handle handle, long merchantId, String channelRef) {
        return handle.createQuery("SELECT * FROM trade WHERE merchant_id = :m AND channel_ref = :ref")
                .bind("m", merchantId)
                .bind("ref", channelRef)
                .map((rs, ctx) -> map(rs))
                .findFirst();
    }

    public Optional<Trade> findById(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM trade WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    public Optional<Trade> findByPlatformNo(Handle handle, String platformTradeNo) {
        return handle.createQuery("SELECT * FROM trade WHERE platform_trade_no = :no")
                .bind("no", platformTradeNo)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    public Optional<Trade> findByTradeNo(Handle handle, long merchantId, String tradeNo, Direction direction) {
        return handle.createQuery("""
                        SELECT * FROM trade WHERE merchant_id = :m AND trade_no = :tradeNo
                          AND (CAST(:direction AS varchar) IS NULL OR direction = :direction)""")
                .bind("m", merchantId)
                .bind("tradeNo", tradeNo)
                .bind("direction", direction == null ? null : direction.name())
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /** Claims up to {@code limit} processing trades whose poll is due, pushing their next poll to {@code next}. */
    public List<Trade> claimDuePolls(Handle handle, int limit, Instant next) {
        return handle.createQuery("""
                        UPDATE trade SET poll_at = :next
                        WHERE id IN (SELECT id FROM trade WHERE status = '0015' AND poll_at <= now()
                                     ORDER BY poll_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING *""")
                .bind("next", Timestamp.from(next))
                .bind("limit", limit)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    /** Stores a pay-in's payment instructions (and the channel that gave them) once its rail answered. */
    public Optional<Trade> instructed(Handle handle, long tradeId, String channel, Map<String, String> details,
                                      String channelRef, Instant pollAt) {
        return handle.createQuery("""
                        UPDATE trade SET channel = :channel, details = CAST(:details AS jsonb), channel_ref = :ref,
                            poll_at = :pollAt
                        WHERE id = :id AND status = '0015'
                        RETURNING *""")
                .bind("channel", channel).bind("details", json(details)).bind("ref", channelRef)
                .bind("pollAt", pollAt == null ? null : Timestamp.from(pollAt)).bind("id", tradeId)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /** A processing trade's channel (after a failover) and, when given, its reference and next poll. */
    public void rail(Handle handle, String platformTradeNo, String channel, String channelRef, Instant pollAt) {
        handle.createUpdate("""
                        UPDATE trade SET channel = coalesce(:channel, channel),
                            channel_ref = coalesce(:ref, channel_ref), poll_at = coalesce(:pollAt, poll_at)
                        WHERE platform_trade_no = :no AND status = '0015'""")
                .bind("channel", channel).bind("ref", channelRef)
                .bind("pollAt", pollAt == null ? null : Timestamp.from(pollAt)).bind("no", platformTradeNo)
                .execute();
    }

    /** A trade by its channel and the rail's reference there. */
    public Optional<Trade> findByChannel(Handle handle, String channel, String channelRef) {
        return handle.createQuery("SELECT * FROM trade WHERE channel = :channel AND channel_ref = :ref")
                .bind("channel", channel).bind("ref", channelRef)
                .map((rs, ctx) -> map(rs))
                .findFirst();
    }

    static Trade map(ResultSet rs) throws SQLException {
        long paid = rs.getLong("paid_amount");
        Long paidAmount = rs.wasNull() ? null : paid;
        try {
            return new Trade(
                    rs.getLong("id"),
                    rs.getString("platform_trade_no"),
                    rs.getLong("merchant_id"),
                    rs.getString("trade_no"),
                    Direction.valueOf(rs.getString("direction")),
                    rs.getString("country"),
                    rs.getString("currency"),
                    rs.getLong("amount"),
                    rs.getString("amount_text"),
                    rs.getLong("fee"),
                    paidAmount,
                    TradeStatus.fromWire(rs.getString("status")),
                    rs.getString("message"),
                    rs.getString("notify_url"),
                    rs.getString("return_url"),
                    rs.getString("remark"),
                    Json.MAPPER.readValue(rs.getString("details"), DETAILS),
                    rs.getString("channel"),
                    rs.getString("channel_ref"),
                    instant(rs, "created_at"),
                    instant(rs, "finished_at"),
                    instant(rs, "settle_at"),
                    instant(rs, "settled_at"));
        } catch (JsonProcessingException e) {
            throw new SQLException("trade details are not a JSON object of strings", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String json(Map<String, String> details) {
        try {
            return Json.MAPPER.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
