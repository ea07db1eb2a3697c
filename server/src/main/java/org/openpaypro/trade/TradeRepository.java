package org.openpaypro.trade;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.openpaypro.channel.ChannelResult;
import org.openpaypro.db.RawSql;
import org.openpaypro.json.Json;
import org.openpaypro.ledger.Ledger;
import org.openpaypro.protocol.TradeStatus;

/**
 * SQL for trades. Stateless; every method runs on the caller's handle (and transaction), except the two statements
 * of a pay-in batch ({@link #insertAll}, {@link #instructed}): each is its own transaction, run as plain JDBC on a
 * connection of its own ({@link RawSql}).
 */
public final class TradeRepository {
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {
    };

    /** The multi-row insert of trades from unnest arrays ({@link #bindDrafts}), before its conflict clause. */
    private static final String INSERT = """
            INSERT INTO trade (platform_trade_no, merchant_id, trade_no, direction, country, currency,
                amount, amount_text, fee, message, notify_url, return_url, remark, details, channel,
                channel_ref, poll_at)
            SELECT pn, m, tn, d, c, cur, a, at, f, :msg, nu, ru, r, CAST(det AS jsonb), ch, cr,
                to_timestamp(pa / 1000.0)
            FROM unnest(CAST(:pn AS text[]), CAST(:m AS bigint[]), CAST(:tn AS text[]),
                CAST(:d AS text[]), CAST(:c AS text[]), CAST(:cur AS text[]), CAST(:a AS bigint[]),
                CAST(:at AS text[]), CAST(:f AS bigint[]), CAST(:nu AS text[]), CAST(:ru AS text[]),
                CAST(:r AS text[]), CAST(:det AS text[]), CAST(:ch AS text[]), CAST(:cr AS text[]),
                CAST(:pa AS bigint[]))
                AS t (pn, m, tn, d, c, cur, a, at, f, nu, ru, r, det, ch, cr, pa)""";
    private static final String SKIP_TAKEN = """
            ON CONFLICT (merchant_id, trade_no) DO NOTHING
            RETURNING id, platform_trade_no, created_at""";
    /** {@link #insertAll}, run as plain JDBC ({@link RawSql}): every pay-in create passes here (issue 15). */
    private static final RawSql INSERT_ALL = new RawSql(INSERT + "\n" + SKIP_TAKEN);

    /**
     * Inserts several trades in one statement (one text for any batch size, so the server plans it once); returns
     * those inserted, in no particular order (a tradeNo the merchant already used, or used twice in the list, is
     * skipped: only its first occurrence is inserted). Only the columns the database chooses come back (id, time);
     * the rest of each {@link Trade} is the draft's. Its own transaction (autocommit).
     */
    public List<Trade> insertAll(Jdbi jdbi, List<NewTrade> batch, String initialMessage) {
        RawSql.Binding binding = INSERT_ALL.bind();
        Map<String, NewTrade> byPlatformNo = columns(batch, initialMessage, binding::set);
        return binding.query(jdbi, rs -> stored(byPlatformNo.get(rs.getString("platform_trade_no")),
                rs.getLong("id"), initialMessage, instant(rs, "created_at")));
    }

    /**
     * Payouts inserted under their merchants' AVAILABLE locks: the balance of each merchant that had a payout
     * inserted (merchant id → balance as locked; none when nothing was inserted: then nothing is frozen), and the
     * trades inserted.
     */
    public record LockedInsert(Map<Long, Long> available, List<Trade> inserted) {
    }

    /**
     * As {@link #insertAll} for payouts of any merchants (message {@code Processing}), in the same statement as the
     * lock of those merchants' AVAILABLE accounts in merchant-id order ({@link Ledger#lockAvailable}), all taken
     * before any row is written (the insert reads the lock's {@code ledger_locked}, which exists only once every lock
     * is held), so a batch never holds a trade row while waiting for a lock and two batches sharing merchants never
     * deadlock. A payout of a merchant without an AVAILABLE account is not inserted (as a duplicate is not).
     */
    public LockedInsert insertPayouts(Handle handle, List<NewTrade> batch) {
        var query = handle.createQuery("WITH <lock>\n" + INSERT
                + " JOIN ledger_locked ON t.m = ANY(ledger_locked.merchants)\n" + SKIP_TAKEN
                + ",\n    (SELECT balance FROM ledger_lock WHERE ledger_lock.merchant_id = trade.merchant_id)"
                + " AS available");
        Ledger.lockAvailable(query, batch.stream().map(NewTrade::merchantId).distinct().toList());
        Map<String, NewTrade> byPlatformNo = bindDrafts(query, batch, "Processing");
        Map<Long, Long> available = new HashMap<>();
        List<Trade> inserted = query.map((rs, ctx) -> {
            Trade trade = stored(byPlatformNo.get(rs.getString("platform_trade_no")), rs.getLong("id"),
                    "Processing", instant(rs, "created_at"));
            available.put(trade.merchantId(), rs.getLong("available"));
            return trade;
        }).list();
        return new LockedInsert(available, inserted);
    }

