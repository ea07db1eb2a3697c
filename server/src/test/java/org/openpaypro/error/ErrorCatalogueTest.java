package org.openpaypro.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Both catalogues (merchant {@link Rejection}, operator {@link AdminError}): unique, well-formed, documented. */
class ErrorCatalogueTest {
    @Test
    void merchant_messages_are_unique() {
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
    void no_message_is_a_free_text_catch_all() {
        // "invalid %s: %s" carried any sentence a caller chose; a %s names a field or carries a value, never prose
        for (String template : templates()) {
            assertThat(template).as(template).doesNotContain("%s: %s");
            assertThat(template.replace("%s", "").replace("%%", "").replaceAll("[^A-Za-z]", "")).as(template)
                    .hasSizeGreaterThan(4);
        }
    }

    @Test
    void operator_messages_are_unique_and_every_status_is_a_4xx() {
        Set<String> templates = Arrays.stream(AdminError.values()).map(AdminError::template)
                .collect(Collectors.toSet());
        assertThat(templates).hasSize(AdminError.values().length);
        assertThat(Arrays.stream(AdminError.values()).map(AdminError::status)).allMatch(s -> s >= 400 && s < 500);
    }

    @Test
    void every_rejection_is_documented_in_the_error_page() throws IOException {
        String doc = Files.readString(Path.of("../docs/ERRORS.md"));
        for (Rejection rejection : Rejection.values()) {
            assertThat(doc).as(rejection.name()).contains("| `" + rejection.name() + "` | `" + rejection.code()
                    + "` | `" + rejection.template() + "` | " + (rejection.retryable() ? "yes" : "no") + " |");
        }
    }

    @Test
    void every_operator_error_is_documented_in_the_error_page() throws IOException {
        String doc = Files.readString(Path.of("../docs/ERRORS.md"));
        for (AdminError error : AdminError.values()) {
            assertThat(doc).as(error.name()).contains("| `" + error.name() + "` | `" + error.status() + "` | `"
                    + error.template().replace("%%", "%") + "` |");
        }
    }

    @Test
    void the_error_page_lists_no_entry_the_catalogues_do_not_have() throws IOException {
        long rows = Files.readAllLines(Path.of("../docs/ERRORS.md")).stream().filter(line -> line.startsWith("| `"))
                .count();
        assertThat(rows).isEqualTo(Rejection.values().length + AdminError.values().length);
    }

    @Test
    void an_operator_message_is_filled_from_its_template() {
        AdminException refused = AdminError.MERCHANT_NOT_FOUND.with("123");
        assertThat(refused.getMessage()).isEqualTo("no merchant 123");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(AdminError.RATE_MALFORMED.with("payinFeeRate").getMessage())
                .isEqualTo("payinFeeRate must be a decimal rate from 0 to 1 with at most 6 decimals, e.g. \"0.015\" "
                        + "for 1.5%");
    }

    private static Set<String> templates() {
        Set<String> all = Arrays.stream(Rejection.values()).map(Rejection::template).collect(Collectors.toSet());
        Arrays.stream(AdminError.values()).map(AdminError::template).forEach(all::add);
        return all;
    }
}
