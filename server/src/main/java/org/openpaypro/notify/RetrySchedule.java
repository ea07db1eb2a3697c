package org.openpaypro.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When the next callback attempt is due (DESIGN §7): after failed attempt n (from 1) the next one is due
 * {@code delays[n-1]} later; a delivered notification, or one whose attempt n came after the last delay, has none
 * (exhausted). Immutable, thread-safe.
 */
public record RetrySchedule(List<Duration> delays) {
    public RetrySchedule {
        delays = List.copyOf(delays);
    }

    /** The next attempt after attempt {@code attemptNo} finished at {@code now}; null when there is none. */
    public Instant nextAttempt(int attemptNo, boolean delivered, Instant now) {
        if (delivered || attemptNo > delays.size()) {
            return null;
        }
        return now.plus(delays.get(attemptNo - 1));
    }
}
