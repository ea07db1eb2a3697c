package org.openpaypro.channel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The log of every call that asked a rail to create something (table {@code channel_attempt}): time, channel,
 * operation, outcome ({@code ACCEPTED}, {@code REFUSED}, {@code UNKNOWN}), reason and the rail's reference. Shown
 * on {@code GET /admin/v1/trades/{no}} as {@code submissions}. Stateless.
 */
public final class ChannelAttemptRepository {
    public void record(Handle handle, long tradeId, String operation, String channel, CreateOutcome<?> outcome,
                       String channelRef) {
        String kind = outcome instanceof CreateOutcome.Accepted<?> ? "ACCEPTED"
                : outcome instanceof CreateOutcome.Refused<?> ? "REFUSED" : "UNKNOWN";
        String reason = outcome instanceof CreateOutcome.Refused<?> refused ? refused.reason()
                : outcome instanceof CreateOutcome.Unknown<?> unknown ? unknown.reason() : null;
        handle.createUpdate("""
                        INSERT INTO channel_attempt (trade_id, operation, channel, outcome, reason, channel_ref)
                        VALUES (:trade, :op, :channel, :outcome, :reason, :ref)""")
                .bind("trade", tradeId).bind("op", operation).bind("channel", channel).bind("outcome", kind)
                .bind("reason", reason == null ? null : reason.length() > 500 ? reason.substring(0, 500) : reason)
                .bind("ref", channelRef)
                .execute();
    }

    public List<Map<String, Object>> list(Handle handle, long tradeId) {
        return handle.createQuery("""
                        SELECT at, operation, channel, outcome, reason, channel_ref FROM channel_attempt
                        WHERE trade_id = :trade ORDER BY id""")
                .bind("trade", tradeId)
                .map((rs, ctx) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("at", rs.getTimestamp("at").toInstant().toString());
                    row.put("operation", rs.getString("operation"));
                    row.put("channel", rs.getString("channel"));
                    row.put("outcome", rs.getString("outcome"));
                    row.put("reason", rs.getString("reason"));
                    row.put("channelRef", rs.getString("channel_ref"));
                    return row;
                })
                .list();
    }
}
