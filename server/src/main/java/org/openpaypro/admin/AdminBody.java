package org.openpaypro.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.openpaypro.error.AdminError;
import org.openpaypro.http.StrictUtf8;
import org.openpaypro.json.Json;
import org.openpaypro.protocol.AmountFormatException;
import org.openpaypro.protocol.Amounts;

/** A parsed operator request body with typed, validated accessors; every problem is a 400. Immutable. */
final class AdminBody {
    private final JsonNode node;

    private AdminBody(JsonNode node) {
        this.node = node;
    }

    static AdminBody parse(byte[] body, Set<String> allowed) {
        String text = StrictUtf8.decode(body).orElseThrow(AdminError.BODY_NOT_UTF8::with);
        JsonNode node;
        try {
            node = text.isEmpty() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw AdminError.BODY_NOT_JSON.with();
        }
        if (node == null || !node.isObject()) {
            throw AdminError.BODY_NOT_OBJECT.with();
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw AdminError.UNKNOWN_FIELD.with(name, String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return new AdminBody(node);
    }

    /** The parsed object, for routes that read nested values themselves. */
    JsonNode node() {
        return node;
    }

    String text(String name, boolean required, int maxLength) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw AdminError.MISSING_FIELD.with(name);
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > maxLength
                || value.asText().codePoints().anyMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.SURROGATE)) {
            throw AdminError.TEXT_MALFORMED.with(name, maxLength);
        }
        return value.asText();
    }

    /** A required non-negative decimal amount, in scale-4 units. */
    long requiredAmountUnits(String name) {
        return amountUnits(name, text(name, true, 40), false);
    }

    /** A required decimal amount that may be negative (a debit), in scale-4 units. */
    long requiredSignedAmountUnits(String name) {
        return amountUnits(name, text(name, true, 40), true);
    }

    /** An optional non-negative decimal amount in scale-4 units; {@code fallbackUnits} when absent. */
    long optionalAmountUnits(String name, long fallbackUnits) {
        String text = text(name, false, 40);
        return text == null ? fallbackUnits : amountUnits(name, text, false);
    }

    private static long amountUnits(String name, String text, boolean signed) {
        try {
            return signed ? Amounts.parseSigned(text, Amounts.SCALE) : Amounts.parse(text, Amounts.SCALE);
        } catch (AmountFormatException e) {
            throw switch (e.reason()) {
                case MISSING -> AdminError.MISSING_FIELD.with(name);
                case NOT_PLAIN -> AdminError.VALUE_NOT_A_NUMBER.with(name);
                case NOT_WHOLE, TOO_MANY_DECIMALS -> AdminError.VALUE_TOO_MANY_DECIMALS.with(name, Amounts.SCALE);
                // TOO_LONG cannot happen (text() allows 40 characters, the amount limit): a long text is too large
                case TOO_LONG, TOO_LARGE -> AdminError.VALUE_TOO_LARGE.with(name);
            };
        }
    }

    /** A rate such as "0.015" (1.5 %) in parts per million, from 0 to 1 with at most 6 decimals. */
    long rate(String name, long fallback) {
        String text = text(name, false, 10);
        if (text == null) {
            return fallback;
        }
        if (!text.matches("0(\\.[0-9]{1,6})?|1(\\.0{1,6})?")) {
            throw AdminError.RATE_MALFORMED.with(name);
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
            throw AdminError.WHOLE_NUMBER_OUT_OF_RANGE.with(name, min, max);
        }
        return value.asInt();
    }

    /** A required array of at most {@code maxItems} strings of 1-{@code maxLength} characters. */
    java.util.List<String> texts(String name, int maxItems, int maxLength) {
        JsonNode value = node.get(name);
        if (value == null || !value.isArray() || value.size() > maxItems) {
            throw AdminError.TEXTS_NOT_AN_ARRAY.with(name, maxItems);
        }
        java.util.List<String> texts = new java.util.ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isEmpty() || item.asText().length() > maxLength) {
                throw AdminError.TEXTS_ITEM_MALFORMED.with(name, maxLength);
            }
            texts.add(item.asText());
        }
        return texts;
    }
}
