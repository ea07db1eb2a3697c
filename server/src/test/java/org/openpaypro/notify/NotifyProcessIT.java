package org.openpaypro.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.CallbackReceiver;
import org.openpaypro.testing.CallbackReceiver.Reply;
import org.openpaypro.testing.Deliveries;
import org.openpaypro.testing.MixedLoad;
import org.openpaypro.testing.SeparateProcesses;
import org.openpaypro.testing.ServerProcess;
import org.openpaypro.testing.TestGateway.TestMerchant;

/** Notify delivery across real process deaths and across two server processes on one database. */
@SeparateProcesses
class NotifyProcessIT {
    private static final String MASTER_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private static PayProClient client(ServerProcess server, TestMerchant merchant) {
        return PayProClient.builder().baseUrl(server.baseUrl()).merchantNo(merchant.merchantNo())
                .secretKey(merchant.secret()).build();
    }

    private static String payin(PayProClient client, String tradeNo, String notifyUrl) {
        return client.payin(PayinRequest.brazil(tradeNo, "10.00", "Ana", "12345678909", notifyUrl, "r"))
                .dataOrThrow().platFormTradeNo();
    }

    /**
     * Waits until no notification is pending in the nodes' database: from then on none is claimed again, and every
     * attempt made has reached the receiver (it records a request before answering), so a duplicate would be seen.
     */
    private static void awaitNoPendingNotification(Path dataDir) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:"
                + ServerProcess.embeddedDatabasePort(dataDir) + "/postgres", "postgres", null)) {
            Await.until("no pending notification", Duration.ofSeconds(60), () -> {
                try {
                    return MixedLoad.count(db, "SELECT count(*) FROM notification WHERE status = 'PENDING'");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pending -> pending == 0);
        }
    }

    @Test
    void retries_pending_when_the_server_is_killed_resume_after_restart_without_concurrent_duplicates()
            throws Exception {
        Path dataDir = Files.createTempDirectory("openpaypro-notify-kill");
        Map<String, String> env = Map.of("OPENPAYPRO_NOTIFY_SCHEDULE", "2s,2s,2s,2s");
        try (CallbackReceiver receiver = new CallbackReceiver()) {
            List<String> paths = new ArrayList<>();
            Map<String, String> tradeByPath = new HashMap<>();
            TestMerchant merchant;
            try (ServerProcess first = ServerProcess.start(dataDir, env)) {
                merchant = first.createMerchant();
                PayProClient client = client(first, merchant);
                for (int i = 0; i < 20; i++) {
                    String path = "/kill/" + i;
                    paths.add(path);
                    receiver.behave(path, n -> n == 1 ? Reply.of(503, "busy") : Reply.ok());
                    String trade = payin(client, "K" + i + "-" + System.nanoTime(), receiver.url(path));
                    tradeByPath.put(path, trade);
                    assertThat(first.admin("POST", "/sandbox/v1/trades/" + trade + "/complete",
                            Map.of("status", "0000")).status()).isEqualTo(200);
                }
                Await.until("first attempts", Duration.ofSeconds(20),
                        () -> paths.stream().allMatch(p -> receiver.received(p).size() >= 1));
                first.kill();
            }
            assertThat(paths.stream().mapToInt(p -> receiver.received(p).size()).sum()).isLessThan(40);
            try (ServerProcess second = ServerProcess.start(dataDir, env)) {
                Await.until("retries after restart", Duration.ofSeconds(60),
                        () -> paths.stream().allMatch(p -> receiver.received(p).size() >= 2));
                for (String path : paths) {
                    // once its notification is final no further callback can come: one would be in the list
                    int received = Deliveries.finished(second::admin, receiver, path, List.of(tradeByPath.get(path)),
                            Duration.ofSeconds(60)).size();
                    JsonNode notification = second.admin("GET", "/admin/v1/trades/" + tradeByPath.get(path)).json()
                            .get("notifications").get(0);
                    assertThat(notification.get("status").asText()).as(path).isEqualTo("DELIVERED");
                    // at least once: every logged attempt arrived, plus at most the one the kill caught between
                    // its send and its record (redelivered after its lease)
                    int logged = notification.get("attemptLog").size();
                    assertThat(received).as(path + " with " + logged + " attempts logged")
                            .isBetween(Math.max(2, logged), logged + 1);
                }
                assertThat(receiver.overlaps()).isZero();
                assertThat(second.admin("GET", "/admin/v1/ledger/check").json().get("ok").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void two_server_processes_on_one_database_deliver_each_of_500_callbacks_once() throws Exception {
        Path dataDirA = Files.createTempDirectory("openpaypro-node-a");
        Path dataDirB = Files.createTempDirectory("openpaypro-node-b");
        Map<String, String> shared = Map.of("OPENPAYPRO_MASTER_KEY", MASTER_KEY,
                "OPENPAYPRO_NOTIFY_SCHEDULE", "1s,1s,1s");
        try (CallbackReceiver receiver = new CallbackReceiver();
             ServerProcess nodeA = ServerProcess.start(dataDirA, shared)) {
            Map<String, String> envB = new HashMap<>(shared);
            envB.put("OPENPAYPRO_DB_URL", "jdbc:postgresql://localhost:"
                    + ServerProcess.embeddedDatabasePort(dataDirA) + "/postgres");
            envB.put("OPENPAYPRO_DB_USER", "postgres");
            try (ServerProcess nodeB = ServerProcess.start(dataDirB, envB)) {
                TestMerchant merchant = nodeA.createMerchant();
                List<ServerProcess> nodes = List.of(nodeA, nodeB);
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<String>> trades = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    ServerProcess node = nodes.get(i % 2);
                    String tradeNo = "B" + i + "-" + System.nanoTime();
                    trades.add(pool.submit(() -> {
                        String trade = payin(client(node, merchant), tradeNo, receiver.url("/two"));
                        assertThat(node.admin("POST", "/sandbox/v1/trades/" + trade + "/complete",
                                Map.of("status", "0000")).status()).isEqualTo(200);
                        return tradeNo;
                    }));
                }
                Set<String> tradeNos = new java.util.HashSet<>();
                for (Future<String> trade : trades) {
                    tradeNos.add(trade.get());
                }
                pool.shutdown();
                Await.until("500 callbacks", Duration.ofSeconds(120), () -> receiver.received("/two").size() >= 500);
                awaitNoPendingNotification(dataDirA);
                Map<String, Long> perTrade = receiver.received("/two").stream()
                        .map(r -> r.body().replaceAll(".*\"tradeNo\":\"([^\"]+)\".*", "$1"))
                        .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
                assertThat(perTrade.keySet()).isEqualTo(tradeNos);
                assertThat(perTrade.values()).allMatch(count -> count == 1);
                assertThat(receiver.overlaps()).isZero();
                assertThat(nodeB.admin("GET", "/admin/v1/ledger/check").json().get("ok").asBoolean()).isTrue();
            }
        }
    }
}
