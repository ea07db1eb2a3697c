package org.openpaypro.notify;

import org.jdbi.v3.core.Handle;
import org.openpaypro.logs.RequestIds;
import org.slf4j.MDC;

/**
 * Writes the notification of a finished trade in the caller's transaction (the outbox of DESIGN §7): committed
 * together with the state change or not at all. Its SQL is {@link NotificationRepository#enqueue}. Stateless,
 * thread-safe.
 */
public final class Outbox {
    private final NotificationRepository notifications = new NotificationRepository();

    /** Also keeps the id of the request that finished the trade (the MDC's, null when a worker finished it). */
    public void enqueue(Handle handle, long tradeId) {
        notifications.enqueue(handle, tradeId, MDC.get(RequestIds.REQUEST_ID));
    }
}
