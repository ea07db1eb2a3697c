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
    private final HttpClient client;

    AdminApi(String baseUrl, String token, HttpClient client) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.client = client;
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
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return heapFromMetrics(response.body());
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static long heapFromMetrics(String metrics) {
        double sum = 0;
        boolean found = false;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? (long) sum : -1;
    }

    /** An operator GET answered as the body handler reads it (the trade list, the CSV export). */
    <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token).GET().build(), body);
    }

    private JsonNode send(String method, String path, Object body, int expectedStatus)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IOException(method + " " + path + " answered HTTP " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }
}
