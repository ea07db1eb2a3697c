package org.openpaypro.country;

import java.time.ZoneId;
import java.util.Map;

/**
 * One country's API flavour as data: currency and time zone, its base path and API family prefix, the endpoint
 * names it serves, the amount rules, and the country-specific request fields of pay-in and payout. The engine
 * (auth, trades, ledger, notify) is shared; a new country is a new profile, not new code paths. Immutable.
 *
 * @param basePath the country prefix of its sandbox host, e.g. {@code /brz-pay}
 * @param family the API family prefix, e.g. {@code /v1/paypro}
 * @param endpoints endpoint path name (as documented, case-sensitive) to operation
 * @param amountDecimals how many decimals a request amount may carry
 */
public record CountryProfile(
        String code,
        String currency,
        ZoneId zone,
        String basePath,
        String family,
        Map<String, Operation> endpoints,
        int amountDecimals,
        long minAmountUnits,
        long maxAmountUnits,
        RequestSpec payin,
        RequestSpec payout) {

    public CountryProfile withMaxAmount(long units) {
        return new CountryProfile(code, currency, zone, basePath, family, endpoints, amountDecimals, minAmountUnits,
                units, payin, payout);
    }
}
