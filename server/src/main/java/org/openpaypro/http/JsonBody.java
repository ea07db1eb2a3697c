package org.openpaypro.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a merchant request body into a flat map of its top-level fields, keeping what signing needs: every key,
 * strings verbatim, numbers as {@link BigDecimal} built from their literal text, booleans, and JSON null.
 * Rejects non-objects, nested values, duplicate keys and trailing garbage. Stateless, thread-safe.
 */
public final class JsonBody {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(64).maxNestingDepth(16).build())
            .build();

    private JsonBody() {
    }

    public static Map<String, Object> parse(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
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

    private static Object value(JsonParser parser, JsonToken token, String key) throws IOException {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new BigDecimal(parser.getText());
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
