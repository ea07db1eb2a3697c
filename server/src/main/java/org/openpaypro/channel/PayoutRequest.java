package org.openpaypro.channel;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A stored, frozen payout as a connector sees it. {@code idempotencyKey} is derived from {@code platformTradeNo}
 * and is the same on every attempt; {@code details} are the merchant's beneficiary fields as sent (Brazil's
 * {@code bankType}/{@code bankNumber}, Kenya's phone, ...). The amount is an exact decimal in the major unit.
 * Immutable.
 */
public record PayoutRequest(String platformTradeNo, String idempotencyKey, String country, String currency,
                            BigDecimal amount, String remark, Map<String, String> details) {
    public PayoutRequest {
        details = Map.copyOf(details);
    }
}
