package org.openpaypro.trade;

import java.time.Instant;
import java.util.Map;

/** A validated order, ready to be stored as {@code 0015}. Immutable. */
public record NewTrade(
        String platformTradeNo,
        long merchantId,
        String tradeNo,
        Direction direction,
        String country,
        String currency,
        long amount,
        String amountText,
        long fee,
        String notifyUrl,
        String returnUrl,
        String remark,
        Map<String, String> details,
        String channel,
        String channelRef,
        Instant pollAt) {

    /** The same order once its channel has answered: its reference there, details to keep, when to poll. */
    public NewTrade withChannel(Map<String, String> newDetails, String newChannelRef, Instant newPollAt) {
        return new NewTrade(platformTradeNo, merchantId, tradeNo, direction, country, currency, amount, amountText, fee,
                notifyUrl, returnUrl, remark, newDetails, channel, newChannelRef, newPollAt);
    }
}
