package org.openpaypro.channel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.openpaypro.protocol.TradeStatus;

/**
 * A trade as the channel side sees it through {@link TradeLink}: enough to ask a rail about it, to route a result
 * to it and to show the simulator's cashier page. The amount is an exact decimal in the major unit. Immutable.
 */
public record TradeView(long id, String platformTradeNo, boolean payout, String country, String currency,
                        BigDecimal amount, TradeStatus status, String channel, String channelRef,
                        Map<String, String> details, String merchantName, String returnUrl, Instant createdAt) {
    public TradeView {
        details = Map.copyOf(details);
    }

    public TradeRef ref() {
        return new TradeRef(platformTradeNo, payout, channelRef, currency, amount);
    }
}
