package org.openpaypro.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RejectionCatalogueTest {
    @Test
    void messages_are_unique() {
        Set<String> templates = Arrays.stream(Rejection.values()).map(Rejection::template).collect(Collectors.toSet());
        assertThat(templates).hasSize(Rejection.values().length);
    }

    @Test
    void codes_are_the_documented_outer_codes() {
        assertThat(Arrays.stream(Rejection.values()).map(Rejection::code)).allMatch(c -> c.equals("8000")
                || c.equals("5000"));
        assertThat(Arrays.stream(Rejection.values()).filter(r -> r.code().equals("5000")))
                .containsExactly(Rejection.QUERY_NOT_LOOKED_UP, Rejection.OUTCOME_UNKNOWN);
    }

    @Test
    void every_rejection_is_documented_in_the_error_page() throws IOException {
        String doc = Files.readString(Path.of("../docs/ERRORS.md"));
        for (Rejection rejection : Rejection.values()) {
            assertThat(doc).as(rejection.name()).contains("| `" + rejection.name() + "` | `" + rejection.code()
                    + "` | `" + rejection.template() + "` |");
        }
    }
}
