package org.openpaypro.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in gateway on a free local port: records every request and answers with a canned status and body.
 *
 * <p>Thread-safe: the server thread and the test thread meet only through the queue and volatile fields.
 */
final class FakeGateway implements AutoCloseable {

    /** One request as the gateway saw it. */
    record Recorded(String method, String path, Headers headers, String body) {

        Map<String, Object> json() {
            try {
                return new ObjectMapper().readValue(body, LinkedHashMap.class);
            } catch (IOException e) {
                throw new AssertionError("request body is not JSON: " + body, e);
            }
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();
    private volatile int status = 200;
    private volatile String answer = "{\"msg\":\"success\",\"code\":\"0000\",\"timestamp\":1,\"success\":true}";
    private volatile long delayMillis;

    FakeGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeGateway answer(int httpStatus, String body) {
        this.status = httpStatus;
        this.answer = body;
        return this;
    }

    FakeGateway answer(String body) {
        return answer(200, body);
    }

    FakeGateway delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    Recorded lastRequest() throws InterruptedException {
        Recorded recorded = requests.poll(5, TimeUnit.SECONDS);
        if (recorded == null) {
            throw new AssertionError("the fake gateway received no request");
        }
        return recorded;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders(), body));
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
