package org.openpaypro.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openpaypro.channel.pix.PixFixture;
import org.openpaypro.fakes.pix.FakePixPsp;
import org.openpaypro.protocol.Signer;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.SeparateProcesses;
import org.openpaypro.testing.ServerProcess;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * The payout submission queue under SIGKILL (issue 12, "Done when"): a real gateway process sends Pix payouts to the
 * fake PSP (HTTPS, mutual TLS, Efí's send API, which answers slowly so kills land while sends are in flight) and is
 * killed at random moments and restarted on the same data. Afterwards, counted <b>at the fake</b>: every payout the
 * gateway stored was created at the PSP exactly once under its idempotency key (never twice, never lost), every
 * acknowledged payout exists and finished, and the ledger balances. Quick version in the normal run
 * ({@code -Dopenpaypro.queuecrash.kills}, default 4).
 */
@SeparateProcesses
class PayoutQueueCrashIT {
    private static final int KILLS = Integer.getInteger("openpaypro.queuecrash.kills", 4);
    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile ServerProcess server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void killed_gateways_send_no_payout_twice_and_lose_none() throws Exception {
        Path dataDir = Files.createTempDirectory("openpaypro-queue-crash");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // a send answers in 250 ms: 3 s is plenty for it, and a row a killed node held is taken over after the
        // lease (2 × 3 s + 5 s) rather than the 25 s of the default, which the last restart would wait for
        Map<String, String> env = Map.of("OPENPAYPRO_PUBLIC_URL", "http://127.0.0.1:" + port,
                "OPENPAYPRO_CHANNEL_TIMEOUT", "3s", "OPENPAYPRO_NOTIFY_SCHEDULE", "1s,1s,1s");
        try (FakePixPsp psp = FakePixPsp.start()) {
            psp.sendOutcome(FakePixPsp.SendOutcome.CONFIRM);
            server = ServerProcess.start(dataDir, env, port);
            TestMerchant payer = setUp(psp);
            psp.alwaysAnswer(FakePixPsp.Op.PUT_SEND, FakePixPsp.Fault.hangAfterProcessing(Duration.ofMillis(250)));

            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            Set<String> unknown = ConcurrentHashMap.newKeySet();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger sequence = new AtomicInteger();
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Thread sender = new Thread(() -> {
                    while (running.get()) {
                        String tradeNo = "Q" + System.nanoTime() + "x" + sequence.incrementAndGet();
                        try {
                            JsonNode answer = payout(port, payer, tradeNo);
                            if ("0000".equals(answer.path("code").asText())) {
                                acknowledged.put(tradeNo, answer.at("/data/platFormTradeNo").asText());
                            } else if (!"8000".equals(answer.path("code").asText())) {
                                unknown.add(tradeNo);
                            }
                            // paced below what the node's four submitters send (one 250 ms send at a time each):
                            // sends stay in flight at every kill, and no backlog is left for the end to wait for
                            pause(150);
                        } catch (Exception e) {
                            unknown.add(tradeNo);
                            pause(100);
                        }
                    }
                });
                sender.start();
                senders.add(sender);
            }
            Random random = new Random();
            for (int killed = 0; killed < KILLS; killed++) {
                Thread.sleep(1500 + random.nextInt(2000)); // the kill lands at a random point of the sends
                server.kill();
                server = ServerProcess.start(dataDir, env, port);
            }
            int beforeLastStart = acknowledged.size();
            Await.until("payouts acknowledged by the last incarnation", Duration.ofSeconds(60),
                    () -> acknowledged.size() >= beforeLastStart + 4);
            running.set(false);
            for (Thread sender : senders) {
                sender.join();
            }
            psp.clearAlways(FakePixPsp.Op.PUT_SEND);

            String jdbc = "jdbc:postgresql://localhost:" + ServerProcess.embeddedDatabasePort(dataDir) + "/postgres";
            try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
                Map<String, String> stored = awaitAllPayoutsFinal(db, Duration.ofSeconds(240));
                assertThat(stored.keySet()).as("every acknowledged payout exists").containsAll(acknowledged.keySet());
                int requestsMax = 0;
                List<String> problems = new ArrayList<>();
                for (Map.Entry<String, String> trade : stored.entrySet()) {
                    String[] noAndStatus = trade.getValue().split(":");
                    String idEnvio = "opp" + noAndStatus[0];
                    int created = psp.sendsCreated(idEnvio);
                    requestsMax = Math.max(requestsMax, psp.requests(FakePixPsp.Op.PUT_SEND, idEnvio));
                    if (created != 1) {
                        problems.add(trade.getKey() + " created " + created + " times at the PSP");
                    }
                    if (!noAndStatus[1].equals("0000")) {
                        problems.add(trade.getKey() + " ended " + noAndStatus[1]);
                    }
                }
                assertThat(problems).isEmpty();
                assertThat(server.admin("GET", "/admin/v1/ledger/check").json().get("ok").asBoolean()).isTrue();
                System.out.printf("QUEUE-CRASH-REPORT kills=%d acknowledged=%d failedRequests=%d stored=%d "
                                + "createdAtPspOnceEach=%d maxPutRequestsPerKey=%d%n", KILLS, acknowledged.size(),
                        unknown.size(), stored.size(), stored.size(), requestsMax);
                assertThat(acknowledged.size()).as("the load did something").isGreaterThan(10);
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private TestMerchant setUp(FakePixPsp psp) throws Exception {
        TestMerchant payer = server.createMerchant();
        assertThat(server.admin("POST", "/admin/v1/merchants/" + payer.merchantNo() + "/adjustments",
                Map.of("amount", "1000000.00", "reason", "queue crash test")).status()).isEqualTo(201);
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("name", "pix-crash");
        channel.put("type", "PIX_BCB");
        channel.put("countries", List.of("BR"));
        channel.put("operations", List.of("PAYIN", "PAYOUT"));
        channel.put("config", PixFixture.config(psp));
        channel.put("credentials", PixFixture.credentials(psp));
        var created = server.admin("POST", "/admin/v1/channels", channel);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        // the first TLS handshake and token of a cold JVM can be slow on a loaded machine: a few tries
        var registered = server.admin("POST", "/admin/v1/channels/pix-crash/register-webhook");
        for (int attempt = 1; attempt < 3 && registered.status() != 200; attempt++) {
            registered = server.admin("POST", "/admin/v1/channels/pix-crash/register-webhook");
        }
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        var route = server.admin("PUT", "/admin/v1/routing/BR/PAYOUT", Map.of("channels",
                List.of(Map.of("name", "pix-crash", "weight", 100))));
        assertThat(route.status()).as(route.body()).isEqualTo(200);
        return payer;
    }

    private JsonNode payout(int port, TestMerchant payer, String tradeNo) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("tradeNo", tradeNo, "amount", "5.00",
                "name", "Maria Souza", "email", "maria@example.com", "mobile", "+5511987654321", "bankType", "CPF",
                "bankNumber", "12345678909", "identityType", "CPF", "userIdentity", "12345678909"));
        body.put("notifyUrl", "http://127.0.0.1:9/never");
        body.put("remark", "queue crash");
        body.put("timestamp", Long.toString(System.currentTimeMillis()));
        body.put("sign", Signer.sign(body, payer.secret()));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/v1/paypro/payout")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("merchantNo", payer.merchantNo())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** tradeNo → platFormTradeNo:status of every payout, once none is processing. */
    private static Map<String, String> awaitAllPayoutsFinal(Connection db, Duration timeout) {
        return Await.until("no payout processing", timeout, () -> {
            Map<String, String> trades = new LinkedHashMap<>();
            try (ResultSet rs = db.createStatement().executeQuery(
                    "SELECT trade_no, platform_trade_no, status FROM trade WHERE direction = 'PAYOUT'")) {
                while (rs.next()) {
                    trades.put(rs.getString(1), rs.getString(2) + ":" + rs.getString(3));
                }
            }
            return trades;
        }, trades -> trades.values().stream().noneMatch(state -> state.endsWith(":0015")));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
