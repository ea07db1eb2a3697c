package org.openpaypro.http;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.jdbi.v3.core.Jdbi;

/**
 * Remembers every accepted signature per merchant in the database ({@code seen_sign}, shared by all nodes and kept
 * across restarts) for as long as the timestamp window could accept it again, so that the same signed request is
 * served at most once, whatever endpoint it is sent to. A request with timestamp {@code T} is remembered until
 * {@code T + window + clock margin}; one without a timestamp for {@code window + margin} from now. With the window
 * switched off, signatures are remembered for {@link #RETENTION_WITHOUT_WINDOW}. Thread-safe.
 */
public final class ReplayGuard {
    /** Allowance for clocks of gateway nodes that differ from each other. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);
    /** How long a signature is remembered when OPENPAYPRO_TIMESTAMP_WINDOW is off. */
    static final Duration RETENTION_WITHOUT_WINDOW = Duration.ofHours(24);
    private static final int DELETE_BATCH = 10_000;

    private final Jdbi jdbi;
    private final Duration window;
    private final ReplayRepository repository = new ReplayRepository();

    public ReplayGuard(Jdbi jdbi, Duration window) {
        this.jdbi = jdbi;
        this.window = window;
    }

    /**
     * Records {@code sign} (32 hex characters, verified) for the merchant; false when it was already recorded and
     * has not expired. One insert in its own transaction, committed without waiting for the disk: the next
     * synchronous commit on the server (the request's own write, if it makes one) makes it durable with it, so a
     * crash can lose only records of requests that wrote nothing. A database failure propagates (nothing served).
     */
    public boolean firstUse(long merchantId, String sign, Long timestampMillis) {
        Instant expiresAt = expiry(timestampMillis);
        byte[] digest = HexFormat.of().parseHex(sign);
        return jdbi.inTransaction(handle -> repository.recordUnlessSeen(handle, merchantId, digest, expiresAt));
    }

    private Instant expiry(Long timestampMillis) {
        if (window == null) {
            return Instant.now().plus(RETENTION_WITHOUT_WINDOW);
        }
        Instant base = timestampMillis == null ? Instant.now() : Instant.ofEpochMilli(timestampMillis);
        return base.plus(window).plus(CLOCK_MARGIN);
    }

    /** Deletes expired signatures in batches; returns how many. Run by a periodic job on every node. */
    public int deleteExpired() {
        int total = 0;
        int deleted;
        do {
            deleted = jdbi.withHandle(handle -> repository.deleteExpired(handle, DELETE_BATCH));
            total += deleted;
        } while (deleted == DELETE_BATCH);
        return total;
    }
}
