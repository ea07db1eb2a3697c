package org.openpaypro.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The merchant's notify endpoint for the full flow: a JDK HttpServer on the loopback that answers every callback
 * {@code 200 OK} (delivered, spec §4) and completes the future of the callback's {@code tradeNo}. Thread-safe.
 */
final class NotifyReceiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();

    NotifyReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(executor);
        server.createContext("/notify", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
    }

    /** Registers interest before the trade can finish; completes with {@link System#nanoTime()} at arrival. */
    CompletableFuture<Long> expect(String tradeNo) {
        return waiting.computeIfAbsent(tradeNo, key -> new CompletableFuture<>());
    }

    void forget(String tradeNo) {
        waiting.remove(tradeNo);
    }

    long received() {
        return received.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String tradeNo = Calls.field(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8), "tradeNo");
            received.incrementAndGet();
            CompletableFuture<Long> future = tradeNo == null ? null : waiting.remove(tradeNo);
            if (future != null) {
                future.complete(arrived);
            }
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("OK".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
