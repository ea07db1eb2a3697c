package org.openpaypro.sdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Shared rules of the request records: required values, defensive copies of {@code extra}, and leaving out empty
 * optional values (the signature skips empty values anyway, so sending them only adds noise).
 *
 * <p>Stateless; thread-safe.
 */
final class RequestFields {

    private RequestFields() {
    }

    static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required but was " + (value == null ? "null" : "blank"));
        }
    }

    /**
     * Unmodifiable, order-keeping copy of {@code extra}. Keys that a record component already covers are refused,
     * so a field cannot be set twice with two values; {@code sign} is refused because the client computes it.
     */
    static Map<String, String> copyExtra(Map<String, String> extra, Set<String> componentFields) {
        if (extra == null || extra.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : extra.entrySet()) {
            String key = entry.getKey();
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("extra field names must not be null or empty");
            }
            if ("sign".equals(key)) {
                throw new IllegalArgumentException("extra must not contain 'sign'; the client computes it");
            }
            if (componentFields.contains(key)) {
                throw new IllegalArgumentException(
                        "extra field '" + key + "' duplicates a request component; set the component instead");
            }
            copy.put(key, entry.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    static Map<String, String> withEntry(Map<String, String> extra, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(extra);
        copy.put(key, value);
        return copy;
    }

    static void putIfPresent(Map<String, String> fields, String key, String value) {
        if (value != null && !value.isEmpty()) {
            fields.put(key, value);
        }
    }

    static void putExtra(Map<String, String> fields, Map<String, String> extra) {
        for (Map.Entry<String, String> entry : extra.entrySet()) {
            putIfPresent(fields, entry.getKey(), entry.getValue());
        }
    }
}
