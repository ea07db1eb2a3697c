package org.openpaypro.country;

/** Kenya (spec §6). STUB: only the shared endpoints with no country fields yet; see the countries issue. */
final class Kenya {
    private Kenya() {
    }

    static CountryProfile profile(CountryData data) {
        return CountryProfile.builder("KE", "KES", "Africa/Nairobi")
                .paths("/kenya-pay", CountryProfile.DEFAULT_FAMILY)
                .amounts(0, 1, 1, 100_000_000)
                .standardQueries()
                .build();
    }
}
