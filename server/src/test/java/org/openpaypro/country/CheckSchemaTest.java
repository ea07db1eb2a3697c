package org.openpaypro.country;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The JSON Schema keywords a field rule publishes in the OpenAPI document say what the rule itself checks. */
class CheckSchemaTest {
    @Test
    void a_regex_rule_publishes_its_pattern_anchored_and_it_accepts_what_the_rule_accepts() {
        Check mobile = Kenya.MOBILE;
        Pattern published = Pattern.compile((String) mobile.schema().get("pattern"));
        for (String value : List.of("254712345678", "254112345678", "25471234567", "0712345678", "x254712345678")) {
            assertThat(published.matcher(value).find()).as(value).isEqualTo(mobile.problem(value) == null);
        }
    }

    @Test
    void one_of_and_text_rules_publish_enum_and_lengths() {
        assertThat(Check.oneOf("CPF", "CNPJ").schema()).isEqualTo(Map.of("enum", List.of("CPF", "CNPJ")));
        assertThat(Check.text(100).schema()).isEqualTo(Map.of("minLength", 1, "maxLength", 100));
    }

    @Test
    void a_combined_rule_keeps_both_keywords_and_a_code_only_rule_publishes_nothing() {
        Map<String, Object> gmail = Check.GMAIL.schema();
        assertThat(gmail).containsEntry("maxLength", 254).containsKey("pattern");
        assertThat(Check.ANY.schema()).isEmpty();
        Check codeOnly = value -> value.isEmpty() ? Flaw.of(org.openpaypro.error.Rejection.FIELD_NOT_TEXT) : null;
        assertThat(codeOnly.schema()).isEmpty();
        assertThat(codeOnly.and(Check.text(5)).problem("123456")).isNotNull();
    }
}
