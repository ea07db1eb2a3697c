package org.openpaypro.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The operator API calls the driver needs (DESIGN §9), plus /metrics. Off the hot path. Thread-safe. */
final class AdminApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String token;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AdminApi(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    BenchMerchant createMerchant(int index, String notifyUrl) throws IOException, InterruptedException {
        JsonNode created = send("POST", "/admin/v1/merchants",
                Map.of("name", "Bench " + index, "country", "BR", "notifyUrl", notifyUrl), 201);
        return new BenchMerchant(index, created.get("merchantNo").asText(), created.get("secretKey").asText());
    }

    void fund(BenchMerchant merchant, String amount) throws IOException, InterruptedException {
        send("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/adjustments",
                Map.of("amount", amount, "reason", "bench"), 201);
    }

    JsonNode ledgerCheck() throws IOException, InterruptedException {
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
            return client.send(request("/metrics").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** An operator GET answered as the body handler reads it (the trade list, the CSV export). */
    <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        return client.send(request(path).timeout(Duration.ofMinutes(10)).build(), body);
    }

    private JsonNode send(String method, String path, Object body, int expectedStatus)
            throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request(path).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IOException(method + " " + path + " answered HTTP " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token);
    }
}
