package org.openpaypro.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.openpaypro.protocol.Signer;

/**
 * One client of the gateway on one kept-alive socket ({@link RawHttpConnection}): the merchant endpoints (Brazil PIX
 * bodies signed with the protocol's {@link Signer} as the SDK signs them) and the operator API (DESIGN §9, /metrics).
 * One instance per client thread.
 */
final class Calls implements AutoCloseable {
    enum Op {
        PAYIN("payin"), PAYOUT("payout"), QUERY_PAYIN("queryPayInResult"), QUERY_PAYOUT("queryPayOutResult"),
        BALANCE("queryBalance");

        final String path;

        Op(String endpoint) {
            this.path = "/v1/paypro/" + endpoint;
        }
    }

    /** Accepted (outer code 0000, or HTTP 200 for an operator call), the platform trade number if any, or why not. */
    record Outcome(boolean ok, String platformTradeNo, String error) {
        static Outcome failed(String error) {
            return new Outcome(false, null, error);
        }
    }

    /** Where the gateway listens (on 127.0.0.1) and what every client shares. */
    record Target(int port, String adminToken, String notifyUrl) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, AtomicLong> LAST_MILLIS = new ConcurrentHashMap<>();
    private static final List<String> PAYIN = List.of("amount", "10.00", "name", "Ana Souza", "identityType", "CPF",
            "userIdentity", "12345678909");
    private static final List<String> PAYOUT = List.of("amount", "1.00", "name", "Ana Souza", "email",
            "ana@example.com", "mobile", "+5511987654321", "bankType", "CPF", "bankNumber", "12345678909",
            "identityType", "CPF", "userIdentity", "12345678909");

    private final Target target;
    private final RawHttpConnection connection;
    private String lastSign;

    /** {@code timeoutMillis}: how long one answer may take (30 s under load; longer for a ledger check). */
    Calls(Target target, int timeoutMillis) {
        this.target = target;
        this.connection = new RawHttpConnection("127.0.0.1", target.port(), timeoutMillis);
    }

