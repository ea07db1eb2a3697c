package org.openpaypro.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real local HTTP receiver for notify callbacks. Each path has a behaviour (what to answer to the n-th call);
 * every request is recorded with its body, headers and time, and overlapping deliveries of one tradeNo are
 * counted. Thread-safe.
 */
public final class CallbackReceiver implements AutoCloseable {
    /** What the receiver answers: an HTTP status and a body, after an optional delay. */
    public record Reply(int status, String body, long delayMillis, String location) {
        public static Reply ok() {
            return new Reply(200, "OK", 0, null);
        }

        public static Reply of(int status, String body) {
            return new Reply(status, body, 0, null);
        }
    }

    /** One received callback. */
    public record Received(String path, String body, String merchantNo, String contentType, Instant at,
                           Reply reply, String requestId) {
        /** Whether the receiver acknowledged it (answered 2xx OK). */
        public boolean acknowledged() {
            return reply.status() / 100 == 2 && reply.body().trim().equalsIgnoreCase("OK") && reply.delayMillis() == 0;
        }
    }

    private final HttpServer server;
    private final Map<String, Function<Integer, Reply>> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> inFlightByBody = new ConcurrentHashMap<>();
    private final AtomicInteger overlaps = new AtomicInteger();

    public CallbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Sets what {@code path} answers to its n-th call (n from 1). Default: 200 OK. */
    public void behave(String path, Function<Integer, Reply> behaviour) {
        behaviours.put(path, behaviour);
    }

    public List<Received> received(String path) {
        List<Received> list = new ArrayList<>();
        for (Received r : received) {
            if (r.path().equals(path)) {
                list.add(r);
            }
        }
        return list;
    }

    public List<Received> all() {
        return List.copyOf(received);
    }

    /** How many times two deliveries for the same tradeNo were being answered at the same moment. */
    public int overlaps() {
        return overlaps.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Instant at = Instant.now();
        String key = tradeNoOf(body);
        AtomicInteger inFlight = inFlightByBody.computeIfAbsent(key, k -> new AtomicInteger());
        if (inFlight.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
        try {
            int n = calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Reply reply = behaviours.getOrDefault(path, i -> Reply.ok()).apply(n);
            received.add(new Received(path, body, exchange.getRequestHeaders().getFirst("merchantNo"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), at, reply,
                    exchange.getRequestHeaders().getFirst("X-Request-Id")));
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
            if (reply.location() != null) {
                exchange.getResponseHeaders().add("Location", reply.location());
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // the gateway gave up (timeout): nothing to answer
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    private static String tradeNoOf(String body) {
        int start = body.indexOf("\"tradeNo\":\"");
        if (start < 0) {
            return body;
        }
        int from = start + 11;
        return body.substring(from, body.indexOf('"', from));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
