package org.openpaypro.country;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A rule on one field's text: answers what is wrong (the second half of "invalid field: ..."), or null when the
 * value is fine. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface Check {
    String problem(String value);

    /**
     * This rule as JSON Schema keywords for the OpenAPI document ({@code pattern}, {@code enum}, {@code maxLength}),
     * as far as it can be said there; empty for a rule only code can express. Never stricter than the rule.
     */
    default Map<String, Object> schema() {
        return Map.of();
    }

    /** {@code check} described by the JSON Schema keywords {@code schema}. */
    static Check described(Check check, Map<String, Object> schema) {
        Map<String, Object> keywords = Map.copyOf(schema);
        return new Check() {
            @Override
            public String problem(String value) {
                return check.problem(value);
            }

            @Override
            public Map<String, Object> schema() {
                return keywords;
            }
        };
    }

    Check ANY = value -> null;

    static Check regex(String regex, String expectation) {
        Pattern pattern = Pattern.compile(regex);
        return described(value -> pattern.matcher(value).matches() ? null : expectation,
                Map.of("pattern", "^(?:" + regex + ")$"));
    }

    static Check oneOf(String... allowed) {
        List<String> values = List.of(allowed);
        return described(value -> values.contains(value) ? null : "must be one of " + String.join(", ", values),
                Map.of("enum", values));
    }

    /** Printable text of 1..max characters: no control characters. */
    static Check text(int max) {
        return described(value -> value.length() <= max && value.codePoints().noneMatch(Character::isISOControl)
                ? null : "must be 1-" + max + " characters without control characters",
                Map.of("minLength", 1, "maxLength", max));
    }

    static Check digits(int length) {
        return regex("[0-9]{" + length + "}", "must be " + length + " digits");
    }

    Check EMAIL = regex("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24}",
            "must be an e-mail address");

    Check HTTP_URL = described(value -> org.openpaypro.notify.NotifyUrlPolicy.parse(value) != null ? null
            : "must be an http(s) URL with a host, at most " + org.openpaypro.notify.NotifyUrlPolicy.MAX_LENGTH
            + " characters", Map.of("format", "uri", "maxLength", org.openpaypro.notify.NotifyUrlPolicy.MAX_LENGTH));

    Check REMARK = text(256);

    /** Digits only, {@code min} to {@code max} of them: bank account numbers of ID, PH and VN. */
    static Check digits(int min, int max) {
        return regex("[0-9]{" + min + "," + max + "}", "must be " + min + "-" + max + " digits");
    }

    /** One of the codes of an editable country list, naming them all (for short lists such as way codes). */
    static Check oneOf(java.util.Collection<String> allowed) {
        return oneOf(allowed.toArray(String[]::new));
    }

    /** An e-mail address at gmail.com (any case), as PK and IN require of the payer. */
    Check GMAIL = text(254).and(EMAIL).and(value -> value.toLowerCase(java.util.Locale.ROOT).endsWith("@gmail.com")
            ? null : "must be a Gmail address (...@gmail.com)");

    /** Both rules; the schema keeps this rule's keywords where both say the same one (never stricter). */
    default Check and(Check next) {
        Map<String, Object> keywords = new java.util.LinkedHashMap<>(next.schema());
        keywords.putAll(schema());
        return described(value -> {
            String problem = problem(value);
            return problem != null ? problem : next.problem(value);
        }, keywords);
    }
}
