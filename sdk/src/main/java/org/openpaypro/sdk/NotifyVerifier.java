package org.openpaypro.sdk;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.openpaypro.protocol.Signer;

/**
 * Checks result callbacks (spec §4) before the merchant acts on them. The signature is verified over every body field
 * except {@code sign}, unknown ones included, with the values exactly as written in the JSON (numbers keep their
 * literal text), using {@link Signer#verify}: case-insensitive, constant-time, with the OP-3 null fallback.
 *
 * <p>Usage: {@code Notification n = verifier.verify(bodyBytes); ...process idempotently...; answer }
 * {@link #ACK}.
 *
 * <p>Immutable and thread-safe: share one instance per merchant secret.
 */
public final class NotifyVerifier {

    /** The plain-text body a merchant answers once it has processed a callback; anything else makes it retry. */
    public static final String ACK = "OK";

    /** Callbacks are a few hundred bytes; a larger body is refused before parsing. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final String secretKey;

    /** @throws IllegalArgumentException if the secret is null or blank */
    public NotifyVerifier(String secretKey) {
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("secretKey is required");
        }
        this.secretKey = secretKey;
    }

    /**
     * Parses a callback body and checks its {@code sign}.
     *
     * @throws InvalidNotificationException if the body is not a flat JSON object, has no or a wrong {@code sign}, or
     *         lacks {@code tradeNo} or {@code status}
     */
    public Notification verify(byte[] body) {
        Map<String, String> fields = parse(body);
        String sign = fields.remove("sign");
        if (sign == null || sign.isEmpty()) {
            throw new InvalidNotificationException(
                    "notification has no sign (tradeNo=" + fields.get("tradeNo") + "); refusing it");
        }
        if (!Signer.verify(fields, secretKey, sign)) {
            throw new InvalidNotificationException("notification sign does not match (tradeNo=" + fields.get("tradeNo")
                    + ", signed fields " + new TreeSet<>(fields.keySet()) + "); wrong secret or altered body");
        }
        return checked(fields);
    }

    /**
     * Parses a callback of a country that sends no signature (Kenya). It proves nothing about the sender: confirm
     * the result with a query, or restrict callers by IP, before acting on it. A {@code sign} field, if any, is
     * dropped unchecked.
     *
     * @throws InvalidNotificationException if the body is not a flat JSON object or lacks {@code tradeNo} or
     *         {@code status}
     */
    public Notification verifyUnsigned(byte[] body) {
        Map<String, String> fields = parse(body);
        fields.remove("sign");
        return checked(fields);
    }

    private static Notification checked(Map<String, String> fields) {
        for (String required : new String[] {"tradeNo", "status"}) {
            String value = fields.get(required);
            if (value == null || value.isEmpty()) {
                throw new InvalidNotificationException("notification has no " + required + "; cannot route it");
            }
        }
        return Notification.of(fields);
    }

    private static Map<String, String> parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidNotificationException("notification body is empty");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new InvalidNotificationException(
                    "notification body has " + body.length + " bytes, more than the limit of " + MAX_BODY_BYTES);
        }
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidNotificationException("notification body is not a JSON object");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                String value = valueText(parser.nextToken(), parser, name);
                // Two values for one key would let the signed value and the acted-on value differ.
                if (fields.containsKey(name)) {
                    throw new InvalidNotificationException("notification has field '" + name + "' twice");
                }
                fields.put(name, value);
            }
            if (parser.nextToken() != null) {
                throw new InvalidNotificationException("notification body has content after the JSON object");
            }
            return fields;
        } catch (IOException e) {
            throw new InvalidNotificationException("notification body is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String valueText(JsonToken token, JsonParser parser, String name) throws IOException {
        return switch (token) {
            // Numbers keep the literal as written, which is what the sender signed (spec §2.3, OP-4).
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> parser.getText();
            case VALUE_NULL -> null;
            default -> throw new InvalidNotificationException(
                    "notification field '" + name + "' is an object or array; callbacks are flat");
        };
    }
}
