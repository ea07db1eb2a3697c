package org.openpaypro.sdk;

import org.openpaypro.protocol.TradeStatus;

/**
 * {@code data} of a pay-in or payout query (spec §3.3, §3.4). For queries {@code status} is authoritative;
 * {@code successTime} is local time of the country ({@code yyyy-MM-dd HH:mm:ss}) and only present on success.
 *
 * <p>Immutable; thread-safe.
 */
public record TradeResult(String platFormTradeNo, String tradeNo, String amount, String status, String message,
        String successTime) {

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
