package org.openpaypro.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The ledger's enums name exactly the values the schema allows, so a kind cannot exist in one place only. */
class LedgerKindsTest {
    private static final Pattern CHECK = Pattern.compile("CREATE TABLE (\\w+) \\([^;]*?\\n\\s+kind\\s+varchar\\(\\d+\\)"
            + " NOT NULL CHECK \\(kind IN \\(([^)]*)\\)\\)");

    @Test
    void journal_and_account_kinds_are_the_values_the_schema_checks() throws IOException {
        String schema;
        try (InputStream in = Ledger.class.getResourceAsStream("/db/migration/V1__schema.sql")) {
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher matcher = CHECK.matcher(schema);
        Map<String, Set<String>> allowed = new HashMap<>();
        while (matcher.find()) {
            allowed.put(matcher.group(1), Arrays.stream(matcher.group(2).split(","))
                    .map(value -> value.trim().replace("'", "")).collect(Collectors.toSet()));
        }
        assertThat(allowed.get("journal")).isEqualTo(names(Ledger.JournalKind.values()));
        assertThat(allowed.get("account")).isEqualTo(names(Ledger.Kind.values()));
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toSet());
    }
}
