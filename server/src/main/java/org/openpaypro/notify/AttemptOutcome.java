package org.openpaypro.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * What one callback attempt did: delivered only for HTTP 2xx with the trimmed body {@code OK} (any case).
 * {@code kind} names the outcome for metrics. Immutable.
 */
public record AttemptOutcome(String url, Instant startedAt, Duration latency, Integer httpStatus, String responseHead,
                             String error, boolean delivered, String kind) {
}
