package org.openpaypro.channel;

import org.openpaypro.protocol.TradeStatus;

/**
 * A final outcome reported by a channel (webhook, poll, sandbox call, cashier button): always applied through
 * {@code TradeService.complete}, whatever its source. {@code paidUnits} (scale-4) null means the full amount.
 * Immutable.
 */
public record ChannelResult(TradeStatus status, Long paidUnits, String message, String channelRef) {
    public static ChannelResult success() {
        return new ChannelResult(TradeStatus.SUCCESS, null, "SUCCESS", null);
    }

    public static ChannelResult failure(String message) {
        return new ChannelResult(TradeStatus.FAILED, null, message == null ? "FAILED" : message, null);
    }
}
