package org.openpaypro.country;

/** Philippines (spec §6). STUB: only the shared endpoints with no country fields yet; see the countries issue. */
final class Philippines {
    private Philippines() {
    }

    static CountryProfile profile(CountryData data) {
        return CountryProfile.builder("PH", "PHP", "Asia/Manila")
                .paths("/ph-pay", CountryProfile.DEFAULT_FAMILY)
                .amounts(0, 1, 1, 100_000_000)
                .standardQueries()
                .build();
    }
}
