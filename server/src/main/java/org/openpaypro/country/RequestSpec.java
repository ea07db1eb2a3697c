package org.openpaypro.country;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openpaypro.error.Rejection;

/**
 * The country-specific fields of one endpoint and their rules. {@link #validate} returns their texts (the trade's
 * {@code details}) or throws the first rejection, in field order, so answers are deterministic. Immutable.
 */
public record RequestSpec(List<FieldRule> fields, List<SwitchRule> switches, List<BodyRule> bodyRules) {
    public static final RequestSpec NONE = new RequestSpec(List.of(), List.of());

    /** Field and switch rules only, no rule over several fields. */
    public RequestSpec(List<FieldRule> fields, List<SwitchRule> switches) {
        this(fields, switches, List.of());
    }

    public Map<String, String> validate(Map<String, Object> body) {
        Map<String, String> details = new LinkedHashMap<>();
        for (FieldRule rule : fields) {
            String value = text(body, rule.name());
            if (value == null) {
                if (rule.required()) {
                    throw Rejection.MISSING_FIELD.with(rule.name());
                }
                continue;
            }
            Flaw problem = rule.check().problem(value);
            if (problem != null) {
                throw problem.rejectionOf(rule.name());
            }
            details.put(rule.name(), value);
        }
        for (SwitchRule rule : switches) {
            String value = details.get(rule.field());
            String selected = details.get(rule.selector());
            if (selected == null) {
                // A field judged by another one means nothing without it (ID: "wayCode only valid together with
                // channelCode"); also, Map.of(...).get(null) would throw.
                if (value != null) {
                    throw Rejection.SELECTOR_MISSING.with(rule.field(), rule.selector());
                }
                continue;
            }
            Check check = rule.checks().get(selected);
            if (value != null && check != null) {
                Flaw problem = check.problem(value);
                if (problem != null) {
                    throw problem.rejectionOf(rule.field(), rule.selector(), selected);
                }
            }
        }
        for (BodyRule rule : bodyRules) {
            rule.check(body, details);
        }
        return details;
    }

    /**
     * A field's text: strings as sent, numbers as their literal; absent, null and "" count as missing (the
     * signature skips empty values too). Booleans are never a valid field value.
     */
    public static String text(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String string) {
            return string.isEmpty() ? null : string;
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        throw Rejection.FIELD_NOT_TEXT.with(name);
    }
}
