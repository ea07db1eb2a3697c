package org.openpaypro.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.db.GroupCommit;

/**
 * Remembers every accepted signature per merchant in the database ({@code seen_sign}, shared by all nodes and kept
 * across restarts) for as long as the timestamp window could accept it again, so that the same signed request is
 * served at most once, whatever endpoint it is sent to. A request with timestamp {@code T} is remembered until
 * {@code T + window + clock margin}; one without a timestamp for {@code window + margin} from now. With the window
 * switched off, signatures are remembered for {@link #RETENTION_WITHOUT_WINDOW}.
 *
 * <p>Every merchant request passes here, so concurrent uses are group-committed ({@link GroupCommit}, one lane for
 * all merchants): one multi-row statement per batch of at most {@value #MAX_BATCH}; a caller waits at most
 * {@link #WAIT} for its batch (then its request fails with 5000, nothing served). The same merchant and sign twice in
 * one batch: the first one in the batch is the first use, the others are replays. Thread-safe.
 */
public final class ReplayGuard {
    /** Allowance for clocks of gateway nodes that differ from each other. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);
    /** How long a signature is remembered when OPENPAYPRO_TIMESTAMP_WINDOW is off. */
    static final Duration RETENTION_WITHOUT_WINDOW = Duration.ofHours(24);
    private static final int DELETE_BATCH = 10_000;
    /** Uses recorded in one statement, at most (bounds the statement's size; more wait for the next batch). */
    static final int MAX_BATCH = 256;
    /** How long a request waits for its batch to be written before it gives up. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private final Jdbi jdbi;
    private final Duration window;
    private final ReplayRepository repository = new ReplayRepository();
    private final GroupCommit<Boolean, ReplayRepository.Use, Boolean> batches =
            new GroupCommit<>(MAX_BATCH, WAIT, this::record);

    public ReplayGuard(Jdbi jdbi, Duration window) {
        this.jdbi = jdbi;
        this.window = window;
    }

    /**
     * Records {@code sign} (32 hex characters, verified) for the merchant; false when it was already recorded and
     * has not expired. Written with the concurrent requests' signatures in one statement that commits without
     * waiting for the disk: the next synchronous commit on the server (the request's own write, if it makes one)
     * makes it durable with it, so a crash can lose only records of requests that wrote nothing. A database failure
     * propagates (nothing served).
     */
    public boolean firstUse(long merchantId, String sign, Long timestampMillis) {
        if (sign.length() != 32 || !sign.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            throw new IllegalArgumentException("a sign is 32 lowercase hex characters");
        }
        return batches.submit(Boolean.TRUE,
                new ReplayRepository.Use(merchantId, sign, expiry(timestampMillis).toEpochMilli()));
    }

    /** One batch: distinct uses go to the database; a repeat within the batch is a replay of its first one. */
    List<Boolean> record(List<ReplayRepository.Use> uses) {
        Set<String> keys = new HashSet<>();
        List<ReplayRepository.Use> distinct = new ArrayList<>(uses.size());
        for (ReplayRepository.Use use : uses) {
            if (keys.add(use.key())) {
                distinct.add(use);
            }
        }
        Set<String> fresh = repository.recordUnlessSeen(jdbi, distinct);
        List<Boolean> verdicts = new ArrayList<>(uses.size());
        for (ReplayRepository.Use use : uses) {
            verdicts.add(fresh.remove(use.key()));
        }
        return verdicts;
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