    /**
     * The rest of a payout batch in one statement, in the transaction of {@link #insertPayouts}: the freeze of the
     * accepted ones of every merchant ({@link Ledger.Freeze}), their submission-queue rows ({@code enqueue}, defined
     * by the caller) and the removal of the refused ones' rows; returns what the freeze's check needs.
     */
    public long acceptPayouts(Handle handle, Ledger.Freeze freeze, Consumer<SqlStatement<?>> enqueue,
                              List<Long> refused) {
        var query = handle.createQuery("""
                        WITH <freeze>,
                             <enqueue>,
                             gone AS (DELETE FROM trade WHERE id = ANY(CAST(:refused AS bigint[])))
                        SELECT """ + Ledger.Freeze.FROZEN_ACCOUNTS)
                .bind("refused", refused.stream().mapToLong(Long::longValue).toArray());
        freeze.bindTo(query);
        enqueue.accept(query);
        return query.mapTo(Long.class).one();
    }

    private static Map<String, NewTrade> bindDrafts(SqlStatement<?> statement, List<NewTrade> batch,
                                                    String initialMessage) {
        return columns(batch, initialMessage, statement::bind);
    }

    /** The columns of {@link #INSERT} for {@code batch}, one array each, handed to {@code bind} by name. */
    private static Map<String, NewTrade> columns(List<NewTrade> batch, String initialMessage,
                                                 BiConsumer<String, Object> bind) {
        int n = batch.size();
        String[] platformNos = new String[n];
        long[] merchants = new long[n];
        String[] tradeNos = new String[n];
        String[] directions = new String[n];
        String[] countries = new String[n];
        String[] currencies = new String[n];
        long[] amounts = new long[n];
        String[] amountTexts = new String[n];
        long[] fees = new long[n];
        String[] notifyUrls = new String[n];
        String[] returnUrls = new String[n];
        String[] remarks = new String[n];
        String[] details = new String[n];
        String[] channels = new String[n];
        String[] channelRefs = new String[n];
        Long[] pollAts = new Long[n];
        Map<String, NewTrade> byPlatformNo = new HashMap<>();
        for (int i = 0; i < n; i++) {
            NewTrade trade = batch.get(i);
            platformNos[i] = trade.platformTradeNo();
            merchants[i] = trade.merchantId();
            tradeNos[i] = trade.tradeNo();
            directions[i] = trade.direction().name();
            countries[i] = trade.country();
            currencies[i] = trade.currency();
            amounts[i] = trade.amountUnits();
            amountTexts[i] = trade.amountText();
            fees[i] = trade.feeUnits();
            notifyUrls[i] = trade.notifyUrl();
            returnUrls[i] = trade.returnUrl();
            remarks[i] = trade.remark();
            details[i] = json(trade.details());
            channels[i] = trade.channel();
            channelRefs[i] = trade.channelRef();
            pollAts[i] = trade.pollAt() == null ? null : trade.pollAt().toEpochMilli();
            byPlatformNo.put(trade.platformTradeNo(), trade);
        }
        bind.accept("msg", initialMessage);
        bind.accept("pn", platformNos);
        bind.accept("m", merchants);
        bind.accept("tn", tradeNos);
        bind.accept("d", directions);
        bind.accept("c", countries);
        bind.accept("cur", currencies);
        bind.accept("a", amounts);
        bind.accept("at", amountTexts);
        bind.accept("f", fees);
        bind.accept("nu", notifyUrls);
        bind.accept("ru", returnUrls);
        bind.accept("r", remarks);
        bind.accept("det", details);
        bind.accept("ch", channels);
        bind.accept("cr", channelRefs);
        bind.accept("pa", pollAts);
        return byPlatformNo;
    }

