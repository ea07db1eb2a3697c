package org.openpaypro.notify;

/**
 * Where a notification of the outbox stands (column {@code notification.status}): waiting for its next attempt,
 * delivered (HTTP 2xx answered {@code OK}), or exhausted after the last attempt of the retry schedule.
 */
public enum NotificationStatus {
    PENDING, DELIVERED, EXHAUSTED;

    /** After an attempt: delivered, pending while a next attempt is due ({@code nextAttempt} set), else exhausted. */
    static NotificationStatus after(boolean delivered, Object nextAttempt) {
        return delivered ? DELIVERED : nextAttempt == null ? EXHAUSTED : PENDING;
    }
}
