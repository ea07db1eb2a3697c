package org.openpaypro.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.openpaypro.testing.TestGateway;

/**
 * Sends arbitrary requests (any method, any bytes, any or no Content-Type) to the shared test gateway and checks
 * the answers against the hostile-input contract: merchant paths answer the envelope with code 8000, operator
 * paths a 4xx {@code {"error": ...}}; never a 5xx, never a stack trace. Counts every request it sends so the
 * suites can print how much hostile input they pushed through. Thread-safe.
 */
final class HostileHttp {
    /** Every hostile request sent by any suite in this JVM. */
    static final AtomicLong SENT = new AtomicLong();

    static final List<String> MERCHANT_ENDPOINTS = List.of("payin", "payout", "queryPayInResult",
            "queryPayOutResult", "queryBalance");
    static final List<String> MERCHANT_PATHS = merchantPaths();
    static final Set<String> ENVELOPE_FIELDS = Set.of("msg", "code", "timestamp", "success", "data");
    private static final List<String> STACK_TRACE_MARKERS = List.of("Exception", "at org.", "at java.",
            "\tat ", "Caused by");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    /** A raw answer; {@code json} is null when the body is not JSON. */
    record Raw(int status, String body, JsonNode json) {
    }

    HostileHttp(TestGateway gateway) {
        this.baseUrl = gateway.baseUrl();
    }

    private static List<String> merchantPaths() {
        List<String> paths = new ArrayList<>();
        for (String prefix : List.of("", "/brz-pay")) {
            for (String endpoint : MERCHANT_ENDPOINTS) {
                paths.add(prefix + "/v1/paypro/" + endpoint);
            }
        }
        return List.copyOf(paths);
    }

    /**
     * Sends one request. {@code contentType} null sends no Content-Type header at all; {@code body} null sends
     * no body.
     */
    Raw send(String method, String path, String contentType, Map<String, String> headers, byte[] body) {
        SENT.incrementAndGet();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String text = new String(response.body(), StandardCharsets.UTF_8);
            return new Raw(response.statusCode(), text, parse(text));
        } catch (IOException e) {
            return new Raw(-1, "transport failure: " + e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Raw post(String path, Map<String, String> headers, String body) {
        return send("POST", path, "application/json", headers, utf8(body));
    }

    /**
     * JSON text as UTF-8 bytes, with every unpaired surrogate written as a {@code \\uXXXX} escape: encoding it
     * directly would silently send {@code ?} instead, and the test would not test what it says.
     */
    static byte[] utf8(String json) {
        StringBuilder escaped = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char current = json.charAt(i);
            if (Character.isHighSurrogate(current) && i + 1 < json.length()
                    && Character.isLowSurrogate(json.charAt(i + 1))) {
                escaped.append(current).append(json.charAt(++i));
            } else if (Character.isSurrogate(current)) {
                escaped.append(String.format("\\u%04x", (int) current));
            } else {
                escaped.append(current);
            }
        }
        return escaped.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String text) {
        try {
            return text.isEmpty() ? null : JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * What is wrong with a merchant-path answer to hostile input, or null when it keeps the contract: HTTP 200
     * (or one of {@code otherStatuses}), the envelope and nothing else, code 8000 (or a query's 5000 "nothing was
     * looked up"), success false, data null, no stack trace.
     */
    static String envelopeProblem(Raw answer, Set<Integer> otherStatuses) {
        if (answer.status() != 200 && !otherStatuses.contains(answer.status())) {
            return "HTTP " + answer.status();
        }
        String trace = stackTraceProblem(answer.body());
        if (trace != null) {
            return trace;
        }
        JsonNode json = answer.json();
        if (json == null || !json.isObject()) {
            return "not a JSON object";
        }
        Set<String> fields = new java.util.HashSet<>();
        json.fieldNames().forEachRemaining(fields::add);
        if (!fields.equals(ENVELOPE_FIELDS)) {
            return "not the envelope, fields " + fields;
        }
        if (!json.get("code").isTextual() || !"8000".equals(json.get("code").asText())
                && !nothingLookedUp(json)) {
            return "code " + json.get("code");
        }
        if (!json.get("success").isBoolean() || json.get("success").asBoolean()) {
            return "success " + json.get("success");
        }
        if (!json.get("msg").isTextual() || json.get("msg").asText().isBlank()) {
            return "msg " + json.get("msg");
        }
        if (!json.get("timestamp").isNumber()) {
            return "timestamp " + json.get("timestamp");
        }
        if (!json.get("data").isNull()) {
            return "data " + json.get("data");
        }
        return null;
    }

    /** A query refused before any lookup answers 5000 (issue 10, docs/OPERATIONS.md): also a refusal. */
    private static boolean nothingLookedUp(JsonNode json) {
        return "5000".equals(json.get("code").asText()) && json.path("msg").asText()
                .startsWith("system error: nothing was looked up (");
    }

    /** What is wrong with an operator-path answer, or null for a 4xx {@code {"error": "..."}} without a trace. */
    static String adminErrorProblem(Raw answer, Set<Integer> allowedStatuses) {
        if (!allowedStatuses.contains(answer.status())) {
            return "HTTP " + answer.status();
        }
        String trace = stackTraceProblem(answer.body());
        if (trace != null) {
            return trace;
        }
        JsonNode json = answer.json();
        if (json == null || !json.isObject() || json.size() != 1 || !json.path("error").isTextual()
                || json.get("error").asText().isBlank()) {
            return "not {\"error\": ...}";
        }
        return null;
    }

    static String stackTraceProblem(String body) {
        for (String marker : STACK_TRACE_MARKERS) {
            if (body.contains(marker)) {
                return "stack-trace marker '" + marker.strip() + "' in body";
            }
        }
        return null;
    }

    static String describe(String label, Raw answer, String problem) {
        String body = answer.body().length() > 300 ? answer.body().substring(0, 300) + "..." : answer.body();
        return label + " -> " + problem + " :: HTTP " + answer.status() + " " + body;
    }

    /**
     * The gateway's snapshot once background work (notify retries of earlier tests) has gone quiet: two readings
     * 1.5 s apart that agree, at most 15 s of waiting.
     */
    static Map<String, Long> quietSnapshot(TestGateway gateway) {
        Map<String, Long> previous = gateway.snapshot();
        for (int attempt = 0; attempt < 10; attempt++) {
            sleep(1_500);
            Map<String, Long> current = gateway.snapshot();
            if (Objects.equals(previous, current)) {
                return current;
            }
            previous = current;
        }
        return previous;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
