package org.openpaypro.country;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One country's API flavour as data (DESIGN §8): currency and time zone, its base path and API family prefix, the
 * endpoints it serves with their country fields, the amount rules, partial payments, and its answer and callback
 * extras. The engine (auth, trades, ledger, notify) is shared; a new country is a new profile, not new code paths.
 * Immutable.
 *
 * @param basePath the country prefix of its sandbox host, e.g. {@code /brz-pay}
 * @param family the API family prefix, e.g. {@code /v1/paypro}
 * @param amountDecimals how many decimals a request amount may carry
 * @param partialPayins whether a pay-in may end {@code 0001} (paid less than asked)
 */
public record CountryProfile(
        String code,
        String currency,
        ZoneId zone,
        String basePath,
        String family,
        List<Endpoint> endpoints,
        int amountDecimals,
        long minPayinUnits,
        long minPayoutUnits,
        long maxAmountUnits,
        boolean partialPayins,
        Set<Extra> extras) {

    public static final String DEFAULT_FAMILY = "/v1/paypro";

    public Optional<Endpoint> endpoint(String name) {
        return endpoints.stream().filter(endpoint -> endpoint.name().equals(name)).findFirst();
    }

    /** The endpoint an operation alias means here: the hosted variant first for pay-ins, else the first listed. */
    public Optional<Endpoint> preferred(Operation operation) {
        return endpoints.stream().filter(e -> e.operation() == operation)
                .min((a, b) -> Boolean.compare(b.hosted(), a.hosted()));
    }

    public boolean has(Extra extra) {
        return extras.contains(extra);
    }

    public CountryProfile withMaxAmountUnits(long units) {
        return new CountryProfile(code, currency, zone, basePath, family, endpoints, amountDecimals, minPayinUnits,
                minPayoutUnits, units, partialPayins, extras);
    }

    public static Builder builder(String code, String currency, String zone) {
        return new Builder(code, currency, ZoneId.of(zone));
    }

    /** Builds a profile; the shared query and balance endpoints are added by {@link #standardQueries}. */
    public static final class Builder {
        private final String code;
        private final String currency;
        private final ZoneId zone;
        private String basePath;
        private String family = DEFAULT_FAMILY;
        private final List<Endpoint> endpoints = new ArrayList<>();
        private int decimals;
        private long minPayin = 1;
        private long minPayout = 1;
        private long max;
        private boolean partial;
        private final Set<Extra> extras = EnumSet.noneOf(Extra.class);

        private Builder(String code, String currency, ZoneId zone) {
            this.code = code;
            this.currency = currency;
            this.zone = zone;
        }

        public Builder paths(String basePath, String family) {
            this.basePath = basePath;
            this.family = family;
            return this;
        }

        /** Amount rules in whole currency units (e.g. 1 = 1.00 BRL); kept as scale-4 units internally. */
        public Builder amountsInWholeUnits(int decimals, long minPayinWhole, long minPayoutWhole, long maxWhole) {
            this.decimals = decimals;
            this.minPayin = minPayinWhole * 10_000;
            this.minPayout = minPayoutWhole * 10_000;
            this.max = maxWhole * 10_000;
            return this;
        }

        /** Amount minimums in scale-4 units (10_000 = 1.00), for minimums below one currency unit (e.g. 0.01 BRL). */
        public Builder minimumsInScale4Units(long minPayinUnits, long minPayoutUnits) {
            this.minPayin = minPayinUnits;
            this.minPayout = minPayoutUnits;
            return this;
        }

        public Builder endpoint(String name, Operation operation, RequestSpec spec) {
            endpoints.add(new Endpoint(name, operation, spec, true, false));
            return this;
        }

        public Builder hostedPayin(String name, RequestSpec spec) {
            endpoints.add(new Endpoint(name, Operation.PAYIN, spec, true, true));
            return this;
        }

        /** An endpoint whose body carries no timestamp (Kenya's queries). */
        public Builder endpointWithoutTimestamp(String name, Operation operation, RequestSpec spec) {
            endpoints.add(new Endpoint(name, operation, spec, false, false));
            return this;
        }

        /** {@code queryPayInResult}, {@code queryPayOutResult}, {@code queryBalance}. */
        public Builder standardQueries() {
            endpoint("queryPayInResult", Operation.QUERY_PAYIN, RequestSpec.NONE);
            endpoint("queryPayOutResult", Operation.QUERY_PAYOUT, RequestSpec.NONE);
            return endpoint("queryBalance", Operation.BALANCE, RequestSpec.NONE);
        }

        public Builder partialPayins() {
            this.partial = true;
            return this;
        }

        public Builder extras(Extra... more) {
            extras.addAll(List.of(more));
            return this;
        }

        public CountryProfile build() {
            return new CountryProfile(code, currency, zone, basePath, family, List.copyOf(endpoints), decimals,
                    minPayin, minPayout, max, partial, Set.copyOf(extras));
        }
    }
}
