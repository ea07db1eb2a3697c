package org.openpaypro.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import org.openpaypro.error.AdminException;
import org.openpaypro.http.StrictUtf8;
import org.openpaypro.json.Json;
import org.openpaypro.protocol.Amounts;

/** A parsed operator request body with typed, validated accessors; every problem is a 400. Immutable. */
final class AdminBody {
    private final JsonNode node;

    private AdminBody(JsonNode node) {
        this.node = node;
    }

    static AdminBody parse(byte[] body, Set<String> allowed) {
        String text = StrictUtf8.decode(body).orElseThrow(() -> AdminException.badRequest(
                "body must be UTF-8 without a byte order mark (UTF-16, UTF-32, overlong and invalid sequences are "
                        + "refused)"));
        JsonNode node;
        try {
            node = text.isEmpty() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw AdminException.badRequest("body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw AdminException.badRequest("body must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw AdminException.badRequest("unknown field: " + name + " (allowed: " + String.join(", ", allowed)
                        + ")");
            }
        }
        return new AdminBody(node);
    }

    String text(String name, boolean required, int maxLength) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw AdminException.badRequest("missing field: " + name);
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > maxLength
                || value.asText().codePoints().anyMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.SURROGATE)) {
            throw AdminException.badRequest(name + " must be a string of 1-" + maxLength
                    + " characters without control characters or unpaired surrogates");
        }
        return value.asText();
    }

    /** A decimal amount in scale-4 units; negative allowed when {@code signed}. */
    long amount(String name, boolean required, boolean signed, long fallback) {
        String text = text(name, required, 40);
        if (text == null) {
            return fallback;
        }
        try {
            return signed ? Amounts.parseSigned(text, Amounts.SCALE) : Amounts.parse(text, Amounts.SCALE);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest(name + ": " + e.getMessage().replace("amount", "value"));
        }
    }

    /** A rate such as "0.015" (1.5 %) in parts per million, from 0 to 1 with at most 6 decimals. */
    long rate(String name, long fallback) {
        String text = text(name, false, 10);
        if (text == null) {
            return fallback;
        }
        if (!text.matches("0(\\.[0-9]{1,6})?|1(\\.0{1,6})?")) {
            throw AdminException.badRequest(name + " must be a decimal rate from 0 to 1 with at most 6 decimals, "
                    + "e.g. \"0.015\" for 1.5%");
        }
        String[] parts = text.split("\\.");
        String fraction = parts.length == 2 ? (parts[1] + "000000").substring(0, 6) : "000000";
        return Long.parseLong(parts[0]) * 1_000_000 + Long.parseLong(fraction);
    }

    /** Whether the body holds {@code name} (null counts as absent). */
    boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent. */
    int integer(String name, int min, int max, int fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw AdminException.badRequest(name + " must be a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    /** A required array of at most {@code maxItems} strings of 1-{@code maxLength} characters. */
    java.util.List<String> texts(String name, int maxItems, int maxLength) {
        JsonNode value = node.get(name);
        if (value == null || !value.isArray() || value.size() > maxItems) {
            throw AdminException.badRequest(name + " must be an array of at most " + maxItems + " strings");
        }
        java.util.List<String> texts = new java.util.ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isEmpty() || item.asText().length() > maxLength) {
                throw AdminException.badRequest(name + " must hold strings of 1-" + maxLength + " characters");
            }
            texts.add(item.asText());
        }
        return texts;
    }
}
