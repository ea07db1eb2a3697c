package org.openpaypro.trade;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.channel.ChannelResult;
import org.openpaypro.channel.RailResult;
import org.openpaypro.channel.TradeLink;
import org.openpaypro.channel.TradeView;

/**
 * Trade's side of the channel callback interface (DESIGN §2): the channel package reaches trades only through this,
 * and every result it reports goes through {@link TradeService#complete}. Thread-safe.
 */
public final class ChannelCallbacks implements TradeLink {
    private final Jdbi jdbi;
    private final TradeRepository trades;
    private final TradeService service;
    private final LongFunction<String> merchantNames;

    /** {@code merchantNames}: a merchant's display name by id (for the simulator's cashier page). */
    public ChannelCallbacks(Jdbi jdbi, TradeRepository trades, TradeService service,
                            LongFunction<String> merchantNames) {
        this.jdbi = jdbi;
        this.trades = trades;
        this.service = service;
        this.merchantNames = merchantNames;
    }

    @Override
    public Optional<TradeView> find(String platformTradeNo) {
        return service.find(platformTradeNo).map(trade -> view(trade, merchantNames.apply(trade.merchantId())));
    }

    @Override
    public Optional<TradeView> findByChannelRef(String channel, String channelRef) {
        return jdbi.withHandle(handle -> trades.findByChannel(handle, channel, channelRef)).map(t -> view(t, null));
    }

    @Override
    public List<TradeView> claimDuePolls(int limit, Instant next) {
        return jdbi.inTransaction(handle -> trades.claimDuePolls(handle, limit, next)).stream()
                .map(trade -> view(trade, null)).toList();
    }

    @Override
    public void submitted(String platformTradeNo, String channelRef, Instant pollAt) {
        jdbi.useHandle(handle -> trades.rail(handle, platformTradeNo, null, channelRef, pollAt));
    }

    @Override
    public void rerouted(String platformTradeNo, String channel) {
        jdbi.useHandle(handle -> trades.rail(handle, platformTradeNo, channel, null, null));
    }

    @Override
    public boolean complete(String platformTradeNo, ChannelResult result) {
        return service.complete(platformTradeNo, result).map(TradeService.Completion::changed).orElse(false);
    }

    @Override
    public boolean complete(String platformTradeNo, RailResult result) {
        return service.completeRail(platformTradeNo, result);
    }

    static TradeView view(Trade trade, String merchantName) {
        return new TradeView(trade.id(), trade.platformTradeNo(), trade.direction() == Direction.PAYOUT,
                trade.country(), trade.currency(), TradeService.major(trade.amountUnits()), trade.status(),
                trade.channel(), trade.channelRef(), trade.details(), merchantName, trade.returnUrl(),
                trade.createdAt());
    }
}