    /** A trade as {@link #insertAll} stored it: processing, nothing paid or settled yet. */
    private static Trade stored(NewTrade trade, long id, String message, Instant createdAt) {
        return Trade.builder().id(id).platformTradeNo(trade.platformTradeNo()).merchantId(trade.merchantId())
                .tradeNo(trade.tradeNo()).direction(trade.direction()).country(trade.country())
                .currency(trade.currency()).amountUnits(trade.amountUnits()).amountText(trade.amountText())
                .feeUnits(trade.feeUnits()).status(TradeStatus.PROCESSING).message(message)
                .notifyUrl(trade.notifyUrl()).returnUrl(trade.returnUrl()).remark(trade.remark())
                .details(trade.details()).channel(trade.channel()).channelRef(trade.channelRef()).createdAt(createdAt)
                .build();
    }

    /** What a paid pay-in credits (scale-4 units): what was paid, the fee on it, and when the rest settles. */
    public record PayinCredit(long paidUnits, long feeUnits, Instant settleAt) {
        long settleUnits() {
            return paidUnits - feeUnits;
        }
    }

    /** {@link #finish}'s statement; plain JDBC, since every result runs it (Jdbi's binding and mapping cost more). */
    private static final RawSql FINISH = new RawSql("""
            WITH t AS (UPDATE trade SET status = :status, message = :message, paid_amount = :paid,
                           finished_at = now(), settle_amount = :settleAmount, settle_at = :settleAt,
                           poll_at = NULL, channel_ref = coalesce(:channelRef, channel_ref)
                       WHERE id = :id AND status = '0015' AND channel = :channel
                       RETURNING *),
                 n AS (INSERT INTO notification (trade_id, next_attempt_at, request_id)
                       SELECT id, now(), :requestId FROM t),
                 """ + Ledger.Movement.AFTER_T + "\nSELECT * FROM t");

    private static final RawSql BY_PLATFORM_NO = new RawSql("SELECT * FROM trade WHERE platform_trade_no = :no");

    private static final RawSql BY_TRADE_NO = new RawSql("""
            SELECT * FROM trade WHERE merchant_id = :m AND trade_no = :tradeNo
              AND (CAST(:direction AS varchar) IS NULL OR direction = :direction)""");

    /**
     * The result statement: moves {@code seen}, if still processing on the channel it was read with, to the result's
     * final state, queues its notification (the outbox row, DESIGN §7, due now, keeping {@code requestId}) and writes
     * its ledger {@code movement} (balances, journal, postings), all in one statement; empty, writing nothing, when
     * the trade is not processing any more (a repeated event) or has moved to another channel since it was read.
     * {@code credit} only for a paid pay-in, else null.
     */
    public Optional<Trade> finish(Handle handle, Trade seen, ChannelResult result, PayinCredit credit,
                                  Ledger.Movement movement, String requestId) {
        RawSql.Binding binding = FINISH.bind()
                .set("status", result.status().wire())
                .set("message", result.message())
                .set("paid", credit == null ? null : credit.paidUnits())
                .set("settleAmount", credit == null ? null : credit.settleUnits())
                .set("settleAt", credit == null ? null : Timestamp.from(credit.settleAt()))
                .set("channelRef", result.channelRef())
                .set("id", seen.id())
                .set("channel", seen.channel())
                .set("requestId", requestId);
        movement.bindTo(binding::set);
        return binding.query(handle, TradeRepository::map).stream().findFirst();
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
        return BY_PLATFORM_NO.bind().set("no", platformTradeNo).query(handle, TradeRepository::map).stream()
                .findFirst();
    }

    /** As {@link #findByPlatformNo(Handle, String)}, on a pooled connection of its own (no handle). */
    public Optional<Trade> findByPlatformNo(Jdbi jdbi, String platformTradeNo) {
        return BY_PLATFORM_NO.bind().set("no", platformTradeNo).query(jdbi, TradeRepository::map).stream()
                .findFirst();
    }

