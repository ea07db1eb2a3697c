package org.openpaypro.country;

/** Nigeria (spec §6). STUB: only the shared endpoints with no country fields yet; see the countries issue. */
final class Nigeria {
    private Nigeria() {
    }

    static CountryProfile profile(CountryData data) {
        return CountryProfile.builder("NG", "NGN", "Africa/Lagos")
                .paths("/ng-pay", CountryProfile.DEFAULT_FAMILY)
                .amounts(0, 1, 1, 100_000_000)
                .standardQueries()
                .build();
    }
}
