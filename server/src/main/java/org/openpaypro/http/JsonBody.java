package org.openpaypro.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openpaypro.error.ApiException;
import org.openpaypro.error.Rejection;

/**
 * Parses a merchant request body into a flat map of its top-level fields, keeping what signing needs: every key,
 * strings verbatim, numbers as {@link BigDecimal} built from their literal text, booleans, and JSON null.
 * The bytes are decoded strictly as UTF-8 first ({@link StrictUtf8}), never by Jackson's lenient decoder.
 * Rejects non-objects, nested values, duplicate keys, trailing garbage, numbers whose plain text would be huge and
 * unpaired surrogates. Stateless, thread-safe.
 */
public final class JsonBody {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(64).maxNestingDepth(16).build())
            .build();

    private static final int MAX_PLAIN_DIGITS = 64;

    private JsonBody() {
    }

    public static Map<String, Object> parse(byte[] body) {
        String text = StrictUtf8.decode(body).orElseThrow(Rejection.BODY_NOT_UTF8::with);
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw Rejection.BODY_NOT_JSON.with();
            }
            if (first != JsonToken.START_OBJECT) {
                parser.skipChildren();
                throw parser.nextToken() == null ? Rejection.BODY_NOT_OBJECT.with() : Rejection.BODY_NOT_JSON.with();
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String key = parser.currentName();
                if (hasUnpairedSurrogate(key)) {
                    throw Rejection.BODY_NOT_JSON.with();
                }
                Object value = value(parser, parser.nextToken(), key);
                if (fields.containsKey(key)) {
                    throw Rejection.DUPLICATE_KEY.with(key);
                }
                fields.put(key, value);
            }
            if (parser.nextToken() != null) {
                throw Rejection.BODY_NOT_JSON.with();
            }
            return fields;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw Rejection.BODY_NOT_JSON.with();
        }
    }

    /**
     * A number is signed and validated as its plain text, so its exponent is bounded: {@code 1e999999999} is a short
     * literal whose plain text is a billion characters (seconds of CPU and gigabytes of heap per request).
     */
    private static BigDecimal number(String literal, String key) {
        BigDecimal number = new BigDecimal(literal);
        if (number.scale() > MAX_PLAIN_DIGITS || number.scale() < -MAX_PLAIN_DIGITS) {
            throw Rejection.NUMBER_TOO_LONG.with(key, MAX_PLAIN_DIGITS);
        }
        return number;
    }

    /**
     * JSON lets an escape such as {@code \\ud800} stand alone, but such a string has no UTF-8 form: it would be
     * stored and echoed as {@code ?}, and signed over different bytes than the merchant meant.
     */
    private static String text(String value, String key) {
        if (hasUnpairedSurrogate(value)) {
            throw Rejection.UNPAIRED_SURROGATE.with(key);
        }
        return value;
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char current = text.charAt(i);
            if (Character.isHighSurrogate(current) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(current)) {
                return true;
            }
        }
        return false;
    }

    private static Object value(JsonParser parser, JsonToken token, String key) throws IOException {
        return switch (token) {
            case VALUE_STRING -> text(parser.getText(), key);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(parser.getText(), key);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case START_OBJECT, START_ARRAY -> {
                parser.skipChildren();
                throw Rejection.NESTED_VALUE.with(key);
            }
            default -> throw Rejection.BODY_NOT_JSON.with();
        };
    }
}
