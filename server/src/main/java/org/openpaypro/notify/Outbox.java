package org.openpaypro.notify;

import org.jdbi.v3.core.Handle;

/**
 * Writes the notification of a finished trade in the caller's transaction (the outbox of DESIGN §7): committed
 * together with the state change or not at all. Stateless, thread-safe.
 */
public final class Outbox {
    public void enqueue(Handle handle, long tradeId) {
        handle.createUpdate("INSERT INTO notification (trade_id, next_attempt_at) VALUES (:trade, now())")
                .bind("trade", tradeId)
                .execute();
    }
}
