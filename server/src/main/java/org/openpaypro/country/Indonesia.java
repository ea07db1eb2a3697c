package org.openpaypro.country;

/** Indonesia (spec §6). STUB: only the shared endpoints with no country fields yet; see the countries issue. */
final class Indonesia {
    private Indonesia() {
    }

    static CountryProfile profile(CountryData data) {
        return CountryProfile.builder("ID", "IDR", "Asia/Jakarta")
                .paths("/indonesia-pay", CountryProfile.DEFAULT_FAMILY)
                .amounts(0, 1, 1, 100_000_000)
                .standardQueries()
                .build();
    }
}
