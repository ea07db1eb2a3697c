package org.openpaypro.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * The operator API calls the driver needs (DESIGN §9), plus /metrics, on the driver's one transport with a long
 * timeout (a ledger check or a trade list on a large table). Off the hot path; main thread only: not thread-safe.
 */
final class AdminApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final String token;
    private final RawHttpConnection connection;

    AdminApi(int port, String token) {
        this.port = port;
        this.token = token;
        this.connection = new RawHttpConnection("127.0.0.1", port, 600_000);
    }

    BenchMerchant createMerchant(int index, String notifyUrl) throws IOException {
        JsonNode created = send("POST", "/admin/v1/merchants",
                Map.of("name", "Bench " + index, "country", "BR", "notifyUrl", notifyUrl), 201);
        return new BenchMerchant(index, created.get("merchantNo").asText(), created.get("secretKey").asText());
    }

    void fund(BenchMerchant merchant, String amount) throws IOException {
        send("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/adjustments",
                Map.of("amount", amount, "reason", "bench"), 201);
    }

    JsonNode ledgerCheck() throws IOException {
        return send("GET", "/admin/v1/ledger/check", null, 200);
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
            return get("/metrics").body();
        } catch (IOException e) {
            return "";
        }
    }

    /** An operator GET as it was answered (the trade list pages). */
    RawHttpConnection.Response get(String path) throws IOException {
        return connection.send("GET", path, "Authorization: Bearer " + token + "\r\n", new byte[0]);
    }

    /** An operator GET streamed as it arrives, by the JDK's client: the CSV export, too large to hold. */
    HttpResponse<InputStream> stream(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private JsonNode send(String method, String path, Object body, int expectedStatus) throws IOException {
        RawHttpConnection.Response response = connection.send(method, path, "Authorization: Bearer " + token
                + "\r\n", body == null ? new byte[0] : JSON.writeValueAsBytes(body));
        if (response.status() != expectedStatus) {
            throw new IOException(method + " " + path + " answered HTTP " + response.status() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    @Override
    public void close() {
        connection.close();
    }
}
