package org.openpaypro.merchant;

import java.time.Instant;

/** A merchant with its decrypted secret, as the request path needs it. Immutable. */
public record Merchant(
        long id,
        String merchantNo,
        String name,
        String country,
        String currency,
        String notifyUrl,
        String secret,
        FeePlan payinFee,
        FeePlan payoutFee,
        boolean active,
        Instant createdAt) {

    @Override
    public String toString() {
        return "Merchant[" + merchantNo + ", " + country + "]";
    }
}
