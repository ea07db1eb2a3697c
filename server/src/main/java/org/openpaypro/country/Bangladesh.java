package org.openpaypro.country;

/** Bangladesh (spec §6). STUB: only the shared endpoints with no country fields yet; see the countries issue. */
final class Bangladesh {
    private Bangladesh() {
    }

    static CountryProfile profile(CountryData data) {
        return CountryProfile.builder("BD", "BDT", "Asia/Dhaka")
                .paths("/bd-pay", CountryProfile.DEFAULT_FAMILY)
                .amounts(0, 1, 1, 100_000_000)
                .standardQueries()
                .build();
    }
}
