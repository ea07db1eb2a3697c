package org.openpaypro.country;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A rule on one field's text: answers what is wrong (the second half of "invalid field: ..."), or null when the
 * value is fine. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface Check {
    String problem(String value);

    Check ANY = value -> null;

    static Check regex(String regex, String expectation) {
        Pattern pattern = Pattern.compile(regex);
        return value -> pattern.matcher(value).matches() ? null : expectation;
    }

    static Check oneOf(String... allowed) {
        List<String> values = List.of(allowed);
        return value -> values.contains(value) ? null : "must be one of " + String.join(", ", values);
    }

    /** Printable text of 1..max characters: no control characters. */
    static Check text(int max) {
        return value -> value.length() <= max && value.codePoints().noneMatch(Character::isISOControl)
                ? null : "must be 1-" + max + " characters without control characters";
    }

    static Check digits(int length) {
        return regex("[0-9]{" + length + "}", "must be " + length + " digits");
    }

    Check EMAIL = regex("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24}",
            "must be an e-mail address");

    Check HTTP_URL = value -> org.openpaypro.notify.NotifyUrlPolicy.parse(value) != null ? null
            : "must be an http(s) URL with a host, at most " + org.openpaypro.notify.NotifyUrlPolicy.MAX_LENGTH
            + " characters";

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

    default Check and(Check next) {
        return value -> {
            String problem = problem(value);
            return problem != null ? problem : next.problem(value);
        };
    }
}
