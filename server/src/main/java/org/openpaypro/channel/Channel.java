package org.openpaypro.channel;

import java.time.Instant;
import java.util.Optional;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.trade.NewTrade;
import org.openpaypro.trade.Trade;

/**
 * A payment rail connector (DESIGN §6). Implementations must be thread-safe. Results never change trades directly:
 * they come back as {@link ChannelResult}s that the trade service applies, so every source goes through one path.
 */
public interface Channel {
    String name();

    /** Payment instructions for a new pay-in (called before the trade is stored). */
    PayinInstructions createPayin(NewTrade trade, Merchant merchant);

    /** When the reconciler should first ask for the outcome of a new payout; empty: only an event finishes it. */
    Optional<Instant> firstPayoutPoll(Instant now);

    /** The final outcome if the rail knows it; empty while it is still processing or unknown. */
    Optional<ChannelResult> poll(Trade trade);
}
