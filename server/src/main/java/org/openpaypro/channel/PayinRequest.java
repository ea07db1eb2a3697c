package org.openpaypro.channel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A stored pay-in as a connector sees it: the gateway's trade number (stable key for idempotent creates), the
 * amount as an exact decimal in the currency's major unit, and the merchant's country-specific fields as sent
 * ({@code details}, e.g. Kenya's payer phone). Immutable.
 */
public record PayinRequest(String platformTradeNo, String country, String currency, BigDecimal amount,
                           String merchantName, String description, Map<String, String> details, Instant createdAt) {
    public PayinRequest {
        details = Map.copyOf(details);
    }
}
