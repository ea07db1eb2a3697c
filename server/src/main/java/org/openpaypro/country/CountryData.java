package org.openpaypro.country;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openpaypro.config.ConfigException;
import org.openpaypro.error.Rejection;

/**
 * Editable country lists (bank codes, way codes): {@code countries/<CC>/<list>.csv} from the jar, replaced by the
 * same file under {@code OPENPAYPRO_COUNTRY_DATA_DIR} when the operator provides one. One entry per line,
 * {@code code,name}; blank lines and lines starting with {@code #} are ignored. Read once at start; immutable.
 */
public final class CountryData {
    private final Path overrideDir;

    public CountryData(Path overrideDir) {
        this.overrideDir = overrideDir;
    }

    /** The list's entries, code to display name, in file order. */
    public Map<String, String> list(String country, String name) {
        String relative = country + "/" + name + ".csv";
        try {
            if (overrideDir != null && Files.exists(overrideDir.resolve(relative))) {
                return parse(Files.readString(overrideDir.resolve(relative), StandardCharsets.UTF_8), relative);
            }
            try (InputStream in = CountryData.class.getResourceAsStream("/countries/" + relative)) {
                if (in == null) {
                    throw new IllegalStateException("missing country list " + relative);
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), relative);
            }
        } catch (IOException e) {
            throw new ConfigException("OPENPAYPRO_COUNTRY_DATA_DIR: cannot read " + relative + ": " + e.getMessage());
        }
    }

    /** A check accepting exactly the codes of a list. */
    public Check codes(String country, String name) {
        List<String> codes = new ArrayList<>(list(country, name).keySet());
        Flaw flaw = codes.size() <= 8 ? Flaw.of(Rejection.NOT_IN_LIST, country, name, String.join(", ", codes))
                : Flaw.of(Rejection.NOT_IN_LONG_LIST, country, name, codes.size(), country);
        Check check = value -> codes.contains(value) ? null : flaw;
        return Check.described(check, Map.of("enum", List.copyOf(codes)));
    }

    private static Map<String, String> parse(String text, String source) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(",", 2);
            if (parts[0].isBlank()) {
                throw new ConfigException("OPENPAYPRO_COUNTRY_DATA_DIR: " + source + " has a line without a code: "
                        + raw);
            }
            entries.put(parts[0].strip(), parts.length > 1 ? parts[1].strip() : parts[0].strip());
        }
        return java.util.Collections.unmodifiableMap(entries);
    }
}
