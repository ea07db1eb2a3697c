package org.openpaypro.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.openpaypro.sdk.ApiResult;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayinData;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.sdk.PayoutRequest;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * A mixed merchant load for the reliability tests — pay-ins, payouts, sandbox completions and queries — spread
 * round-robin over the current server nodes, with the client's own log of every create and the answer it got.
 * The checks compare that log with the database afterwards. Thread-safe.
 */
public final class MixedLoad {
    /** How the client saw a create end. */
    public enum Outcome { ACCEPTED, REJECTED, UNKNOWN }

    /** One create as the client saw it. */
    public record Sent(String kind, String merchantNo, String tradeNo, String amount, Outcome outcome, String msg) {
    }

    private final Supplier<List<ServerProcess>> nodes;
    private final TestMerchant collector;
    private final TestMerchant payer;
    private final String notifyUrl;
    private final Queue<Sent> log = new ConcurrentLinkedQueue<>();
    private final Queue<String> payins = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final Queue<Long> acceptedAtNanos = new ConcurrentLinkedQueue<>();
    private final AtomicInteger turn = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> workers = new ArrayList<>();
    private final Map<String, PayProClient> clients = new java.util.concurrent.ConcurrentHashMap<>();

    public MixedLoad(Supplier<List<ServerProcess>> nodes, TestMerchant collector, TestMerchant payer,
                     String notifyUrl) {
        this.nodes = nodes;
        this.collector = collector;
        this.payer = payer;
        this.notifyUrl = notifyUrl;
    }

    public void start(int threads) {
        running.set(true);
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(this::run, "mixed-load-" + i);
            worker.start();
            workers.add(worker);
        }
    }

    public void stop() throws InterruptedException {
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
    }

    public int requests() {
        return requests.get();
    }

    public int serverErrors() {
        return serverErrors.get();
    }

    /** 503 answers of the sandbox API: the database was unavailable (a failover, a stall), retry later. */
    public int unavailable() {
        return unavailable.get();
    }

    /** Every create sent so far, as the client saw it. */
    public List<Sent> sent() {
        return List.copyOf(log);
    }

    /** The {@link System#nanoTime()} of the first create acknowledged after {@code nanos}, or -1. */
    public long firstAcceptedAfter(long nanos) {
        return acceptedAtNanos.stream().filter(at -> at > nanos).mapToLong(Long::longValue).min().orElse(-1);
    }

    /** The {@link System#nanoTime()} of every acknowledged create, in order. */
    public List<Long> acceptedTimes() {
        return acceptedAtNanos.stream().sorted().toList();
    }

    public long count(Outcome outcome) {
        return log.stream().filter(sent -> sent.outcome() == outcome).count();
    }

    private ServerProcess node() {
        List<ServerProcess> current = nodes.get();
        return current.get(Math.floorMod(turn.getAndIncrement(), current.size()));
    }

    private PayProClient client(ServerProcess node, TestMerchant merchant) {
        return clients.computeIfAbsent(node.baseUrl() + "|" + merchant.merchantNo(), key -> PayProClient.builder()
                .baseUrl(node.baseUrl()).merchantNo(merchant.merchantNo()).secretKey(merchant.secret())
                .timeout(Duration.ofSeconds(10)).build());
    }

    private void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.get()) {
            ServerProcess node = node();
            int pick = random.nextInt(100);
            try {
                if (pick < 35) {
                    String tradeNo = "MI" + System.nanoTime() + random.nextInt(1000);
                    String amount = (1 + random.nextInt(500)) + "." + random.nextInt(10) + "0";
                    create("PAYIN", collector, tradeNo, amount, node);
                } else if (pick < 60) {
                    String tradeNo = "MO" + System.nanoTime() + random.nextInt(1000);
                    create("PAYOUT", payer, tradeNo, (1 + random.nextInt(30)) + ".00", node);
                } else if (pick < 80) {
                    String platformTradeNo = payins.poll();
                    if (platformTradeNo != null) {
                        requests.incrementAndGet();
                        int status = node.admin("POST", "/sandbox/v1/trades/" + platformTradeNo + "/complete",
                                Map.of("status", random.nextBoolean() ? "0000" : "00029")).status();
                        if (status == 503) {
                            unavailable.incrementAndGet();
                        } else if (status >= 500) {
                            serverErrors.incrementAndGet();
                        }
                    }
                } else {
                    requests.incrementAndGet();
                    client(node, collector).queryBalance();
                }
            } catch (Exception e) {
                pause();
            }
        }
    }

    private void create(String kind, TestMerchant merchant, String tradeNo, String amount, ServerProcess node) {
        requests.incrementAndGet();
        Outcome outcome;
        String msg;
        try {
            ApiResult<?> result = send(kind, client(node, merchant), tradeNo, amount);
            outcome = result.accepted() ? Outcome.ACCEPTED : result.rejected() ? Outcome.REJECTED : Outcome.UNKNOWN;
            msg = result.msg();
            if (result.accepted()) {
                acceptedAtNanos.add(System.nanoTime());
            }
            if (result.accepted() && kind.equals("PAYIN")) {
                payins.add(((PayinData) result.data()).platFormTradeNo());
            }
        } catch (RuntimeException e) {
            outcome = Outcome.UNKNOWN;
            msg = e.getClass().getSimpleName();
            pause();
        }
        log.add(new Sent(kind, merchant.merchantNo(), tradeNo, amount, outcome, msg));
    }

    private ApiResult<?> send(String kind, PayProClient client, String tradeNo, String amount) {
        return kind.equals("PAYIN")
                ? client.payin(PayinRequest.brazil(tradeNo, amount, "Ana", "12345678909", notifyUrl, "load"))
                : client.payout(PayoutRequest.brazilPix(tradeNo, amount, "Ana", "a@b.com", "11987654321", "EVP",
                "123e4567-e89b-12d3-a456-426614174000", "CPF", "12345678909", notifyUrl, "load"));
    }

    /** What a careful merchant does with an unknown outcome: send the same order again; it lands at most once. */
    public void resolveUnknowns() {
        for (Sent sent : log.stream().filter(s -> s.outcome() == Outcome.UNKNOWN).toList()) {
            TestMerchant merchant = sent.kind().equals("PAYIN") ? collector : payer;
            ApiResult<?> again = send(sent.kind(), client(node(), merchant), sent.tradeNo(), sent.amount());
            assertThat(again.accepted() || again.msg().equals("duplicate tradeNo")
                    || again.msg().equals("insufficient balance")).as(again.msg()).isTrue();
        }
    }

    /** Every acknowledged create exists with its data; no refused create exists; no (merchant, tradeNo) twice. */
    public void checkAgainst(Connection db) throws Exception {
        Map<String, String[]> stored = new HashMap<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT m.merchant_no, t.trade_no, t.direction, t.amount_text "
                     + "FROM trade t JOIN merchant m ON m.id = t.merchant_id")) {
            while (rows.next()) {
                String key = rows.getString(1) + "/" + rows.getString(2);
                assertThat(stored.put(key, new String[] {rows.getString(3), rows.getString(4)})).as(key).isNull();
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

    /** Waits until no payout is processing and no notification is pending. */
    public static void awaitQuiet(Connection db, Duration timeout) {
        Await.until("no processing payout and no pending notification", timeout,
                () -> count(db, "SELECT count(*) FROM trade WHERE direction = 'PAYOUT' AND status = '0015'")
                        + count(db, "SELECT count(*) FROM notification WHERE status = 'PENDING'"),
                pending -> pending == 0);
    }

    public static long count(Connection db, String sql) throws Exception {
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
