package org.openpaypro.sdk;

import org.openpaypro.protocol.TradeStatus;

/**
 * {@code data} of an accepted payout (spec §3.2); the final result arrives by callback or query.
 *
 * <p>Immutable; thread-safe.
 */
public record PayoutData(String tradeNo, String platFormTradeNo, String status) {

    /**
     * {@code status} read as spec §1.6 says: unknown codes are final failures.
     *
     * @throws PayProException if the gateway sent no status
     */
    public TradeStatus tradeStatus() {
        return Statuses.interpret(status);
    }
}
