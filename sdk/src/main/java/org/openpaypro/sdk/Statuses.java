package org.openpaypro.sdk;

import org.openpaypro.protocol.TradeStatus;

/**
 * Reads {@code data.status} the way spec §1.6/§5.3 tells merchants to: {@code 0000} success, {@code 0015} in
 * progress, {@code 0001} partial (some countries), every other code a final failure. Other countries send failure
 * codes Brazil never uses ({@code 00032}, {@code 60019}, ...), so an unknown code must not break the merchant.
 *
 * <p>Stateless; thread-safe.
 */
final class Statuses {

    private Statuses() {
    }

    static TradeStatus interpret(String wireStatus) {
        if (wireStatus == null || wireStatus.isEmpty()) {
            throw new PayProException("the gateway sent no status, so the trade state cannot be told", null, null);
        }
        for (TradeStatus status : TradeStatus.values()) {
            if (status.wire().equals(wireStatus)) {
                return status;
            }
        }
        return TradeStatus.FAILED;
    }
}
