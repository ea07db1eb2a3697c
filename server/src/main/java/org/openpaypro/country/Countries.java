package org.openpaypro.country;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The country profiles this gateway serves, by ISO code. Immutable after construction, thread-safe. */
public final class Countries {
    private final Map<String, CountryProfile> byCode;

    public Countries(Map<String, Long> maxAmountOverrides) {
        Map<String, CountryProfile> profiles = new LinkedHashMap<>();
        for (CountryProfile profile : new CountryProfile[] {Brazil.profile()}) {
            Long max = maxAmountOverrides.get(profile.code());
            profiles.put(profile.code(), max == null ? profile : profile.withMaxAmount(max));
        }
        this.byCode = Map.copyOf(profiles);
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