    Outcome call(Op op, BenchMerchant merchant, String tradeNo) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (tradeNo != null) {
            fields.put("tradeNo", tradeNo);
        }
        List<String> values = op == Op.PAYIN ? PAYIN : op == Op.PAYOUT ? PAYOUT : List.of();
        for (int i = 0; i < values.size(); i += 2) {
            fields.put(values.get(i), values.get(i + 1));
        }
        if (!values.isEmpty()) {
            fields.put("notifyUrl", target.notifyUrl());
            fields.put("remark", "bench");
        }
        fields.put("timestamp", Long.toString(uniqueMillis(merchant.secret())));
        fields.put("sign", lastSign = Signer.sign(fields, merchant.secret()));
        try {
            RawHttpConnection.Response response = connection.send("POST", op.path,
                    "merchantNo: " + merchant.merchantNo() + "\r\n", JSON.writeValueAsBytes(fields));
            String code = field(response.body(), "code");
            if ("0000".equals(code)) {
                return new Outcome(true, field(response.body(), "platFormTradeNo"), null);
            }
            String msg = field(response.body(), "msg");
            return Outcome.failed("HTTP " + response.status() + " code " + code + (msg == null ? "" : " " + msg));
        } catch (IOException | RuntimeException e) {
            return Outcome.failed(e.toString());
        }
    }

    /** The sign of the last merchant request this client sent (the replay guard records it). */
    String lastSign() {
        return lastSign;
    }

    /** The sandbox's "the rail says success" for a trade. */
    Outcome complete(String platformTradeNo) {
        return outcome("POST", "/sandbox/v1/trades/" + platformTradeNo + "/complete", Map.of("status", "0000"),
                platformTradeNo);
    }

    /** The first page of a merchant's trade list ({@code GET /admin/v1/trades}, what the console and portal ask). */
    Outcome tradeList(BenchMerchant merchant) {
        return outcome("GET", "/admin/v1/trades?merchantNo=" + merchant.merchantNo(), null, null);
    }

    private Outcome outcome(String method, String path, Object body, String platformTradeNo) {
        try {
            RawHttpConnection.Response response = operator(method, path, body);
            return response.status() == 200 ? new Outcome(true, platformTradeNo, null)
                    : Outcome.failed(method + " " + path + ": HTTP " + response.status() + " " + response.body());
        } catch (IOException | RuntimeException e) {
            return Outcome.failed(e.toString());
        }
    }

    /** An operator API call (admin token; a body is sent as JSON) as it was answered. */
    RawHttpConnection.Response operator(String method, String path, Object body) throws IOException {
        return connection.send(method, path, "Authorization: Bearer " + target.adminToken() + "\r\n",
                body == null ? new byte[0] : JSON.writeValueAsBytes(body));
    }

    /** An operator API call that must answer {@code expectedStatus}, as JSON. */
    JsonNode operator(String method, String path, Object body, int expectedStatus) throws IOException {
        RawHttpConnection.Response response = operator(method, path, body);
        if (response.status() != expectedStatus) {
            throw new IOException(method + " " + path + " answered HTTP " + response.status() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    BenchMerchant createMerchant(int index) throws IOException {
        JsonNode created = operator("POST", "/admin/v1/merchants", Map.of("name", "Bench " + index, "country", "BR",
                "notifyUrl", target.notifyUrl()), 201);
        return new BenchMerchant(index, created.get("merchantNo").asText(), created.get("secretKey").asText());
    }

    void fund(BenchMerchant merchant, String amount) throws IOException {
        operator("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/adjustments",
                Map.of("amount", amount, "reason", "bench"), 201);
    }

    /** Sum of {@code jvm_memory_used_bytes{area="heap",...}} from /metrics, or -1. */
    long heapUsedBytes() {
        return (long) metric(metrics(), "jvm_memory_used_bytes{", "area=\"heap\"");
    }

    /** Payouts QUEUED or SENDING by the server's gauge (refreshed every 5 s); 0 when /metrics does not say. */
    long openSubmissions() {
        String metrics = metrics();
        return Math.round(Math.max(0, metric(metrics, "openpaypro_payout_submissions{", "QUEUED"))
                + Math.max(0, metric(metrics, "openpaypro_payout_submissions{", "SENDING")));
    }

    /** The sum of the samples of {@code name} whose labels contain {@code label}, or -1 when there is none. */
    static double metric(String metrics, String name, String label) {
        return metrics.lines().filter(line -> line.startsWith(name) && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .reduce(Double::sum).orElse(-1);
    }

    private String metrics() {
        try {
            return operator("GET", "/metrics", null).body();
        } catch (IOException e) {
            return "";
        }
    }

    /** An operator GET streamed as it arrives, by the JDK's client: the CSV export, too large to hold. */
    HttpResponse<InputStream> stream(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port()
                + path)).header("Authorization", "Bearer " + target.adminToken()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    /**
     * The gateway serves each sign once (replay guard), so two identical bodies of one merchant in the same
     * millisecond (a balance query, the same trade queried twice) must differ: each merchant's timestamps strictly
     * increase. At the bench's per-merchant rates they stay on the clock.
     */
    private static long uniqueMillis(String merchantSecret) {
        long now = System.currentTimeMillis();
        return LAST_MILLIS.computeIfAbsent(merchantSecret, key -> new AtomicLong())
                .updateAndGet(last -> Math.max(now, last + 1));
    }

    /**
     * The value of the first {@code "name":"value"} pair of a JSON answer, or null: no JSON parser on the hot path. A
     * key inside a JSON string would have its quotes escaped, so the first match is a real key. Simple values only.
     */
    static String field(String json, String name) {
        String key = "\"" + name + "\":";
        int at = json.indexOf(key);
        int start = at < 0 ? -1 : at + key.length() + (json.startsWith(" ", at + key.length()) ? 1 : 0);
        int end = start < 0 || !json.startsWith("\"", start) ? -1 : json.indexOf('"', start + 1);
        return end < 0 ? null : json.substring(start + 1, end);
    }

    @Override
    public void close() {
        connection.close();
    }
}
