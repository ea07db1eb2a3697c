package org.openpaypro.trade;

import java.time.Instant;
import java.util.Map;
import org.openpaypro.protocol.TradeStatus;

/**
 * A pay-in or payout order (DESIGN §4, §6). Amounts in scale-4 units; {@code amountText} is the merchant's own
 * amount string, echoed in queries and callbacks (spec OP-7). {@code details} holds the country-specific fields.
 * Immutable.
 */
public record Trade(
        long id,
        String platformTradeNo,
        long merchantId,
        String tradeNo,
        Direction direction,
        String country,
        String currency,
        long amount,
        String amountText,
        long fee,
        Long paidAmount,
        TradeStatus status,
        String message,
        String notifyUrl,
        String returnUrl,
        String remark,
        Map<String, String> details,
        String channel,
        String channelRef,
        Instant createdAt,
        Instant finishedAt,
        Instant settleAt,
        Instant settledAt) {

    /** What the merchant's account is finally credited with (pay-in) or what the payout moved. */
    public long effectiveAmount() {
        return paidAmount != null ? paidAmount : amount;
    }
}
