package org.openpaypro.trade;

import java.util.Optional;
import org.openpaypro.country.Countries;
import org.openpaypro.notify.CallbackSource;

/** The trades' side of notify: a finished trade's callback, its body built by {@link CallbackPayload}. Thread-safe. */
public final class TradeCallbacks implements CallbackSource {
    private final TradeService trades;
    private final Countries countries;

    public TradeCallbacks(TradeService trades, Countries countries) {
        this.trades = trades;
        this.countries = countries;
    }

    @Override
    public Optional<Callback> find(long tradeId) {
        return trades.findById(tradeId).map(trade -> new Callback(trade.merchantId(), trade.platformTradeNo(),
                trade.notifyUrl(), (secret, nowMillis) -> CallbackPayload.build(trade, countries.get(trade.country()),
                secret, nowMillis)));
    }
}
