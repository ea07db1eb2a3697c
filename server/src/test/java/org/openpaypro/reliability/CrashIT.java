package org.openpaypro.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openpaypro.sdk.ApiResult;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.sdk.PayoutRequest;
import org.openpaypro.testing.CallbackReceiver;
import org.openpaypro.testing.CallbackReceiver.Reply;
import org.openpaypro.testing.ServerProcess;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * A real server process under mixed load, killed with SIGKILL at random moments and restarted on the same data.
 * Afterwards the client's own log of acknowledged answers is checked against the database: nothing acknowledged
 * is lost, nothing refused exists, the ledger balances, every finished trade's callback was delivered.
 * Quick version in the normal test run ({@code -Dopenpaypro.crash.kills}, default 10); the long version is
 * {@code -Dopenpaypro.crash.kills=50} (see docs/RELIABILITY.md).
 */
class CrashIT {
    private static final int KILLS = Integer.getInteger("openpaypro.crash.kills", 10);
    private static final int WORKERS = 4;

    enum Outcome { ACCEPTED, REJECTED, UNKNOWN }

    /** One create as the client saw it. */
    record Sent(String kind, String merchantNo, String tradeNo, String amount, Outcome outcome, String msg) {
    }

    private final Queue<Sent> log = new ConcurrentLinkedQueue<>();
    private final Queue<String> payins = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private volatile ServerProcess server;

