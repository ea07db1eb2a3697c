package org.openpaypro.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the rail for the outcome of processing trades whose poll is due (DESIGN §6, §13): payouts after their
 * submission (accepted or unknown), pay-ins whose create ended unknown or whose webhook may have been lost. Claims
 * them with SKIP LOCKED (through {@link TradeLink#claimDuePolls}) and pushes their next poll forward before asking,
 * so several nodes never poll the same trade at once. An outcome goes through {@link TradeLink#complete} like every
 * other source; no outcome keeps the trade processing (a payout is never failed on a guess). A trade whose channel is
 * not configured in this mode (a simulator trade seen in live mode) is never asked. Thread-safe.
 */
public final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final int BATCH = 200;

    private final TradeLink trades;
    private final Channels channels;
    private final Duration repoll;

    /** {@code repoll}: when a claimed trade is due again (asked again, or taken over if this node dies asking). */
    public Reconciler(TradeLink trades, Channels channels, Duration repoll) {
        this.trades = trades;
        this.channels = channels;
        this.repoll = repoll;
    }

    /** One pass; returns how many trades it finished. */
    public int runOnce() {
        List<TradeView> due = trades.claimDuePolls(BATCH, Instant.now().plus(repoll));
        int finished = 0;
        for (TradeView trade : due) {
            try {
                Optional<RailResult> result = channels.connector(trade.channel())
                        .flatMap(connector -> connector.query(trade.ref()));
                if (result.isPresent() && trades.complete(trade.platformTradeNo(), result.get())) {
                    finished++;
                }
            } catch (RuntimeException e) {
                log.warn("reconciling {} on {} failed (asked again later): {}", trade.platformTradeNo(),
                        trade.channel(), e.toString());
            }
        }
        return finished;
    }
}
