package org.openpaypro.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * The gateway the access tests share: its own database, a four-eyes limit of 1000.00 (50000.00 for NGN) and the
 * default throttle of failed authentications. Calls go to an explicit loopback address, so the audit's address and
 * the throttle's key are known ({@code 127.0.0.1} unless a test picks another 127/8 address). Thread-safe.
 */
final class AccessGateway {
    static final String LIMIT = "1000.00";
    static final String NGN_LIMIT = "50000.00";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);
    private static TestGateway instance;

    private final HttpClient client = HttpClient.newHttpClient();
    final TestGateway gateway;

    /** An operator created for a test, with one personal token. */
    record Operator(String email, Role role, String token) {
    }

    AccessGateway() {
        this.gateway = shared();
    }

    private static synchronized TestGateway shared() {
        if (instance == null) {
            instance = TestGateway.startNew(Map.of("OPENPAYPRO_ADJUSTMENT_APPROVAL_LIMIT", LIMIT,
                    "OPENPAYPRO_ADJUSTMENT_APPROVAL_LIMIT_NGN", NGN_LIMIT,
                    "OPENPAYPRO_ADMIN_AUTH_FAILURES_PER_MINUTE", "20"));
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
        }
        return instance;
    }

    String bootstrap() {
        return gateway.app().adminToken();
    }

    static String unique(String prefix) {
        return prefix + SEQUENCE.incrementAndGet();
    }

    Answer call(String method, String path, Object body, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + gateway.app().port() + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(TestGateway.json(body)))
                    .header("Content-Type", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), parse(response.body()), response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An answer read off the wire, with its header block. */
    record Raw(int status, String head, Answer answer) {
    }

    /**
     * A bodiless HTTP/1.0 call from the local address {@code source} (any 127/8 address): the gateway sees that
     * address as the peer, which is what the throttle and the audit key on.
     */
    Raw callFrom(String source, String method, String path, String token) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), gateway.app().port()), 5_000);
            socket.setSoTimeout(30_000);
            String request = method + " " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String head = response.substring(0, split);
            String body = response.substring(split + 4);
            int status = Integer.parseInt(head.split(" ")[1]);
            return new Raw(status, head, new Answer(status, parse(body), body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    Answer asBootstrap(String method, String path, Object body) {
        return call(method, path, body, bootstrap());
    }

    /** A new operator of {@code role} (created by the bootstrap token) with a token named "main". */
    Operator operator(Role role) {
        String email = unique(role.name().toLowerCase() + ".") + "@ops.example";
        Answer created = asBootstrap("POST", "/admin/v1/operators", Map.of("email", email, "role", role.name()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Answer token = asBootstrap("POST", "/admin/v1/operators/" + email + "/tokens", Map.of("name", "main"));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        return new Operator(email, role, token.json().get("token").asText());
    }

    TestMerchant merchant(String country) {
        Answer answer = asBootstrap("POST", "/admin/v1/merchants", Map.of("name", "Access test", "country", country));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return new TestMerchant(answer.json().get("merchantNo").asText(), answer.json().get("secretKey").asText());
    }

    /** A Brazilian pay-in still processing; its callback would go to a closed loopback port. */
    String processingPayin(TestMerchant merchant) {
        Answer payin = gateway.signed("/v1/paypro/payin", merchant.merchantNo(), merchant.secret(),
                Map.of("tradeNo", unique("A"), "amount", "150.00", "name", "Maria Souza", "identityType", "CPF",
                        "userIdentity", "12345678909", "notifyUrl", "http://127.0.0.1:9/notify", "remark", "access"));
        assertThat(payin.code()).as(payin.body()).isEqualTo("0000");
        return payin.json().get("data").get("platFormTradeNo").asText();
    }

    String finishedPayin(TestMerchant merchant) {
        String platformNo = processingPayin(merchant);
        Answer done = asBootstrap("POST", "/sandbox/v1/trades/" + platformNo + "/complete", Map.of("status", "0000"));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        return platformNo;
    }

    long lastAuditId() {
        return gateway.app().database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT coalesce(max(id), 0) FROM audit_entry").mapTo(Long.class).one());
    }

    /** Audit rows written after {@code afterId}, oldest first: action, actor, address, target, summary. */
    List<Map<String, Object>> auditSince(long afterId) {
        return gateway.app().database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT action, actor, address, target, summary FROM audit_entry WHERE id > :id ORDER BY id")
                .bind("id", afterId)
                .mapToMap()
                .list());
    }

    /** Everything a refused call must leave as it was: the gateway's snapshot plus the access tables. */
    Map<String, Long> snapshot() {
        Map<String, Long> counts = new LinkedHashMap<>(gateway.snapshot());
        gateway.app().database().jdbi().useHandle(handle -> {
            for (String query : List.of("SELECT count(*) FROM operator", "SELECT count(*) FROM operator_token",
                    "SELECT count(*) FROM operator_token WHERE revoked_at IS NOT NULL",
                    "SELECT count(*) FROM adjustment_request",
                    "SELECT count(*) FROM adjustment_request WHERE status = 'PENDING_APPROVAL'",
                    "SELECT count(*) FROM audit_entry", "SELECT count(*) FROM trade WHERE status = '0015'")) {
                counts.put(query, handle.createQuery(query).mapTo(Long.class).one());
            }
        });
        return counts;
    }

    void assertLedgerOk() {
        Answer check = asBootstrap("GET", "/admin/v1/ledger/check", null);
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().get("ok").asBoolean()).as(check.body()).isTrue();
    }
}
