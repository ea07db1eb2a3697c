package org.openpaypro.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.openpaypro.protocol.Codes;

/**
 * Turns an HTTP answer into an {@link ApiResult}. Anything that is not a JSON object with a {@code code} is a
 * {@link PayProException} carrying the HTTP status and the start of the body, so the merchant can see what a proxy or
 * load balancer answered instead of the gateway.
 *
 * <p>Stateless; thread-safe.
 */
final class EnvelopeReader {

    private static final int SNIPPET_CHARS = 200;

    private EnvelopeReader() {
    }

    static <T> ApiResult<T> read(String url, RawResponse response, JavaType dataType) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new PayProException(describe(url, response) + " is not JSON", e);
        }
        if (root == null || !root.isObject() || !root.hasNonNull("code")) {
            throw new PayProException(describe(url, response) + " is not a PayPro envelope (no code)", null);
        }
        String code = root.get("code").asText();
        String msg = root.hasNonNull("msg") ? root.get("msg").asText() : null;
        // The tables say string, the examples say boolean/number (OP-8): accept both.
        boolean success = root.path("success").asBoolean(false);
        long timestamp = root.path("timestamp").asLong(0L);
        T data = readData(url, response, root.get("data"), dataType, Codes.ACCEPTED.equals(code));
        return new ApiResult<>(code, msg, success, timestamp, data);
    }

    private static <T> T readData(String url, RawResponse response, JsonNode dataNode, JavaType dataType,
            boolean accepted) {
        if (dataNode == null || dataNode.isNull() || dataNode.isMissingNode()) {
            return null;
        }
        try {
            return Json.MAPPER.treeToValue(dataNode, dataType);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            if (!accepted) {
                // An odd payload must not hide the rejection code and message, which are what the merchant needs.
                return null;
            }
            throw new PayProException(describe(url, response) + " has data that does not fit "
                    + dataType.getRawClass().getSimpleName(), e);
        }
    }

    private static String describe(String url, RawResponse response) {
        String body = response.body();
        String snippet = body.length() <= SNIPPET_CHARS ? body : body.substring(0, SNIPPET_CHARS) + "...";
        return String.format(Locale.ROOT, "answer of POST %s (HTTP %d, body '%s')", url, response.statusCode(),
                snippet);
    }
}