    /**
     * A merchant's trade by its own trade number (of {@code direction}, or either when null), on a pooled connection
     * of its own: the merchant API's query, run by every query request.
     */
    public Optional<Trade> findByTradeNo(Jdbi jdbi, long merchantId, String tradeNo, Direction direction) {
        return BY_TRADE_NO.bind().set("m", merchantId).set("tradeNo", tradeNo)
                .set("direction", direction == null ? null : direction.name())
                .query(jdbi, TradeRepository::map).stream().findFirst();
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

    /** A pay-in's payment instructions, once its rail accepted it. */
    public record Instruction(long tradeId, String channel, Map<String, String> details, String channelRef,
                              Instant pollAt) {
    }

    /**
     * Stores the payment instructions of several pay-ins (and the channel that gave them) in one statement that also
     * logs each acceptance in {@code channel_attempt}; returns the ids of the trades updated (a trade no longer
     * processing is left as it is, its acceptance still logged). Its own transaction (autocommit).
     */
    public Set<Long> instructed(Jdbi jdbi, List<Instruction> batch) {
        int n = batch.size();
        long[] ids = new long[n];
        String[] channels = new String[n];
        String[] details = new String[n];
        String[] refs = new String[n];
        Long[] pollAts = new Long[n];
        for (int i = 0; i < n; i++) {
            Instruction instruction = batch.get(i);
            ids[i] = instruction.tradeId();
            channels[i] = instruction.channel();
            details[i] = json(instruction.details());
            refs[i] = instruction.channelRef();
            pollAts[i] = instruction.pollAt() == null ? null : instruction.pollAt().toEpochMilli();
        }
        return new HashSet<>(INSTRUCTED.bind().set("ids", ids).set("channels", channels).set("details", details)
                .set("refs", refs).set("polls", pollAts)
                .query(jdbi, rs -> rs.getLong(1)));
    }

    /** {@link #instructed}, run as plain JDBC ({@link RawSql}): every accepted pay-in passes here (issue 15). */
    private static final RawSql INSTRUCTED = new RawSql("""
            WITH input AS MATERIALIZED (
                SELECT * FROM unnest(CAST(:ids AS bigint[]), CAST(:channels AS text[]),
                    CAST(:details AS text[]), CAST(:refs AS text[]), CAST(:polls AS bigint[]))
                    AS i (id, channel, details, ref, poll)),
            attempt AS (
                INSERT INTO channel_attempt (trade_id, operation, channel, outcome, channel_ref)
                SELECT id, 'PAYIN', channel, 'ACCEPTED', ref FROM input)
            UPDATE trade SET channel = input.channel, details = CAST(input.details AS jsonb),
                channel_ref = input.ref, poll_at = to_timestamp(input.poll / 1000.0)
            FROM input
            WHERE trade.id = input.id AND trade.status = '0015'
            RETURNING trade.id""");

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
        Long paidUnits = rs.wasNull() ? null : paid;
        try {
            return Trade.builder()
                    .id(rs.getLong("id"))
                    .platformTradeNo(rs.getString("platform_trade_no"))
                    .merchantId(rs.getLong("merchant_id"))
                    .tradeNo(rs.getString("trade_no"))
                    .direction(Direction.valueOf(rs.getString("direction")))
                    .country(rs.getString("country"))
                    .currency(rs.getString("currency"))
                    .amountUnits(rs.getLong("amount"))
                    .amountText(rs.getString("amount_text"))
                    .feeUnits(rs.getLong("fee"))
                    .paidUnits(paidUnits)
                    .status(TradeStatus.fromWire(rs.getString("status")))
                    .message(rs.getString("message"))
                    .notifyUrl(rs.getString("notify_url"))
                    .returnUrl(rs.getString("return_url"))
                    .remark(rs.getString("remark"))
                    .details(Json.MAPPER.readValue(rs.getString("details"), DETAILS))
                    .channel(rs.getString("channel"))
                    .channelRef(rs.getString("channel_ref"))
                    .createdAt(instant(rs, "created_at"))
                    .finishedAt(instant(rs, "finished_at"))
                    .settleAt(instant(rs, "settle_at"))
                    .settledAt(instant(rs, "settled_at"))
                    .build();
        } catch (JsonProcessingException e) {
            throw new SQLException("trade details are not a JSON object of strings", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String json(Map<String, String> details) {
        return Json.stringMapText(details);
    }
}
