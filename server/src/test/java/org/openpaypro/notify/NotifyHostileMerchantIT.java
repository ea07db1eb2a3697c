package org.openpaypro.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;
import org.slf4j.LoggerFactory;

/**
 * Merchants that hold callback workers or answer with bytes that break text: on a gateway with 6 workers, at most 4
 * callbacks per merchant and 2 per resolved address. Receivers listen on 127.0.0.1 to 127.0.0.4 only and hold their
 * answers until the test opens a latch.
 */
class NotifyHostileMerchantIT {
    private static TestGateway gateway;
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    static void start() {
        LOG.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
        gateway = TestGateway.startNew(Map.of("OPENPAYPRO_NOTIFY_WORKERS", "6",
                "OPENPAYPRO_NOTIFY_PER_HOST_LIMIT", "2", "OPENPAYPRO_NOTIFY_PER_MERCHANT_LIMIT", "4",
                "OPENPAYPRO_NOTIFY_SCHEDULE", "300ms,600ms", "OPENPAYPRO_NOTIFY_READ_TIMEOUT", "60s"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
    }

    @AfterEach
    void close_receivers_and_check_the_ledger() throws Exception {
        for (AutoCloseable receiver : closing) {
            receiver.close();
        }
        assertThat(gateway.admin("GET", "/admin/v1/ledger/check", null).json().get("ok").asBoolean()).isTrue();
    }

    /** A receiver on one loopback address that holds every answer until {@code release} opens. */
    private static final class HeldReceiver implements AutoCloseable {
        final HttpServer server;
        final String address;
        final CountDownLatch release;
        final AtomicInteger held = new AtomicInteger();
        final AtomicInteger maxHeld = new AtomicInteger();
        final List<String> paths = new CopyOnWriteArrayList<>();
        private final ExecutorService threads = Executors.newCachedThreadPool();

        HeldReceiver(String address, CountDownLatch release) throws IOException {
            this.address = address;
            this.release = release;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 100);
            server.setExecutor(threads);
            server.createContext("/", this::handle);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        private void handle(HttpExchange exchange) throws IOException {
            exchange.getRequestBody().readAllBytes();
            paths.add(exchange.getRequestURI().getPath());
            maxHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            held.decrementAndGet();
            byte[] ok = "OK".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        }

        @Override
        public void close() {
            release.countDown();
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private HeldReceiver held(String address, CountDownLatch release) throws IOException {
        HeldReceiver receiver = new HeldReceiver(address, release);
        closing.add(receiver);
        return receiver;
    }

    private static String paidTrade(TestMerchant merchant, String notifyUrl) {
        String trade = PayProClient.builder().baseUrl(gateway.baseUrl()).merchantNo(merchant.merchantNo())
                .secretKey(merchant.secret()).build()
                .payin(PayinRequest.brazil("H" + System.nanoTime(), "10.00", "Ana", "12345678909", notifyUrl, "r"))
                .dataOrThrow().platFormTradeNo();
        assertThat(gateway.admin("POST", "/sandbox/v1/trades/" + trade + "/complete", Map.of("status", "0000"))
                .status()).isEqualTo(200);
        return trade;
    }

    private static JsonNode notification(String trade) {
        return gateway.admin("GET", "/admin/v1/trades/" + trade, null).json().get("notifications").get(0);
    }

    private static double deferred(String reason) {
        Matcher match = Pattern.compile("openpaypro_notify_deferred_total\\{reason=\"" + reason + "\",?} ([0-9.E]+)")
                .matcher(gateway.get("/metrics").body());
        return match.find() ? Double.parseDouble(match.group(1)) : 0;
    }

    @Test
    void one_merchant_with_many_held_callbacks_on_three_addresses_cannot_starve_another_merchant() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<HeldReceiver> slowHosts = List.of(held("127.0.0.1", release), held("127.0.0.2", release),
                held("127.0.0.3", release));
        HeldReceiver other = held("127.0.0.4", new CountDownLatch(0));
        TestMerchant greedy = gateway.createMerchant();
        TestMerchant patient = gateway.createMerchant();
        List<String> greedyTrades = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            HeldReceiver host = slowHosts.get(i % 3);
            greedyTrades.add(paidTrade(greedy, "http://" + host.address + ":" + host.port() + "/greedy/" + i));
        }
        BooleanSupplier greedyHeld = () -> slowHosts.stream().mapToInt(r -> r.held.get()).sum() == 4;
        Await.until("4 held callbacks of the greedy merchant", Duration.ofSeconds(20), greedyHeld::getAsBoolean);
        double merchantDeferrals = deferred("merchant");
        Await.until("a merchant-limit hand-back", Duration.ofSeconds(20),
                () -> deferred("merchant") > merchantDeferrals);

        String patientTrade = paidTrade(patient, "http://127.0.0.4:" + other.port() + "/patient");
        Await.until("the other merchant's callback", Duration.ofSeconds(20),
                () -> notification(patientTrade).get("status").asText().equals("DELIVERED"));
        assertThat(release.getCount()).isEqualTo(1);
        assertThat(slowHosts.stream().mapToInt(r -> r.paths.size()).sum()).isEqualTo(4);
        assertThat(greedyHeld.getAsBoolean()).isTrue();

        release.countDown();
        for (String trade : greedyTrades) {
            Await.until("delivery of " + trade, Duration.ofSeconds(30),
                    () -> notification(trade).get("status").asText().equals("DELIVERED"));
            assertThat(notification(trade).get("attempts").asInt()).as("handed back, never failed").isEqualTo(1);
        }
        assertThat(slowHosts.stream().mapToInt(r -> r.maxHeld.get()).sum()).isLessThanOrEqualTo(6);
        slowHosts.forEach(host -> assertThat(host.maxHeld.get()).as(host.address).isLessThanOrEqualTo(2));
        Await.until("no limit entry left once idle", Duration.ofSeconds(10), () -> limitKeys() == 0);
    }

    @Test
    void differently_spelled_loopback_hosts_share_one_per_address_limit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HeldReceiver loopback = held("127.0.0.1", release);
        TestMerchant merchant = gateway.createMerchant();
        int port = loopback.port();
        List<String> trades = new ArrayList<>();
        for (String host : new String[] {"127.0.0.1", "LOCALHOST", "localhost.", "2130706433", "0x7f000001",
                "0177.0.0.1", "[::ffff:127.0.0.1]", "[::FFFF:7F00:1]"}) {
            trades.add(paidTrade(merchant, "http://" + host + ":" + port + "/spelled/" + trades.size()));
        }
        Await.until("2 held callbacks", Duration.ofSeconds(20), () -> loopback.held.get() == 2);
        double addressDeferrals = deferred("address");
        Await.until("an address-limit hand-back", Duration.ofSeconds(20), () -> deferred("address") > addressDeferrals);
        assertThat(loopback.paths).hasSize(2);
        release.countDown();
        for (String trade : trades) {
            Await.until("delivery of " + trade, Duration.ofSeconds(30),
                    () -> notification(trade).get("status").asText().equals("DELIVERED"));
        }
        assertThat(loopback.maxHeld).hasValue(2);
        assertThat(loopback.paths).hasSize(8);
    }

    private static double limitKeys() {
        Matcher match = Pattern.compile("openpaypro_notify_limit_keys ([0-9.E]+)")
                .matcher(gateway.get("/metrics").body());
        return match.find() ? Double.parseDouble(match.group(1)) : -1;
    }

    /** A receiver answering fixed raw bytes per path, with HTTP 200. */
    private HttpServer rawReceiver(Map<String, byte[]> answers, Map<String, List<Instant>> arrivals)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            arrivals.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(Instant.now());
            byte[] answer = answers.get(path);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        closing.add(() -> server.stop(0));
        return server;
    }

