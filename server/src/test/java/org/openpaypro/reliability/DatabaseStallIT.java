package org.openpaypro.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openpaypro.sdk.ApiResult;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.sdk.PayoutRequest;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.Funding;
import org.openpaypro.testing.ReplicatedPostgres;
import org.openpaypro.testing.SeparateProcesses;
import org.openpaypro.testing.ServerProcess;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * The embedded PostgreSQL is frozen (SIGSTOP to the postmaster and every backend) under pay-in and payout load,
 * then thawed (SIGCONT): a stalled server answers nothing, not even an error. Requests must still answer within about
 * twice the statement timeout (5000, outcome unknown; a payout, two database steps, no later than a pay-in), threads
 * must not pile up, /health must say 503 at once, and after the thaw everything resumes with nothing acknowledged
 * lost. 10 s in the quick version, 20 s in the long one
 * ({@code -Dopenpaypro.stall.seconds}).
 */
@SeparateProcesses
class DatabaseStallIT {
    private static final int STALL_SECONDS = Integer.getInteger("openpaypro.stall.seconds", 10);
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(2);

    /** One answer as the client saw it. */
    private record Answer(long startedNanos, long millis, String code) {
    }

    @Test
    void a_stalled_database_gets_bounded_answers_and_loses_nothing() throws Exception {
        Path dataDir = Files.createTempDirectory("openpaypro-db-stall");
        Map<String, String> env = Map.of("OPENPAYPRO_DB_STATEMENT_TIMEOUT", STATEMENT_TIMEOUT.toSeconds() + "s");
        try (ServerProcess server = ServerProcess.start(dataDir, env)) {
            TestMerchant merchant = server.createMerchant();
            PayProClient client = PayProClient.builder().baseUrl(server.baseUrl()).merchantNo(merchant.merchantNo())
                    .secretKey(merchant.secret()).timeout(Duration.ofSeconds(30)).build();
            List<String> acknowledged = new CopyOnWriteArrayList<>();
            List<Answer> answers = new CopyOnWriteArrayList<>();
            List<Answer> health = new CopyOnWriteArrayList<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            Funding.fund(server::admin, merchant.merchantNo(), "100000.00");
            for (int t = 0; t < 4; t++) {
                int lane = t;
                boolean payouts = t == 0; // a payout passes two database steps: it must not wait two timeouts
                threads.add(new Thread(() -> {
                    for (int i = 0; running.get(); i++) {
                        String tradeNo = "ST" + lane + "-" + i + "-" + System.nanoTime();
                        long started = System.nanoTime();
                        ApiResult<?> result = payouts
                                ? client.payout(PayoutRequest.brazilPix(tradeNo, "1.00", "Ana", "a@b.com",
                                        "11987654321", "EVP", "123e4567-e89b-12d3-a456-426614174000", "CPF",
                                        "12345678909", "http://127.0.0.1:9/n", "r"))
                                : client.payin(PayinRequest.brazil(tradeNo, "10.00", "Ana", "12345678909",
                                        "http://127.0.0.1:9/n", "r"));
                        answers.add(new Answer(started, millisSince(started), result.code()));
                        if (result.accepted()) {
                            acknowledged.add((payouts ? "O:" : "I:") + tradeNo);
                        }
                    }
                }));
            }
            for (int t = 0; t < 2; t++) {
                threads.add(new Thread(() -> {
                    while (running.get()) {
                        long started = System.nanoTime();
                        try {
                            int status = server.get("/health").status();
                            health.add(new Answer(started, millisSince(started), Integer.toString(status)));
                            Thread.sleep(100);
                        } catch (Exception e) {
                            health.add(new Answer(started, millisSince(started), "no answer"));
                        }
                    }
                }));
            }
            threads.forEach(Thread::start);
            Await.until("answers and health checks before the stall", Duration.ofSeconds(60),
                    () -> acknowledged.size() >= 10 && health.size() >= 5);
            int threadsBefore = liveThreads(server);

            ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(
                    Files.readAllLines(dataDir.resolve("pg/postmaster.pid")).get(0).trim())).orElseThrow();
            ReplicatedPostgres.freeze(postmaster, true);
            long stoppedAt = System.nanoTime();
            // The stall itself: the database stays frozen this long, whatever the gateway does meanwhile.
            Thread.sleep(TimeUnit.SECONDS.toMillis(STALL_SECONDS) - 1_000);
            int threadsDuring = liveThreads(server);
            long heapDuring = heapUsedBytes(server);
            Thread.sleep(1_000);
            // The stall ends when the thaw begins: the postmaster and its children are resumed one by one, so an
            // answer can come back from the database before freeze(..., false) returns.
            long thawedAt = System.nanoTime();
            ReplicatedPostgres.freeze(postmaster, false);
            Await.until("creates acknowledged again after the thaw", Duration.ofSeconds(30),
                    () -> answers.stream().filter(a -> a.startedNanos() > thawedAt && a.code().equals("0000"))
                            .count() >= 10);
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }

