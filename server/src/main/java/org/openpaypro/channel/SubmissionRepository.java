package org.openpaypro.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;
import org.openpaypro.json.Json;

/**
 * The durable payout submission queue (table {@code payout_submission}, DESIGN §13). A row is written in the
 * transaction that stores and freezes the payout; a submitter on any node claims due rows with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, so two nodes never send the same row at once and a node that dies
 * mid-send leaves a row another node picks up after the lease (and sends again under the same idempotency key).
 * States: {@code QUEUED} → {@code SENDING} → {@code SUBMITTED} | {@code UNKNOWN} (the reconciler asks the rail)
 * | {@code REFUSED}; {@code DONE} once the trade is final. Each method is one statement: the claims run in
 * autocommit (a claim is its own transaction), a send's outcome and its {@code channel_attempt} log row are written
 * together. Stateless.
 */
public final class SubmissionRepository {
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    /** A claimed row: which channel to send to, what was tried before, and how often it was sent already. */
    public record Claimed(long tradeId, String platformTradeNo, long merchantId, String country, String channel,
                          List<String> tried, int previousSends, PayoutRequest request) {
    }

    /** The idempotency key of a payout: derived from its trade number, the same on every attempt. */
    public static String idempotencyKey(String platformTradeNo) {
        return "opp" + platformTradeNo;
    }

    /** A payout to queue: its trade, first channel and the request as the rail will see it. */
    public record Queued(long tradeId, String channel, PayoutRequest request) {
    }

    /**
     * Queues the payouts as a CTE ({@code queue_rows}) of the statement that freezes them, in the transaction that
     * stores them: defines {@code <enqueue>} and binds it. The trade number and country come from the trade row
     * itself (not from per-row parameters), so the unique trade number is never a literal in the statement.
     */
    public static void enqueue(SqlStatement<?> statement, List<Queued> rows) {
        statement.define("enqueue", """
                        queue_rows AS (INSERT INTO payout_submission (trade_id, platform_trade_no, merchant_id,
                                           country, idempotency_key, request, channel)
                                       SELECT t.id, t.platform_trade_no, t.merchant_id, t.country, q.key,
                                              CAST(q.request AS jsonb), q.channel
                                       FROM unnest(CAST(:queue_trades AS bigint[]), CAST(:queue_keys AS text[]),
                                                   CAST(:queue_requests AS text[]), CAST(:queue_channels AS text[]))
                                           AS q(trade_id, key, request, channel)
                                       JOIN trade t ON t.id = q.trade_id)""")
                .bind("queue_trades", rows.stream().mapToLong(Queued::tradeId).toArray())
                .bind("queue_keys", rows.stream().map(row -> row.request().idempotencyKey())
                        .toArray(String[]::new))
                .bind("queue_requests", rows.stream().map(row -> json(row.request())).toArray(String[]::new))
                .bind("queue_channels", rows.stream().map(Queued::channel).toArray(String[]::new));
    }

    /** Claims due rows: queued ones, and ones whose sender's lease ran out (a node died while sending). */
    public List<Claimed> claim(Handle handle, int limit, Duration lease) {
        return handle.createQuery("""
                        WITH due AS (
                            SELECT trade_id, sends FROM payout_submission
                            WHERE state = 'QUEUED' OR (state = 'SENDING' AND lease_until < now())
                            ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        UPDATE payout_submission s SET state = 'SENDING', sends = s.sends + 1, updated_at = now(),
                            lease_until = now() + make_interval(secs => :lease)
                        FROM due WHERE s.trade_id = due.trade_id
                        RETURNING s.*, due.sends AS previous_sends""")
                .bind("limit", limit).bind("lease", (double) lease.toMillis() / 1000)
                .map((rs, ctx) -> claimed(rs))
                .list();
    }

    /** Claims the row of one payout if it is due and nobody else holds it (the sandbox finishing it first). */
    public List<Claimed> claimTrade(Handle handle, String platformTradeNo, Duration lease) {
        return handle.createQuery("""
                        WITH due AS (
                            SELECT trade_id, sends FROM payout_submission
                            WHERE platform_trade_no = :no
                              AND (state = 'QUEUED' OR (state = 'SENDING' AND lease_until < now()))
                            FOR UPDATE SKIP LOCKED)
                        UPDATE payout_submission s SET state = 'SENDING', sends = s.sends + 1, updated_at = now(),
                            lease_until = now() + make_interval(secs => :lease)
                        FROM due WHERE s.trade_id = due.trade_id
                        RETURNING s.*, due.sends AS previous_sends""")
                .bind("no", platformTradeNo).bind("lease", (double) lease.toMillis() / 1000)
                .map((rs, ctx) -> claimed(rs))
                .list();
    }

    /** Whether the payout is still waiting to reach its rail (queued or being sent). */
    public boolean waiting(Handle handle, String platformTradeNo) {
        return handle.createQuery("SELECT count(*) FROM payout_submission WHERE platform_trade_no = :no "
                + "AND state IN ('QUEUED', 'SENDING')").bind("no", platformTradeNo).mapTo(Long.class).one() > 0;
    }

