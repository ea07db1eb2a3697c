package org.openpaypro.country;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The country profiles this gateway serves, by ISO code. Immutable after construction, thread-safe. */
public final class Countries {
    private final Map<String, CountryProfile> byCode;

    public Countries(Map<String, Long> maxAmountOverrides, CountryData data) {
        List<CountryProfile> all = List.of(
                Brazil.profile(),
                Indonesia.profile(data),
                Pakistan.profile(data),
                Philippines.profile(data),
                India.profile(data),
                Kenya.profile(data),
                Egypt.profile(data),
                Mexico.profile(data),
                Bangladesh.profile(data),
                Nigeria.profile(data),
                Vietnam.profile(data));
        Map<String, CountryProfile> profiles = new LinkedHashMap<>();
        for (CountryProfile profile : all) {
            Long max = maxAmountOverrides.get(profile.code());
            profiles.put(profile.code(), max == null ? profile : profile.withMaxAmountUnits(max));
        }
        this.byCode = java.util.Collections.unmodifiableMap(profiles);
    }

    public Optional<CountryProfile> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    public CountryProfile get(String code) {
        return find(code).orElseThrow(() -> new IllegalStateException("no country profile " + code));
    }

    public Collection<CountryProfile> all() {
        return byCode.values();
    }
}
