package org.openpaypro.channel.mpesa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.openpaypro.json.Json;

/**
 * Daraja over HTTP for one channel: the OAuth token (cached until shortly before its {@code expires_in}, which
 * Daraja sends as a string) and JSON POSTs with it. An answer saying the token is invalid (HTTP 401, or Daraja's
 * {@code 404.001.03} / {@code 400.003.01} "Invalid Access Token") drops the token, fetches a new one and sends the
 * call once more; a product call refused at the token check was never processed, so that retry is safe. Thread-safe
 * (the token is guarded by this object's monitor; the JDK client is thread-safe).
 */
final class DarajaClient {
    static final String OAUTH = "/oauth/v1/generate?grant_type=client_credentials";
    private static final Duration MAX_EARLY_RENEWAL = Duration.ofSeconds(60);
    private static final int MAX_BODY_CHARS = 65_536;

    /** An HTTP answer from Daraja; {@code body} is an empty object when it was not JSON. */
    record Reply(int status, JsonNode body) {
        String text(String field) {
            JsonNode value = body.get(field);
            return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
        }

        /** Daraja's error envelope in words, e.g. {@code Bad Request - Invalid PhoneNumber (400.002.02)}. */
        String error() {
            String message = text("errorMessage");
            String code = text("errorCode");
            return (message == null ? "HTTP " + status : message) + (code == null ? "" : " (" + code + ")");
        }
    }

    /** The call's request may have reached Daraja but no answer came back (timeout, reset). */
    static final class NoAnswer extends Exception {
        NoAnswer(String message) {
            super(message);
        }
    }

    /** No token could be had, so the product call was never sent. */
    static final class NoToken extends Exception {
        NoToken(String message) {
            super(message);
        }
    }

    private final URI baseUrl;
    private final String basicAuth;
    private final HttpClient http;
    private final Duration callTimeout;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.EPOCH;

    DarajaClient(MpesaSettings settings, Duration callTimeout, Clock clock) {
        this.baseUrl = settings.baseUrl();
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString(
                (settings.consumerKey() + ":" + settings.consumerSecret()).getBytes(StandardCharsets.UTF_8));
        this.callTimeout = callTimeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(callTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** POSTs {@code body} to {@code path} with a valid token, renewing it once on an invalid-token answer. */
    Reply post(String path, ObjectNode body) throws NoAnswer, NoToken {
        String used = token();
        Reply reply = send(path, body, used);
        if (invalidToken(reply)) {
            drop(used);
            reply = send(path, body, token());
        }
        return reply;
    }

    private static boolean invalidToken(Reply reply) {
        String code = reply.text("errorCode");
        return reply.status() == 401 || "404.001.03".equals(code) || "400.003.01".equals(code);
    }

    private synchronized void drop(String used) {
        if (used.equals(token)) {
            token = null;
        }
    }

    private synchronized String token() throws NoToken {
        Instant now = clock.instant();
        if (token != null && now.isBefore(renewAt)) {
            return token;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + OAUTH)).timeout(callTimeout)
                .header("Authorization", basicAuth).GET().build();
        Reply reply;
        try {
            reply = exchange(request);
        } catch (NoAnswer e) {
            throw new NoToken("no answer from the M-Pesa OAuth endpoint: " + e.getMessage());
        }
        String accessToken = reply.text("access_token");
        if (reply.status() != 200 || accessToken == null || accessToken.isBlank()) {
            throw new NoToken("M-Pesa refused the token request: " + reply.error());
        }
        long seconds = expiresInSeconds(reply.text("expires_in"));
        Duration early = Duration.ofMillis(Math.min(MAX_EARLY_RENEWAL.toMillis(), seconds * 100));
        token = accessToken;
        renewAt = now.plusSeconds(seconds).minus(early);
        return token;
    }

    /** {@code expires_in} as Daraja sends it (a string, "3599"); an unreadable value means renew on next use. */
    private static long expiresInSeconds(String value) {
        try {
            return Math.max(0, Long.parseLong(value == null ? "0" : value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Reply send(String path, ObjectNode body, String bearer) throws NoAnswer {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(callTimeout)
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return exchange(request);
    }

    private Reply exchange(HttpRequest request) throws NoAnswer {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new NoAnswer(e.getClass().getSimpleName() + " from " + request.uri().getPath());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoAnswer("interrupted while waiting for " + request.uri().getPath());
        }
        return new Reply(response.statusCode(), parse(response.body()));
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_BODY_CHARS) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            return node != null && node.isObject() ? node : Json.MAPPER.createObjectNode();
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
