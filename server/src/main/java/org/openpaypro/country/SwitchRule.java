package org.openpaypro.country;

import java.util.Map;

/**
 * A field whose rule depends on another field's value, e.g. the PIX key {@code bankNumber} is checked by the
 * rule of its {@code bankType}. Applied after the plain field rules passed. Immutable.
 */
public record SwitchRule(String field, String selector, Map<String, Check> checks) {
}