    /**
     * The send ended (submitted or unknown): the attempt is logged ({@code channel_attempt}) and the row leaves
     * SENDING — only from SENDING, so a finished trade stays DONE — in one statement.
     */
    public void sent(Handle handle, Claimed row, CreateOutcome<?> outcome, String channelRef) {
        handle.createUpdate("""
                        WITH s AS (UPDATE payout_submission SET state = :state, lease_until = NULL, updated_at = now()
                                   WHERE trade_id = :trade AND state = 'SENDING')
                        INSERT INTO channel_attempt (trade_id, operation, channel, outcome, reason, channel_ref)
                        VALUES (:trade, 'PAYOUT', :channel, :outcome, :reason, :ref)""")
                .bind("state", outcome instanceof CreateOutcome.Accepted<?> ? "SUBMITTED" : "UNKNOWN")
                .bind("trade", row.tradeId()).bind("channel", row.channel()).bind("outcome", kind(outcome))
                .bind("reason", reason(outcome)).bind("ref", channelRef)
                .execute();
    }

    /**
     * The channel refused: the attempt is logged and, when {@code next} is a channel, the payout is queued again for
     * it (the channel added to {@code tried}); when it is null the row stays SENDING until the trade's failure marks
     * it DONE. One statement.
     */
    public void refused(Handle handle, Claimed row, CreateOutcome.Refused<?> refused, String next,
                        List<String> tried) {
        handle.createUpdate("""
                        WITH s AS (UPDATE payout_submission SET state = 'QUEUED', channel = :next, tried = :tried,
                                       sends = 0, lease_until = NULL, updated_at = now()
                                   WHERE trade_id = :trade AND state = 'SENDING' AND CAST(:next AS text) IS NOT NULL)
                        INSERT INTO channel_attempt (trade_id, operation, channel, outcome, reason, channel_ref)
                        VALUES (:trade, 'PAYOUT', :channel, 'REFUSED', :reason, NULL)""")
                .bind("next", next).bind("tried", tried.toArray(String[]::new)).bind("trade", row.tradeId())
                .bind("channel", row.channel()).bind("reason", reason(refused))
                .execute();
    }

    private static String kind(CreateOutcome<?> outcome) {
        return outcome instanceof CreateOutcome.Accepted<?> ? "ACCEPTED"
                : outcome instanceof CreateOutcome.Refused<?> ? "REFUSED" : "UNKNOWN";
    }

    /** The rail's or our reason, cut to what the attempt log keeps. */
    private static String reason(CreateOutcome<?> outcome) {
        String reason = outcome instanceof CreateOutcome.Refused<?> refused ? refused.reason()
                : outcome instanceof CreateOutcome.Unknown<?> unknown ? unknown.reason() : null;
        return reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500);
    }

    /** The trade is final: nothing more to send or ask. */
    public void finished(Handle handle, long tradeId) {
        handle.createUpdate("UPDATE payout_submission SET state = 'DONE', lease_until = NULL, updated_at = now() "
                + "WHERE trade_id = :trade").bind("trade", tradeId).execute();
    }

    /** Rows not yet final, by state (for the metric and the operator). */
    public Map<String, Long> openCounts(Handle handle) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String state : List.of("QUEUED", "SENDING", "UNKNOWN")) {
            counts.put(state, 0L);
        }
        handle.createQuery("""
                        SELECT state, count(*) AS n FROM payout_submission
                        WHERE state IN ('QUEUED', 'SENDING', 'UNKNOWN') GROUP BY state""")
                .map((rs, ctx) -> counts.put(rs.getString("state"), rs.getLong("n")))
                .list();
        return counts;
    }

    /** The row of one trade for the operator: state, channel, sends, idempotency key; empty map when none. */
    public Map<String, Object> describe(Handle handle, long tradeId) {
        return handle.createQuery("""
                        SELECT state, channel, tried, sends, idempotency_key, updated_at FROM payout_submission
                        WHERE trade_id = :trade""")
                .bind("trade", tradeId)
                .map((rs, ctx) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("state", rs.getString("state"));
                    row.put("channel", rs.getString("channel"));
                    row.put("tried", strings(rs.getArray("tried")));
                    row.put("sends", rs.getInt("sends"));
                    row.put("idempotencyKey", rs.getString("idempotency_key"));
                    row.put("updatedAt", rs.getTimestamp("updated_at").toInstant().toString());
                    return row;
                })
                .findOne().orElse(Map.of());
    }

    private static Claimed claimed(ResultSet rs) throws SQLException {
        try {
            Map<String, Object> request = Json.MAPPER.readValue(rs.getString("request"), OBJECT);
            @SuppressWarnings("unchecked")
            Map<String, String> details = (Map<String, String>) request.get("details");
            PayoutRequest payout = new PayoutRequest((String) request.get("platformTradeNo"),
                    (String) request.get("idempotencyKey"), (String) request.get("country"),
                    (String) request.get("currency"), new BigDecimal((String) request.get("amount")),
                    (String) request.get("remark"), details == null ? Map.of() : details);
            return new Claimed(rs.getLong("trade_id"), rs.getString("platform_trade_no"), rs.getLong("merchant_id"),
                    rs.getString("country"), rs.getString("channel"), strings(rs.getArray("tried")),
                    rs.getInt("previous_sends"), payout);
        } catch (JsonProcessingException e) {
            throw new SQLException("payout submission request is not JSON", e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static String json(PayoutRequest request) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("platformTradeNo", request.platformTradeNo());
        map.put("idempotencyKey", request.idempotencyKey());
        map.put("country", request.country());
        map.put("currency", request.currency());
        map.put("amount", request.amount().toPlainString());
        map.put("remark", request.remark());
        map.put("details", request.details());
        try {
            return Json.MAPPER.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
