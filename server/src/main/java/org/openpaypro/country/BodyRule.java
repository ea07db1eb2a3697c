package org.openpaypro.country;

import java.util.Map;

/**
 * A rule over several fields of one request that field and switch rules cannot express, e.g. Pakistan's "custId is
 * required when the amount exceeds 50,000". Applied after the field and switch rules, when the common fields
 * ({@code tradeNo}, {@code amount}, {@code notifyUrl}) are already valid. Implementations are immutable.
 */
@FunctionalInterface
public interface BodyRule {
    /**
     * Throws the rejection ({@link org.openpaypro.error.Rejection}) when the request breaks the rule.
     *
     * @param body the whole request body
     * @param details the country fields already validated, by name
     */
    void check(Map<String, Object> body, Map<String, String> details);
}
