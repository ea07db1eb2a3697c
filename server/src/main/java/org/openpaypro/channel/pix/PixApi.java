package org.openpaypro.channel.pix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.net.ssl.SSLHandshakeException;
import org.openpaypro.json.Json;

/**
 * One Pix channel's HTTP side (DESIGN §13): OAuth2 client credentials with the token cached until shortly before
 * {@code expires_in}, a 401 dropping it and retrying the call once with a fresh one; JSON calls under
 * {@code baseUrl} over the channel's TLS, each bounded by the call timeout. It never retries anything else: the
 * connector decides. Thread-safe (the token is swapped under this object's monitor).
 */
final class PixApi {
    /** Refresh this long before the token expires (less for very short tokens). */
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);

    /**
     * What came back: an HTTP answer ({@code status > 0}, body parsed when JSON) or none ({@code status == 0}
     * with the reason; {@code maybeArrived} false when the request certainly never left, e.g. a refused
     * connection). {@code fromTokenCall} marks an answer of the token endpoint: the API call itself was not made.
     */
    record Reply(int status, JsonNode body, String failure, boolean maybeArrived, boolean fromTokenCall) {
        boolean answered() {
            return status > 0;
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private record Token(String value, Instant refreshAt) {
    }

    private final PixSettings settings;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;
    private Token token;

    PixApi(PixSettings settings, Clock clock, Duration timeout) {
        this.settings = settings;
        this.clock = clock;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().sslContext(settings.tls()).connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@code method path} under baseUrl with a JSON body (null: none), with one retry after a 401. */
    Reply call(String method, String path, JsonNode body) {
        String bearer;
        Reply tokenFailure = null;
        synchronized (this) {
            bearer = currentToken();
            if (bearer == null) {
                tokenFailure = fetchToken();
                bearer = tokenFailure == null ? token.value() : null;
            }
        }
        if (bearer == null) {
            return tokenFailure;
        }
        Reply reply = send(method, path, body, bearer);
        if (reply.status() != 401) {
            return reply;
        }
        synchronized (this) {
            if (token != null && token.value().equals(bearer)) {
                token = null;
            }
            bearer = currentToken();
            if (bearer == null) {
                tokenFailure = fetchToken();
                if (tokenFailure != null) {
                    return tokenFailure;
                }
                bearer = token.value();
            }
        }
        return send(method, path, body, bearer);
    }

    private String currentToken() {
        return token != null && clock.instant().isBefore(token.refreshAt()) ? token.value() : null;
    }

    /**
     * Fetches a token into {@link #token}; answers the failure, or null on success. Caller holds the monitor. The
     * request is RFC 6749's form body; a PSP that answers it 400 or 415 is asked once more with the JSON body some
     * PSPs (Efí's examples) use.
     */
    private Reply fetchToken() {
        Reply reply = exchange(tokenRequest("application/x-www-form-urlencoded", "grant_type="
                + URLEncoder.encode("client_credentials", StandardCharsets.UTF_8)));
        if (reply.status() == 400 || reply.status() == 415) {
            reply = exchange(tokenRequest("application/json", "{\"grant_type\":\"client_credentials\"}"));
        }
        if (!reply.answered() || !reply.ok()) {
            return new Reply(reply.status(), reply.body(), "OAuth token: " + (reply.answered()
                    ? "HTTP " + reply.status() + " " + reply.body().path("error").asText("") : reply.failure()),
                    false, true);
        }
        String value = reply.body().path("access_token").asText("");
        long lifetime = reply.body().path("expires_in").asLong(0);
        if (value.isEmpty() || lifetime <= 0) {
            return new Reply(reply.status(), reply.body(), "OAuth token: answer without access_token/expires_in",
                    false, true);
        }
        Duration margin = lifetime <= 2 * REFRESH_MARGIN.toSeconds() ? Duration.ofSeconds(lifetime / 2)
                : REFRESH_MARGIN;
        token = new Token(value, clock.instant().plusSeconds(lifetime).minus(margin));
        return null;
    }

    private HttpRequest tokenRequest(String contentType, String body) {
        String basic = Base64.getEncoder().encodeToString((settings.clientId() + ":" + settings.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(settings.oauthUrl()).timeout(timeout).header("Authorization", "Basic " + basic)
                .header("Content-Type", contentType).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private Reply send(String method, String path, JsonNode body, String bearer) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path)).timeout(timeout)
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json")
                .method(method, publisher);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return exchange(request.build());
    }

    private Reply exchange(HttpRequest request) {
        try {
            HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(answer.statusCode(), parse(answer.body()), null, true, false);
        } catch (ConnectException | SSLHandshakeException | HttpConnectTimeoutException e) {
            return new Reply(0, MissingNode.getInstance(), "could not connect: " + e.getClass().getSimpleName(),
                    false, false);
        } catch (HttpTimeoutException e) {
            return new Reply(0, MissingNode.getInstance(), "no answer within " + timeout.toMillis() + " ms", true,
                    false);
        } catch (IOException e) {
            return new Reply(0, MissingNode.getInstance(), "connection failed: " + e.getClass().getSimpleName(),
                    true, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, MissingNode.getInstance(), "interrupted", true, false);
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
