package org.openpaypro.trade;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.openpaypro.country.Countries;
import org.openpaypro.notify.CallbackRepository;

/**
 * The trades' side of notify: the table the claim joins and a claimed row's callback, its body built by
 * {@link CallbackPayload}. Thread-safe.
 */
public final class TradeCallbackRepository implements CallbackRepository {
    private final Countries countries;

    public TradeCallbackRepository(Countries countries) {
        this.countries = countries;
    }

    @Override
    public String table() {
        return "trade";
    }

    @Override
    public Callback callback(ResultSet row) throws SQLException {
        Trade trade = TradeRepository.map(row);
        return new Callback(trade.merchantId(), trade.platformTradeNo(), trade.notifyUrl(),
                (secret, nowMillis) -> CallbackPayload.build(trade, countries.get(trade.country()), secret,
                        nowMillis));
    }
}