            // Answered while the database was frozen: none can be a success (one that started late in the stall
            // and was answered after the thaw may be).
            List<Answer> duringStall = answers.stream().filter(a -> a.startedNanos() > stoppedAt
                    && a.startedNanos() + TimeUnit.MILLISECONDS.toNanos(a.millis() + 1) < thawedAt).toList();
            long slowest = answers.stream().mapToLong(Answer::millis).max().orElseThrow();
            long bound = 2 * STATEMENT_TIMEOUT.toMillis() + 2_000;
            assertThat(duringStall).as("stopped at %d, thawed at %d", stoppedAt, thawedAt).isNotEmpty()
                    .allMatch(a -> a.code().equals("5000"));
            assertThat(answers).allMatch(a -> a.code().equals("0000") || a.code().equals("5000"));
            assertThat(slowest).as("slowest merchant answer, ms").isLessThanOrEqualTo(bound);
            List<Answer> healthDuringStall = health.stream()
                    .filter(a -> a.startedNanos() > stoppedAt + TimeUnit.SECONDS.toNanos(2)
                            && a.startedNanos() + TimeUnit.MILLISECONDS.toNanos(a.millis() + 1) < thawedAt).toList();
            assertThat(healthDuringStall).isNotEmpty().allMatch(a -> a.code().equals("503"));
            assertThat(health).allMatch(a -> a.millis() < 2_000, "every /health answer within 2 s");
            assertThat(threadsDuring).as("live threads during the stall").isLessThan(threadsBefore + 40);
            assertThat(heapDuring).as("heap used during the stall").isLessThan(400L * 1024 * 1024);
            for (String tagged : acknowledged) {
                String tradeNo = tagged.substring(2);
                if (tagged.startsWith("O:")) {
                    assertThat(client.queryPayout(tradeNo).dataOrThrow().amount()).as(tradeNo).isEqualTo("1.00");
                } else {
                    assertThat(client.queryPayin(tradeNo).dataOrThrow().amount()).as(tradeNo).isEqualTo("10.00");
                }
            }
            assertThat(server.get("/health").status()).isEqualTo(200);
            assertThat(server.admin("GET", "/admin/v1/ledger/check").json().get("ok").asBoolean()).isTrue();
            System.out.printf("DB-STALL-REPORT stallSeconds=%d requests=%d acknowledged=%d answered5000=%d "
                            + "slowestMs=%d boundMs=%d health503=%d slowestHealthMs=%d threadsBefore=%d "
                            + "threadsDuring=%d heapDuringMb=%d%n",
                    STALL_SECONDS, answers.size(), acknowledged.size(),
                    answers.stream().filter(a -> a.code().equals("5000")).count(), slowest, bound,
                    health.stream().filter(a -> a.code().equals("503")).count(),
                    health.stream().mapToLong(Answer::millis).max().orElse(0), threadsBefore, threadsDuring,
                    heapDuring / (1024 * 1024));
        }
    }

    private static int liveThreads(ServerProcess server) throws Exception {
        return (int) metric(server, "jvm_threads_live_threads");
    }

    private static long heapUsedBytes(ServerProcess server) throws Exception {
        Matcher match = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+]+)$")
                .matcher(server.get("/metrics").body());
        double sum = 0;
        while (match.find()) {
            sum += Double.parseDouble(match.group(1));
        }
        return (long) sum;
    }

    private static double metric(ServerProcess server, String name) throws Exception {
        Matcher match = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+]+)$")
                .matcher(server.get("/metrics").body());
        assertThat(match.find()).as(name).isTrue();
        return Double.parseDouble(match.group(2));
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
