package org.openpaypro.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * What one callback attempt did: delivered only for HTTP 2xx with the answer {@code OK} ({@link MerchantText#isOk}).
 * {@code responseHead} and {@code error} are escaped ({@link MerchantText}): safe for PostgreSQL text and the log.
 * {@code kind} names the outcome for metrics. Immutable.
 */
public record AttemptOutcome(String url, Instant startedAt, Duration latency, Integer httpStatus, String responseHead,
                             String error, boolean delivered, String kind) {
}
