package org.openpaypro.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpaypro.protocol.Signer;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.sdk.PayoutRequest;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.CallbackReceiver;
import org.openpaypro.testing.ServerProcess;

/**
 * The real jar with {@code OPENPAYPRO_LOG_FORMAT=json} through a realistic flow (merchant, signed pay-in with the
 * sign in header and body, payout, operator and merchant user with temporary passwords, operator token, key
 * rotation, a failing callback): every stdout line is one JSON object, none holds a secret, and the request ids
 * echoed to the client are in the access lines, the MDC of the request and the callback attempt log.
 */
class LogLinesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_TOKEN = "logs-it-admin-token-0123456789";

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> secrets = new ArrayList<>();
    private String baseUrl;

    @Test
    void json_lines_carry_request_ids_and_no_secret_sign_password_token_or_key() throws Exception {
        Path dataDir = Files.createTempDirectory("openpaypro-logs");
        String tradeNo;
        String merchantNo;
        JsonNode notification;
        String hostileEcho;
        try (CallbackReceiver receiver = new CallbackReceiver();
             ServerProcess server = ServerProcess.start(dataDir, Map.of("OPENPAYPRO_LOG_FORMAT", "json",
                     "OPENPAYPRO_ADMIN_TOKEN", ADMIN_TOKEN, "OPENPAYPRO_SIMULATOR_AUTOCOMPLETE", "off",
                     "OPENPAYPRO_NOTIFY_SCHEDULE", "1h"))) {
            baseUrl = server.baseUrl();
            secrets.add(ADMIN_TOKEN);
            secrets.add(Files.readString(dataDir.resolve("master.key")).trim());
            receiver.behave("/fails", n -> CallbackReceiver.Reply.of(500, "not today"));

            JsonNode merchant = call("POST", "/admin/v1/merchants", Map.of("name", "Logs", "country", "BR"),
                    ADMIN_TOKEN, "it-merchant").json;
            merchantNo = merchant.get("merchantNo").asText();
            String secret = merchant.get("secretKey").asText();
            secrets.add(secret);
            call("POST", "/admin/v1/merchants/" + merchantNo + "/adjustments",
                    Map.of("amount", "1000", "reason", "funds for the payout"), ADMIN_TOKEN, null);

            Reply payin = signed("/v1/paypro/payin", merchantNo, secret, PayinRequest.brazil("L" + System.nanoTime(),
                    "10.00", "Ana", "12345678909", receiver.url("/fails"), "r").toFields(), true, "it-payin");
            assertThat(payin.json.get("code").asText()).as(payin.body).isEqualTo("0000");
            assertThat(payin.requestId).isEqualTo("it-payin");
            tradeNo = payin.json.get("data").get("platFormTradeNo").asText();
            Reply payout = signed("/v1/paypro/payout", merchantNo, secret, PayoutRequest.brazilPix(
                    "L" + System.nanoTime(), "12.00", "Ana", "a@b.com", "11987654321", "CPF", "12345678909", "CPF",
                    "12345678909", receiver.url("/ok"), "r").toFields(), false, "it-payout");
            assertThat(payout.json.get("code").asText()).as(payout.body).isEqualTo("0000");

            String operator = "logs." + System.nanoTime() + "@ops.example";
            secrets.add(call("POST", "/admin/v1/operators", Map.of("email", operator, "role", "OWNER"),
                    ADMIN_TOKEN, null).json.get("temporaryPassword").asText());
            secrets.add(call("POST", "/admin/v1/operators/" + operator + "/tokens", Map.of("name", "laptop"),
                    ADMIN_TOKEN, null).json.get("token").asText());
            secrets.add(call("POST", "/admin/v1/merchants/" + merchantNo + "/users",
                    Map.of("email", "owner." + System.nanoTime() + "@shop.example", "role", "OWNER"), ADMIN_TOKEN,
                    null).json.get("temporaryPassword").asText());
            secrets.add(call("POST", "/admin/v1/merchants/" + merchantNo + "/secret/rotate", Map.of("graceHours", 1),
                    ADMIN_TOKEN, null).json.get("secretKey").asText());
            Reply hostile = signed("/v1/paypro/queryBalance", merchantNo, "0".repeat(32), Map.of(), true,
                    "forged\"id {json} " + "x".repeat(80));
            hostileEcho = hostile.requestId;

            assertThat(call("POST", "/sandbox/v1/trades/" + tradeNo + "/complete", Map.of("status", "0000"),
                    ADMIN_TOKEN, "it-complete").status).isEqualTo(200);
            notification = awaitAttempt(tradeNo);
            CallbackReceiver.Received callback = receiver.received("/fails").get(0);
            assertThat(callback.requestId()).as("X-Request-Id of the callback POST")
                    .isEqualTo(notification.get("attemptLog").get(0).get("requestId").asText());
            server.stopGracefully();
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(dataDir.resolve("server.log"))) {
            JsonNode parsed = JSON.readTree(line);
            assertThat(parsed.isObject()).as("one JSON object per line: " + line).isTrue();
            lines.add(parsed);
            for (String secret : secrets) {
                assertThat(line).as("a secret in a log line").doesNotContain(secret);
            }
        }
        // admin token, master key, 2 merchant keys, operator password and token, merchant user password, 3 signs
        assertThat(secrets).hasSize(10).doesNotContainNull();

        JsonNode startup = only(lines, "openpaypro.startup", null);
        assertThat(startup.get("database").asText()).contains("embedded PostgreSQL");
        JsonNode payinLine = only(lines, "openpaypro.access", "it-payin");
        assertThat(payinLine.get("method").asText()).isEqualTo("POST");
        assertThat(payinLine.get("path").asText()).isEqualTo("/v1/paypro/payin");
        assertThat(payinLine.get("status").asInt()).isEqualTo(200);
        assertThat(payinLine.get("latencyMs").isIntegralNumber()).isTrue();
        assertThat(payinLine.get("client").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(payinLine.get("merchantNo").asText()).isEqualTo(merchantNo);
        assertThat(payinLine.get("platFormTradeNo").asText()).isEqualTo(tradeNo);
        assertThat(only(lines, "openpaypro.access", "it-payout").get("merchantNo").asText()).isEqualTo(merchantNo);
        assertThat(only(lines, "openpaypro.access", "it-merchant").get("status").asInt()).isEqualTo(201);
        assertThat(only(lines, "openpaypro.access", "it-complete").get("path").asText())
                .isEqualTo("/sandbox/v1/trades/" + tradeNo + "/complete");

        assertThat(hostileEcho).as("an insane X-Request-Id is replaced, not echoed").matches("[0-9a-f]{32}");
        assertThat(only(lines, "openpaypro.access", hostileEcho).has("merchantNo")).isFalse();
        assertThat(String.join("\n", lines.stream().map(JsonNode::toString).toList())).doesNotContain("forged");

        assertThat(notification.get("queuedByRequestId").asText()).as("the request that finished the trade")
                .isEqualTo("it-complete");
        String attemptId = notification.get("attemptLog").get(0).get("requestId").asText();
        JsonNode failed = lines.stream().filter(line -> attemptId.equals(text(line, "requestId"))
                && line.get("message").asText().startsWith("callback not delivered")).findFirst().orElseThrow();
        assertThat(failed.get("merchantNo").asText()).isEqualTo(merchantNo);
        assertThat(failed.get("platFormTradeNo").asText()).isEqualTo(tradeNo);
    }

    private record Reply(int status, JsonNode json, String body, String requestId) {
    }

    private Reply call(String method, String path, Object body, String token, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JSON.readTree(response.body()), response.body(),
                response.headers().firstValue("X-Request-Id").orElse(null));
    }

    /** Signs {@code fields} (sign in the body, and in the header too when asked) and remembers the sign. */
    private Reply signed(String path, String merchantNo, String secret, Map<String, String> fields,
                         boolean signInHeader, String requestId) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("timestamp", Long.toString(System.currentTimeMillis()));
        String sign = Signer.sign(body, secret);
        secrets.add(sign);
        body.put("sign", sign);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("merchantNo", merchantNo)
                .header("X-Request-Id", requestId);
        if (signInHeader) {
            request.header("sign", sign);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JSON.readTree(response.body()), response.body(),
                response.headers().firstValue("X-Request-Id").orElse(null));
    }

    /** The trade's notification once its first attempt is in the attempt log. */
    private JsonNode awaitAttempt(String tradeNo) throws Exception {
        JsonNode notifications = Await.until("a logged callback attempt of " + tradeNo, Duration.ofSeconds(30),
                () -> notificationsOf(tradeNo),
                found -> found != null && found.size() > 0 && found.get(0).get("attemptLog").size() > 0);
        return notifications.get(0);
    }

    private JsonNode notificationsOf(String tradeNo) {
        try {
            return call("GET", "/admin/v1/trades/" + tradeNo, null, ADMIN_TOKEN, null).json.get("notifications");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode only(List<JsonNode> lines, String logger, String requestId) {
        List<JsonNode> matching = lines.stream().filter(line -> logger.equals(text(line, "logger"))
                && (requestId == null || requestId.equals(text(line, "requestId")))).toList();
        assertThat(matching).as(logger + " lines of request " + requestId).hasSize(1);
        return matching.get(0);
    }

    private static String text(JsonNode line, String field) {
        return line.has(field) ? line.get(field).asText() : null;
    }
}
