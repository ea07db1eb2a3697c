package org.openpaypro.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration of the server. {@link #MAPPER} is thread-safe once built. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Json() {
    }

    /** {@code value} as JSON bytes; a value Jackson cannot write is a bug (IllegalStateException). */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code value} as JSON text; a value Jackson cannot write is a bug (IllegalStateException). */
    public static String text(Object value) {
        return new String(bytes(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A JSON object of string values; throws IllegalArgumentException when {@code text} is not one. */
    public static java.util.Map<String, String> stringMap(String text) {
        try {
            return MAPPER.readValue(text, new com.fasterxml.jackson.core.type.TypeReference<>() {
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object of strings", e);
        }
    }

    /**
     * A map of strings as a JSON object, the same text {@link #MAPPER} writes (escapes for {@code "}, {@code \\} and
     * the control characters only) without its per-call serializer lookups: trade details are written on every
     * pay-in, twice (issue 15). A null value is written as {@code null}; a null key is refused.
     */
    public static String stringMapText(java.util.Map<String, String> map) {
        StringBuilder out = new StringBuilder(32 + map.size() * 32);
        out.append('{');
        boolean first = true;
        for (java.util.Map.Entry<String, String> entry : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            if (entry.getKey() == null) {
                throw new IllegalArgumentException("a JSON object has no null key");
            }
            quoted(out, entry.getKey());
            out.append(':');
            if (entry.getValue() == null) {
                out.append("null");
            } else {
                quoted(out, entry.getValue());
            }
        }
        return out.append('}').toString();
    }

    private static void quoted(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
