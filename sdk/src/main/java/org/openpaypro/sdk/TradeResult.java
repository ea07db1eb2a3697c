package org.openpaypro.sdk;

import org.openpaypro.protocol.TradeStatus;

/**
 * {@code data} of a pay-in or payout query (spec §3.3, §3.4). For queries {@code status} is authoritative;
 * {@code successTime} is local time of the country ({@code yyyy-MM-dd HH:mm:ss}) and only present on success.
 * Indonesia and Mexico add {@code orderAmount} (as requested) and, once final, {@code payAmount} (what was paid);
 * Indonesia's pay-in query adds {@code channelCode} and {@code wayCode}. Null where a country does not send them.
 *
 * <p>Immutable; thread-safe.
 */
public record TradeResult(String platFormTradeNo, String tradeNo, String amount, String status, String message,
        String successTime, String orderAmount, String payAmount, String channelCode, String wayCode) {

    /** The fields every country answers; the country extras stay null. */
    public TradeResult(String platFormTradeNo, String tradeNo, String amount, String status, String message,
            String successTime) {
        this(platFormTradeNo, tradeNo, amount, status, message, successTime, null, null, null, null);
    }

    /**
     * {@code status} read as spec §1.6 says: unknown codes are final failures.
     *
     * @throws PayProException if the gateway sent no status
     */
    public TradeStatus tradeStatus() {
        return Statuses.interpret(status);
    }

    /** Whether the trade can no longer change, so polling can stop. */
    public boolean isFinal() {
        return tradeStatus().terminal();
    }
}
