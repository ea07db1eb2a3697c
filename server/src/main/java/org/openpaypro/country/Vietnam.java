package org.openpaypro.country;

/** Vietnam (spec §6). STUB: only the shared endpoints with no country fields yet; see the countries issue. */
final class Vietnam {
    private Vietnam() {
    }

    static CountryProfile profile(CountryData data) {
        return CountryProfile.builder("VN", "VND", "Asia/Ho_Chi_Minh")
                .paths("/vietnam-pay", CountryProfile.DEFAULT_FAMILY)
                .amounts(0, 1, 1, 100_000_000)
                .standardQueries()
                .build();
    }
}
