package org.openpaypro.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.country.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works the payout submission queue (DESIGN §13) on any node: claims due rows ({@link SubmissionRepository#claim}),
 * calls the row's channel with the payout's idempotency key, records the attempt and applies the outcome. A send
 * costs three statements, none in an explicit transaction: the claim, the trade's rail fields, the attempt + row state.
 * Accepted: the rail's reference is stored and the reconciler asks from the rail's first poll time. Refused: the
 * next channel of the merchant's route not yet tried gets it; when none is left the payout fails through
 * {@link TradeLink#complete} (which releases the frozen funds and queues the callback). Unknown: the payout stays
 * processing and only the reconciler asks the rail, under the same key; it is never sent under a new key and never
 * failed on a guess. A row whose sender died mid-send is sent again to the same channel with the same key.
 * Thread-safe.
 */
public final class Submitter {
    /** Rows one pass works at most; each is claimed on its own, so no claimed row waits behind others. */
    static final int BATCH = 50;
    /** When the reconciler first asks about a payout whose submission ended unknown. */
    public static final Duration UNKNOWN_FIRST_QUERY = Duration.ofSeconds(2);
    /** When the reconciler first asks about an accepted payout whose rail gave no poll time. */
    static final Duration DEFAULT_FIRST_QUERY = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(Submitter.class);

    private final Jdbi jdbi;
    private final SubmissionRepository queue;
    private final Channels channels;
    private final TradeLink trades;
    private final Duration lease;

    /** {@code lease}: how long a claimed row is this node's; longer than one call to the rail may take. */
    public Submitter(Jdbi jdbi, SubmissionRepository queue, Channels channels, TradeLink trades, Duration lease) {
        this.jdbi = jdbi;
        this.queue = queue;
        this.channels = channels;
        this.trades = trades;
        this.lease = lease;
    }

    /** One pass: claims and sends one row at a time until none is due (at most {@link #BATCH}). */
    public int runOnce() {
        int worked = 0;
        while (worked < BATCH) {
            // one statement in autocommit: the claim and its lease commit together, no BEGIN/COMMIT round trips
            List<SubmissionRepository.Claimed> claimed = jdbi.withHandle(handle -> queue.claim(handle, 1, lease));
            if (claimed.isEmpty()) {
                break;
            }
            SubmissionRepository.Claimed row = claimed.get(0);
            worked++;
            try {
                submit(row);
            } catch (RuntimeException e) {
                log.warn("payout {} submission not finished (retried after the lease): {}", row.platformTradeNo(),
                        e.toString());
            }
        }
        return worked;
    }

    /**
     * Makes sure the payout reached its rail before an operator's sandbox outcome finishes it (a rail cannot finish
     * a payout it never received): sends it now if it is still queued, or waits (at most {@code wait}) while another
     * submitter is sending it.
     */
    public void submitNow(String platformTradeNo, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (jdbi.withHandle(handle -> queue.waiting(handle, platformTradeNo)) && System.nanoTime() < deadline) {
            List<SubmissionRepository.Claimed> claimed = jdbi.withHandle(handle -> queue.claimTrade(handle,
                    platformTradeNo, lease));
            if (!claimed.isEmpty()) {
                submit(claimed.get(0));
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void submit(SubmissionRepository.Claimed row) {
        Optional<Connector> connector = channels.connector(row.channel());
        boolean usable = channels.channel(row.channel()).map(ChannelRecord::enabled).orElse(false);
        if (connector.isEmpty() || (!usable && row.previousSends() == 0)) {
            if (row.previousSends() == 0) {
                refused(row, new CreateOutcome.Refused<>("channel " + row.channel() + " is not available"));
            } else {
                unknown(row, new CreateOutcome.Unknown<>("channel " + row.channel() + " is gone mid-send"));
            }
            return;
        }
        CreateOutcome<PayoutSubmission> outcome = connector.get().submitPayout(row.request());
        if (outcome instanceof CreateOutcome.Accepted<PayoutSubmission> accepted) {
            PayoutSubmission submission = accepted.value();
            // the trade first: a crash before the queue row is marked only sends again under the same key
            trades.submitted(row.platformTradeNo(), submission.channelRef(), submission.firstPoll() != null
                    ? submission.firstPoll() : Instant.now().plus(DEFAULT_FIRST_QUERY));
            jdbi.useHandle(handle -> queue.sent(handle, row, outcome, submission.channelRef()));
        } else if (outcome instanceof CreateOutcome.Refused<PayoutSubmission> refused) {
            refused(row, refused);
        } else {
            unknown(row, outcome);
        }
    }

    private void unknown(SubmissionRepository.Claimed row, CreateOutcome<?> outcome) {
        trades.submitted(row.platformTradeNo(), null, Instant.now().plus(UNKNOWN_FIRST_QUERY));
        jdbi.useHandle(handle -> queue.sent(handle, row, outcome, null));
    }

    private void refused(SubmissionRepository.Claimed row, CreateOutcome.Refused<?> refused) {
        List<String> tried = new ArrayList<>(row.tried());
        tried.add(row.channel());
        Optional<String> next = channels.route(row.merchantId(), row.country(), Operation.PAYOUT.name()).stream()
                .filter(name -> !tried.contains(name)).findFirst();
        // the trade first: a crash in between only asks the refusing channel again under the same key
        next.ifPresent(channel -> trades.rerouted(row.platformTradeNo(), channel));
        jdbi.useHandle(handle -> queue.refused(handle, row, refused, next.orElse(null), tried));
        if (next.isEmpty()) {
            // completing marks the row DONE; a crash before it sends again and is refused again
            trades.complete(row.platformTradeNo(), ChannelResult.failure(refused.reason()));
        }
    }
}
