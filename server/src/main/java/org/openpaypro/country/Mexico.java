package org.openpaypro.country;

/** Mexico (spec §6). STUB: only the shared endpoints with no country fields yet; see the countries issue. */
final class Mexico {
    private Mexico() {
    }

    static CountryProfile profile(CountryData data) {
        return CountryProfile.builder("MX", "MXN", "America/Mexico_City")
                .paths("/mex-pay", CountryProfile.DEFAULT_FAMILY)
                .amounts(0, 1, 1, 100_000_000)
                .standardQueries()
                .build();
    }
}