    @Test
    void nul_control_character_and_invalid_utf8_answers_are_recorded_escaped_on_schedule_and_never_logged_raw()
            throws Exception {
        Map<String, byte[]> answers = Map.of(
                "/nul", "OK\u0000".getBytes(StandardCharsets.UTF_8),
                "/nul-junk", "OK\u0000\u0000junk".getBytes(StandardCharsets.UTF_8),
                "/forged-line", "OK\r\n21:00:00.000 ERROR [main] o.o.App - forged\u001b[2J".getBytes(
                        StandardCharsets.UTF_8),
                "/invalid-utf8", new byte[] {'O', 'K', (byte) 0xc0, (byte) 0xbc, (byte) 0xff});
        Map<String, String> escaped = Map.of(
                "/nul", "OK\\u0000",
                "/nul-junk", "OK\\u0000\\u0000junk",
                "/forged-line", "OK\\u000d\\u000a21:00:00.000 ERROR [main] o.o.App - forged\\u001b[2J",
                "/invalid-utf8", "OK\\xc0\\xbc\\xff");
        Map<String, List<Instant>> arrivals = new ConcurrentHashMap<>();
        HttpServer server = rawReceiver(answers, arrivals);
        TestMerchant merchant = gateway.createMerchant();
        Map<String, String> tradeByPath = new ConcurrentHashMap<>();
        for (String path : answers.keySet()) {
            tradeByPath.put(path, paidTrade(merchant, "http://127.0.0.1:" + server.getAddress().getPort() + path));
        }
        for (Map.Entry<String, String> entry : tradeByPath.entrySet()) {
            String path = entry.getKey();
            Await.until("exhaustion of " + path, Duration.ofSeconds(20),
                    () -> notification(entry.getValue()).get("status").asText().equals("EXHAUSTED"));
            JsonNode attempts = notification(entry.getValue()).get("attemptLog");
            assertThat(attempts).as(path).hasSize(3);
            for (JsonNode attempt : attempts) {
                assertThat(attempt.get("httpStatus").asInt()).isEqualTo(200);
                assertThat(attempt.get("delivered").asBoolean()).isFalse();
                assertThat(attempt.get("response").asText()).as(path).isEqualTo(escaped.get(path));
                assertThat(attempt.get("error").asText()).isEqualTo("answer is not OK");
            }
            List<Instant> times = arrivals.get(path);
            assertThat(times).as(path).hasSize(3);
            assertThat(Duration.between(times.get(0), times.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(250));
            assertThat(Duration.between(times.get(1), times.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(550));
        }
        List<String> lines = LOG.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anyMatch(line -> line.contains("callback not delivered") && line.contains("OK\\u0000"));
        assertThat(lines).anyMatch(line -> line.contains("forged\\u001b"));
        assertThat(lines).noneMatch(line -> line.chars().anyMatch(c -> c < 0x20 || c == 0x7f
                || c >= 0x80 && c < 0xa0 || c == 0x2028 || c == 0x2029));
    }
}
