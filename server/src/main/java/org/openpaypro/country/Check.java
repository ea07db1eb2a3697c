package org.openpaypro.country;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openpaypro.error.Rejection;
import org.openpaypro.notify.NotifyUrlPolicy;

/**
 * A rule on one field's text: answers what is wrong as a catalogued {@link Flaw}, or null when the value is fine.
 * Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface Check {
    Flaw problem(String value);

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
            public Flaw problem(String value) {
                return check.problem(value);
            }

            @Override
            public Map<String, Object> schema() {
                return keywords;
            }
        };
    }

    Check ANY = value -> null;

    /** The whole value matches {@code regex}; otherwise the flaw {@code reason} (whose only argument is the field). */
    static Check regex(String regex, Rejection reason) {
        Pattern pattern = Pattern.compile(regex);
        Flaw flaw = Flaw.of(reason);
        return described(value -> pattern.matcher(value).matches() ? null : flaw,
                Map.of("pattern", "^(?:" + regex + ")$"));
    }

    static Check oneOf(String... allowed) {
        List<String> values = List.of(allowed);
        Flaw flaw = Flaw.of(Rejection.NOT_ONE_OF, String.join(", ", values));
        return described(value -> values.contains(value) ? null : flaw, Map.of("enum", values));
    }

    /** Printable text of 1..max characters: no control characters. */
    static Check text(int max) {
        Flaw flaw = Flaw.of(Rejection.TEXT_MALFORMED, max);
        return described(value -> value.length() <= max && value.codePoints().noneMatch(Character::isISOControl)
                ? null : flaw, Map.of("minLength", 1, "maxLength", max));
    }

    static Check digits(int length) {
        return digits("[0-9]{" + length + "}", String.valueOf(length));
    }

    private static Check digits(String regex, String count) {
        Pattern pattern = Pattern.compile(regex);
        Flaw flaw = Flaw.of(Rejection.DIGITS_WRONG_COUNT, count);
        return described(value -> pattern.matcher(value).matches() ? null : flaw,
                Map.of("pattern", "^(?:" + regex + ")$"));
    }

    Check EMAIL = regex("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24}",
            Rejection.EMAIL_MALFORMED);

    Check HTTP_URL = described(value -> NotifyUrlPolicy.parse(value) != null ? null
            : Flaw.of(Rejection.URL_MALFORMED, NotifyUrlPolicy.MAX_LENGTH),
            Map.of("format", "uri", "maxLength", NotifyUrlPolicy.MAX_LENGTH));

    Check REMARK = text(256);

    /** Digits only, {@code min} to {@code max} of them: bank account numbers of ID, PH and VN. */
    static Check digits(int min, int max) {
        return digits("[0-9]{" + min + "," + max + "}", min + "-" + max);
    }

    /** One of the codes of an editable country list, naming them all (for short lists such as way codes). */
    static Check oneOf(Collection<String> allowed) {
        return oneOf(allowed.toArray(String[]::new));
    }

    /** An e-mail address at gmail.com (any case), as PK and IN require of the payer. */
    Check GMAIL = text(254).and(EMAIL).and(value -> value.toLowerCase(Locale.ROOT).endsWith("@gmail.com")
            ? null : Flaw.of(Rejection.GMAIL_REQUIRED));

    /** Both rules; the schema keeps this rule's keywords where both say the same one (never stricter). */
    default Check and(Check next) {
        Map<String, Object> keywords = new LinkedHashMap<>(next.schema());
        keywords.putAll(schema());
        return described(value -> {
            Flaw problem = problem(value);
            return problem != null ? problem : next.problem(value);
        }, keywords);
    }
}