    @Test
    void killed_servers_lose_no_acknowledged_order_and_move_no_cent_twice() throws Exception {
        Path dataDir = Files.createTempDirectory("openpaypro-crash");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = Map.of("OPENPAYPRO_SIMULATOR_AUTOCOMPLETE", "1s",
                "OPENPAYPRO_NOTIFY_SCHEDULE", "1s,1s,1s,2s,2s,2s,2s,2s",
                "OPENPAYPRO_NOTIFY_CONNECT_TIMEOUT", "2s", "OPENPAYPRO_NOTIFY_READ_TIMEOUT", "2s");
        AtomicBoolean receiverFlaky = new AtomicBoolean(true);
        try (CallbackReceiver receiver = new CallbackReceiver()) {
            receiver.behave("/crash", n -> receiverFlaky.get() && ThreadLocalRandom.current().nextInt(5) == 0
                    ? Reply.of(503, "busy") : Reply.ok());
            server = ServerProcess.start(dataDir, env, port);
            TestMerchant collector = server.createMerchant();
            TestMerchant payer = server.createMerchant();
            assertThat(server.admin("POST", "/admin/v1/merchants/" + payer.merchantNo() + "/adjustments",
                    Map.of("amount", "100000.00", "reason", "crash test")).status()).isEqualTo(201);
            PayProClient collectorClient = client(port, collector);
            PayProClient payerClient = client(port, payer);

            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                Thread worker = new Thread(() -> load(running, collectorClient, collector, payerClient, payer,
                        receiver.url("/crash")));
                worker.start();
                workers.add(worker);
            }
            Random random = new Random();
            int killed = 0;
            for (; killed < KILLS; killed++) {
                Thread.sleep(800 + random.nextInt(2200));
                server.kill();
                long restart = System.nanoTime();
                server = ServerProcess.start(dataDir, env, port);
                System.out.printf("CRASH-TIMING restart=%dms%n", (System.nanoTime() - restart) / 1_000_000);
            }
            Thread.sleep(1500);
            running.set(false);
            for (Thread worker : workers) {
                worker.join();
            }
            long loadEnded = System.nanoTime();
            resolveUnknowns(collectorClient, payerClient, receiver.url("/crash"));
            long resolved = System.nanoTime();
            receiverFlaky.set(false);

            String jdbc = "jdbc:postgresql://localhost:" + ServerProcess.embeddedDatabasePort(dataDir) + "/postgres";
            try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
                awaitQuiet(db);
                System.out.printf("CRASH-TIMING resolve=%ds quiet=%ds%n", (resolved - loadEnded) / 1_000_000_000,
                        (System.nanoTime() - resolved) / 1_000_000_000);
                checkAcknowledged(db);
                assertThat(count(db, "SELECT count(*) FROM (SELECT merchant_id, trade_no FROM trade "
                        + "GROUP BY 1, 2 HAVING count(*) > 1) d")).isZero();
                assertThat(server.admin("GET", "/admin/v1/ledger/check").json().get("ok").asBoolean()).isTrue();
                long finished = count(db, "SELECT count(*) FROM trade WHERE status <> '0015'");
                Map<String, Long> perTrade = receiver.received("/crash").stream()
                        .filter(CallbackReceiver.Received::acknowledged)
                        .map(r -> r.body().replaceAll(".*\"platFormTradeNo\":\"([^\"]+)\".*", "$1"))
                        .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
                long undelivered = count(db, "SELECT count(*) FROM trade t WHERE t.status <> '0015' AND NOT EXISTS "
                        + "(SELECT 1 FROM notification n WHERE n.trade_id = t.id AND n.status = 'DELIVERED')");
                assertThat(undelivered).as(diagnose(db)).isZero();
                assertThat(perTrade.keySet()).hasSize((int) finished);
                assertThat(serverErrors.get()).isZero();
                System.out.printf("CRASH-REPORT kills=%d requests=%d acknowledged=%d rejected=%d unknown=%d "
                                + "finished=%d callbacksReceived=%d duplicateDeliveries=%d 5xx=%d%n",
                        killed, requests.get(), countOutcome(Outcome.ACCEPTED), countOutcome(Outcome.REJECTED),
                        countOutcome(Outcome.UNKNOWN), finished, receiver.received("/crash").size(),
                        perTrade.values().stream().mapToLong(c -> c - 1).sum(), serverErrors.get());
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static PayProClient client(int port, TestMerchant merchant) {
        return PayProClient.builder().baseUrl("http://localhost:" + port).merchantNo(merchant.merchantNo())
                .secretKey(merchant.secret()).timeout(Duration.ofSeconds(10)).build();
    }

    private void load(AtomicBoolean running, PayProClient collectorClient, TestMerchant collector,
                      PayProClient payerClient, TestMerchant payer, String notifyUrl) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.get()) {
            int pick = random.nextInt(100);
            try {
                if (pick < 35) {
                    String tradeNo = "CI" + System.nanoTime() + random.nextInt(1000);
                    String amount = (1 + random.nextInt(500)) + "." + random.nextInt(10) + "0";
                    record("PAYIN", collector, tradeNo, amount, () -> collectorClient.payin(PayinRequest.brazil(
                            tradeNo, amount, "Ana", "12345678909", notifyUrl, "crash")));
                } else if (pick < 60) {
                    String tradeNo = "CO" + System.nanoTime() + random.nextInt(1000);
                    String amount = (1 + random.nextInt(30)) + ".00";
                    record("PAYOUT", payer, tradeNo, amount, () -> payerClient.payout(PayoutRequest.brazilPix(tradeNo,
                            amount, "Ana", "a@b.com", "11987654321", "EVP", "123e4567-e89b-12d3-a456-426614174000",
                            "CPF", "12345678909", notifyUrl, "crash")));
                } else if (pick < 80) {
                    String platformTradeNo = payins.poll();
                    if (platformTradeNo != null) {
                        requests.incrementAndGet();
                        int status = server.admin("POST", "/sandbox/v1/trades/" + platformTradeNo + "/complete",
                                Map.of("status", random.nextBoolean() ? "0000" : "00029")).status();
                        if (status >= 500) {
                            serverErrors.incrementAndGet();
                        }
                    }
                } else {
                    requests.incrementAndGet();
                    collectorClient.queryBalance();
                }
            } catch (Exception e) {
                pause();
            }
        }
    }

    private void record(String kind, TestMerchant merchant, String tradeNo, String amount,
                        java.util.function.Supplier<ApiResult<?>> call) {
        requests.incrementAndGet();
        Outcome outcome;
        String msg;
        try {
            ApiResult<?> result = call.get();
            outcome = result.accepted() ? Outcome.ACCEPTED : result.rejected() ? Outcome.REJECTED : Outcome.UNKNOWN;
            msg = result.msg();
            if (result.accepted() && kind.equals("PAYIN")) {
                payins.add(((org.openpaypro.sdk.PayinData) result.data()).platFormTradeNo());
            }
        } catch (RuntimeException e) {
            outcome = Outcome.UNKNOWN;
            msg = e.getClass().getSimpleName();
            pause();
        }
        log.add(new Sent(kind, merchant.merchantNo(), tradeNo, amount, outcome, msg));
    }

    /** What a careful merchant does with an unknown outcome: send the same order again. */
    private void resolveUnknowns(PayProClient collectorClient, PayProClient payerClient, String notifyUrl) {
        List<Sent> unknown = log.stream().filter(s -> s.outcome() == Outcome.UNKNOWN).toList();
        for (Sent sent : unknown) {
            ApiResult<?> again = sent.kind().equals("PAYIN")
                    ? collectorClient.payin(PayinRequest.brazil(sent.tradeNo(), sent.amount(), "Ana", "12345678909",
                    notifyUrl, "crash"))
                    : payerClient.payout(PayoutRequest.brazilPix(sent.tradeNo(), sent.amount(), "Ana", "a@b.com",
                    "11987654321", "EVP", "123e4567-e89b-12d3-a456-426614174000", "CPF", "12345678909",
                    notifyUrl, "crash"));
            assertThat(again.accepted() || again.msg().equals("duplicate tradeNo")
                    || again.msg().equals("insufficient balance")).as(again.msg()).isTrue();
        }
    }

    private void awaitQuiet(Connection db) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            long busy = count(db, "SELECT count(*) FROM trade WHERE direction = 'PAYOUT' AND status = '0015'")
                    + count(db, "SELECT count(*) FROM notification n JOIN trade t ON t.id = n.trade_id "
                    + "WHERE n.status = 'PENDING'");
            if (busy == 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("payouts or notifications still pending 90 s after the last kill");
    }

    private void checkAcknowledged(Connection db) throws Exception {
        Map<String, String[]> stored = new HashMap<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT m.merchant_no, t.trade_no, t.direction, t.amount_text "
                     + "FROM trade t JOIN merchant m ON m.id = t.merchant_id")) {
            while (rows.next()) {
                stored.put(rows.getString(1) + "/" + rows.getString(2), new String[] {rows.getString(3),
                        rows.getString(4)});
            }
        }
        for (Sent sent : log) {
            String[] row = stored.get(sent.merchantNo() + "/" + sent.tradeNo());
            if (sent.outcome() == Outcome.ACCEPTED) {
                assertThat(row).as("acknowledged %s %s", sent.kind(), sent.tradeNo()).isNotNull();
                assertThat(row[0]).isEqualTo(sent.kind());
                assertThat(row[1]).isEqualTo(sent.amount());
            } else if (sent.outcome() == Outcome.REJECTED) {
                assertThat(row).as("rejected (%s) %s %s", sent.msg(), sent.kind(), sent.tradeNo()).isNull();
            }
        }
    }

    private static String diagnose(Connection db) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT n.status, t.notify_url LIKE '%/crash', count(*), "
                     + "max(n.attempts), (SELECT string_agg(DISTINCT left(a.error, 80), ' | ') FROM notify_attempt a "
                     + "WHERE a.error IS NOT NULL) FROM notification n JOIN trade t ON t.id = n.trade_id GROUP BY 1, 2")) {
            while (rows.next()) {
                text.append(rows.getString(1)).append(" crash=").append(rows.getBoolean(2)).append(" count=")
                        .append(rows.getLong(3)).append(" maxAttempts=").append(rows.getInt(4)).append(" errors=")
                        .append(rows.getString(5)).append('\n');
            }
        }
        return text.toString();
    }

    private long countOutcome(Outcome outcome) {
        return log.stream().filter(s -> s.outcome() == outcome).count();
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
