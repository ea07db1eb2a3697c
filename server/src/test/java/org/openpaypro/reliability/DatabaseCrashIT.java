package org.openpaypro.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.openpaypro.sdk.ApiResult;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayinData;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.SeparateProcesses;
import org.openpaypro.testing.ServerProcess;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * The embedded PostgreSQL is killed (postmaster and every backend, SIGKILL) under load: the gateway reports
 * unhealthy, answers 5000 where it cannot know the outcome, never a 5xx, restarts its database, and loses nothing
 * it acknowledged.
 */
@SeparateProcesses
class DatabaseCrashIT {
    @Test
    void the_gateway_survives_its_database_being_killed() throws Exception {
        Path dataDir = Files.createTempDirectory("openpaypro-db-crash");
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of())) {
            TestMerchant merchant = server.createMerchant();
            PayProClient client = PayProClient.builder().baseUrl(server.baseUrl()).merchantNo(merchant.merchantNo())
                    .secretKey(merchant.secret()).timeout(Duration.ofSeconds(15)).build();
            List<String> acknowledged = new CopyOnWriteArrayList<>();
            List<String> codes = new CopyOnWriteArrayList<>();
            List<Integer> health = new CopyOnWriteArrayList<>();
            AtomicBoolean running = new AtomicBoolean(true);
            Runnable payins = () -> {
                int i = 0;
                while (running.get()) {
                    String tradeNo = "DB" + i++ + "-" + System.nanoTime();
                    ApiResult<PayinData> result = client.payin(PayinRequest.brazil(tradeNo, "10.00", "Ana",
                            "12345678909", "http://127.0.0.1:9/n", "r"));
                    codes.add(result.code());
                    if (result.accepted()) {
                        acknowledged.add(tradeNo);
                    }
                }
            };
            List<Thread> load = List.of(new Thread(payins), new Thread(payins), new Thread(payins), new Thread(payins));
            // Several probes: a health request that started just before the kill may wait on its query timeout;
            // the others catch the window in which the postmaster is gone (503 without touching the database).
            Runnable probe = () -> {
                while (running.get()) {
                    try {
                        health.add(server.get("/health").status());
                        Thread.sleep(20);
                    } catch (Exception e) {
                        health.add(-1);
                    }
                }
            };
            List<Thread> probes = List.of(new Thread(probe), new Thread(probe), new Thread(probe), new Thread(probe));
            load.forEach(Thread::start);
            probes.forEach(Thread::start);
            Await.until("pay-ins acknowledged before the crash", Duration.ofSeconds(60),
                    () -> acknowledged.size() >= 10);
            long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("pg/postmaster.pid")).get(0).trim());
            ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow();
            List<ProcessHandle> victims = new ArrayList<>(handle.descendants().toList());
            victims.add(handle);
            victims.forEach(ProcessHandle::destroyForcibly);
            Await.until("/health 503 after the crash, then 200 again", Duration.ofSeconds(30),
                    () -> health.contains(503) && health.get(health.size() - 1) == 200);
            int beforeRecovery = acknowledged.size();
            Await.until("pay-ins acknowledged after the recovery", Duration.ofSeconds(30),
                    () -> acknowledged.size() >= beforeRecovery + 10);
            running.set(false);
            for (Thread thread : load) {
                thread.join();
            }
            for (Thread thread : probes) {
                thread.join();
            }

            assertThat(health).contains(503);
            assertThat(server.get("/health").status()).isEqualTo(200);
            assertThat(codes).contains("5000").contains("0000");
            assertThat(codes).allMatch(code -> code.equals("0000") || code.equals("5000"));
            for (String tradeNo : acknowledged) {
                assertThat(client.queryPayin(tradeNo).dataOrThrow().amount()).as(tradeNo).isEqualTo("10.00");
            }
            assertThat(client.payin(PayinRequest.brazil("after-" + System.nanoTime(), "1.00", "Ana", "12345678909",
                    "http://127.0.0.1:9/n", "r")).accepted()).isTrue();
            assertThat(server.admin("GET", "/admin/v1/ledger/check").json().get("ok").asBoolean()).isTrue();
            System.out.printf("DB-CRASH-REPORT requests=%d acknowledged=%d answered5000=%d health503=%d%n",
                    codes.size(), acknowledged.size(), codes.stream().filter("5000"::equals).count(),
                    health.stream().filter(h -> h == 503).count());
        }
    }
}
