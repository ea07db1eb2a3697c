package org.openpaypro.channel;

import java.math.BigDecimal;

/**
 * What a connector needs to ask its rail about an existing trade: its number, direction, the rail's reference
 * (null when the create's outcome was unknown) and the amount asked for. Immutable.
 */
public record TradeRef(String platformTradeNo, boolean payout, String channelRef, String currency,
                       BigDecimal amount) {
}
