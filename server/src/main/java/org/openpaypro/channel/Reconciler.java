package org.openpaypro.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.trade.Trade;
import org.openpaypro.trade.TradeRepository;
import org.openpaypro.trade.TradeService;

/**
 * Asks the channel for the outcome of processing trades whose poll is due (DESIGN §6). Claims them with SKIP LOCKED
 * and pushes their next poll forward before asking, so several nodes never poll the same trade at once. An outcome
 * goes through {@link TradeService#complete} like every other source; no outcome keeps the trade processing (a
 * payout is never failed on a guess). A trade whose channel is not configured in this mode (a simulator trade seen
 * in live mode) is never polled. Thread-safe.
 */
public final class Reconciler {
    private static final int BATCH = 200;
    private static final Duration REPOLL = Duration.ofSeconds(60);

    private final Jdbi jdbi;
    private final TradeRepository trades;
    private final TradeService service;
    private final Channels channels;

    public Reconciler(Jdbi jdbi, TradeRepository trades, TradeService service, Channels channels) {
        this.jdbi = jdbi;
        this.trades = trades;
        this.service = service;
        this.channels = channels;
    }

    /** One pass; returns how many trades it finished. */
    public int runOnce() {
        List<Trade> due = jdbi.inTransaction(handle -> trades.claimDuePolls(handle, BATCH, Instant.now().plus(REPOLL)));
        int finished = 0;
        for (Trade trade : due) {
            Optional<ChannelResult> result = channels.of(trade).flatMap(channel -> channel.poll(trade));
            if (result.isPresent() && service.complete(trade.platformTradeNo(), result.get())
                    .map(TradeService.Completion::changed).orElse(false)) {
                finished++;
            }
        }
        return finished;
    }
}
