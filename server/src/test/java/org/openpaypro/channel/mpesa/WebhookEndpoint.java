package org.openpaypro.channel.mpesa;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.openpaypro.channel.Connector;
import org.openpaypro.channel.WebhookAnswer;
import org.openpaypro.channel.WebhookCall;

/**
 * Stands in for the gateway's webhook route in connector tests: a real HTTP server on 127.0.0.1 that takes
 * {@code /channels/v1/mpesa/{token}/...}, hands the rest of the path and the body to the connector, answers what
 * the connector answers, and records every {@link WebhookAnswer}. A wrong token gets 404. Thread-safe.
 */
final class WebhookEndpoint implements AutoCloseable {
    static final String TOKEN = "tok_0123456789abcdefXYZ";
    private final HttpServer server;
    private final List<WebhookAnswer> answers = new CopyOnWriteArrayList<>();
    private volatile Connector connector;

    WebhookEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String webhookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/channels/v1/mpesa/" + TOKEN;
    }

    void connector(Connector value) {
        connector = value;
    }

    List<WebhookAnswer> answers() {
        return List.copyOf(answers);
    }

    List<WebhookAnswer.Confirmed> confirmed() {
        return answers.stream().flatMap(answer -> answer.confirmed().stream()).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String prefix = "/channels/v1/mpesa/" + TOKEN;
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!path.startsWith(prefix + "/") || connector == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            WebhookAnswer answer = connector.onWebhook(new WebhookCall(path.substring(prefix.length()), body,
                    Map.of("content-type", "application/json")));
            answers.add(answer);
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), out.length);
            exchange.getResponseBody().write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
