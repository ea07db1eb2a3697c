package org.openpaypro.bench;

import java.util.Map;

/**
 * The two JSON operations the request loop needs, without a JSON library on the hot path: writing a flat object of
 * strings and reading one string field of an answer. Stateless; thread-safe.
 */
final class JsonText {
    private JsonText() {
    }

    /** {@code {"k":"v",...}} with JSON string escaping. */
    static String object(Map<String, String> fields) {
        StringBuilder json = new StringBuilder(32 + fields.size() * 40);
        json.append('{');
        boolean first = true;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            appendString(json, field.getKey());
            json.append(':');
            appendString(json, field.getValue());
        }
        return json.append('}').toString();
    }

    static void appendString(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /**
     * The value of the first {@code "name":"value"} pair in {@code json}, or null. A key inside a JSON string would
     * have its quotes escaped, so the first unescaped match is a real key. Only for simple values (no escapes).
     */
    static String stringField(String json, String name) {
        String key = "\"" + name + "\":";
        int at = json.indexOf(key);
        if (at < 0) {
            return null;
        }
        int start = at + key.length();
        while (start < json.length() && json.charAt(start) == ' ') {
            start++;
        }
        if (start >= json.length() || json.charAt(start) != '"') {
            return null;
        }
        int end = json.indexOf('"', start + 1);
        return end < 0 ? null : json.substring(start + 1, end);
    }
}
