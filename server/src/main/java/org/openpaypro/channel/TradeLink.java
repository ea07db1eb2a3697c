package org.openpaypro.channel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The callback interface through which the channel side reaches trades without importing them (DESIGN §2: trade
 * implements it). Every result goes through {@link #complete}, i.e. {@code TradeService.complete}: a trade already
 * final is left unchanged, so duplicate and out-of-order results are no-ops. Implementations are thread-safe.
 */
public interface TradeLink {
    Optional<TradeView> find(String platformTradeNo);

    /** The trade a channel knows by its own reference. */
    Optional<TradeView> findByChannelRef(String channel, String channelRef);

    /** Claims up to {@code limit} processing trades whose poll is due, pushing their next poll to {@code next}. */
    List<TradeView> claimDuePolls(int limit, Instant next);

    /** A payout reached its rail (reference null when the outcome is unknown): ask the rail from {@code pollAt}. */
    void submitted(String platformTradeNo, String channelRef, Instant pollAt);

    /** A payout moves to the next channel of its route after a refusal. */
    void rerouted(String platformTradeNo, String channel);

    /** Applies a final result; true when it changed the trade (false: already final, or no such trade). */
    boolean complete(String platformTradeNo, ChannelResult result);

    /** As {@link #complete(String, ChannelResult)} for a result in the rail's major units. */
    boolean complete(String platformTradeNo, RailResult result);
}
