package org.openpaypro.country;

/** India (spec §6). STUB: only the shared endpoints with no country fields yet; see the countries issue. */
final class India {
    private India() {
    }

    static CountryProfile profile(CountryData data) {
        return CountryProfile.builder("IN", "INR", "Asia/Kolkata")
                .paths("/india-pay", CountryProfile.DEFAULT_FAMILY)
                .amounts(0, 1, 1, 100_000_000)
                .standardQueries()
                .build();
    }
}
