package org.openpaypro.country;

/** Egypt (spec §6). STUB: only the shared endpoints with no country fields yet; see the countries issue. */
final class Egypt {
    private Egypt() {
    }

    static CountryProfile profile(CountryData data) {
        return CountryProfile.builder("EG", "EGP", "Africa/Cairo")
                .paths("/egypt-pay", CountryProfile.DEFAULT_FAMILY)
                .amounts(0, 1, 1, 100_000_000)
                .standardQueries()
                .build();
    }
}
