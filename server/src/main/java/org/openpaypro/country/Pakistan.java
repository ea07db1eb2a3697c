package org.openpaypro.country;

/** Pakistan (spec §6). STUB: only the shared endpoints with no country fields yet; see the countries issue. */
final class Pakistan {
    private Pakistan() {
    }

    static CountryProfile profile(CountryData data) {
        return CountryProfile.builder("PK", "PKR", "Asia/Karachi")
                .paths("/pak-pay", CountryProfile.DEFAULT_FAMILY)
                .amounts(0, 1, 1, 100_000_000)
                .standardQueries()
                .build();
    }
}
