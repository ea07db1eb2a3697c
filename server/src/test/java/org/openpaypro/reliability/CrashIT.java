package org.openpaypro.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.CallbackReceiver;
import org.openpaypro.testing.CallbackReceiver.Reply;
import org.openpaypro.testing.Funding;
import org.openpaypro.testing.MixedLoad;
import org.openpaypro.testing.SeparateProcesses;
import org.openpaypro.testing.ServerProcess;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * A real server process under mixed load, killed with SIGKILL at random moments and restarted on the same data.
 * Afterwards the client's own log of acknowledged answers is checked against the database: nothing acknowledged
 * is lost, nothing refused exists, the ledger balances, every finished trade's callback was delivered.
 * Quick version in the normal test run ({@code -Dopenpaypro.crash.kills}, default 10); the long version runs with
 * {@code scripts/reliability-long} (see docs/RELIABILITY.md).
 */
@SeparateProcesses
class CrashIT {
    private static final int KILLS = Integer.getInteger("openpaypro.crash.kills", 10);

    private volatile ServerProcess server;

    @Test
    void killed_servers_lose_no_acknowledged_order_and_move_no_cent_twice() throws Exception {
        Path dataDir = Files.createTempDirectory("openpaypro-crash");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // the simulator answers at once: a short channel timeout and rail repoll only shorten the leases a killed
        // node leaves on payout sends (2 × timeout + 5 s) and on reconciler polls (the repoll, 60 s by default),
        // which the end of the test would otherwise wait out
        Map<String, String> env = Map.of("OPENPAYPRO_SIMULATOR_AUTOCOMPLETE", "1s",
                "OPENPAYPRO_NOTIFY_SCHEDULE", "1s,1s,1s,2s,2s,2s,2s,2s",
                "OPENPAYPRO_NOTIFY_CONNECT_TIMEOUT", "2s", "OPENPAYPRO_NOTIFY_READ_TIMEOUT", "2s",
                "OPENPAYPRO_CHANNEL_TIMEOUT", "2s", "OPENPAYPRO_RAIL_REPOLL", "3s");
        AtomicBoolean receiverFlaky = new AtomicBoolean(true);
        try (CallbackReceiver receiver = new CallbackReceiver()) {
            receiver.behave("/crash", n -> receiverFlaky.get() && ThreadLocalRandom.current().nextInt(5) == 0
                    ? Reply.of(503, "busy") : Reply.ok());
            server = ServerProcess.start(dataDir, env, port);
            TestMerchant collector = server.createMerchant();
            TestMerchant payer = server.createMerchant();
            Funding.fund(server::admin, payer.merchantNo(), "100000.00");

            MixedLoad load = new MixedLoad(() -> List.of(server), collector, payer, receiver.url("/crash"));
            load.start(4);
            Random random = new Random();
            int killed = 0;
            for (; killed < KILLS; killed++) {
                Thread.sleep(800 + random.nextInt(2200)); // the kill lands at a random point of the flows
                server.kill();
                server = ServerProcess.start(dataDir, env, port);
            }
            long lastStart = System.nanoTime();
            Await.until("creates acknowledged by the last incarnation", Duration.ofSeconds(60),
                    () -> load.acceptedTimes().stream().filter(at -> at > lastStart).count() >= 20);
            load.stop();
            load.resolveUnknowns();
            receiverFlaky.set(false);

            String jdbc = "jdbc:postgresql://localhost:" + ServerProcess.embeddedDatabasePort(dataDir) + "/postgres";
            try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
                MixedLoad.awaitQuiet(db, Duration.ofSeconds(90));
                load.checkAgainst(db);
                assertThat(server.admin("GET", "/admin/v1/ledger/check").json().get("ok").asBoolean()).isTrue();
                long finished = MixedLoad.count(db, "SELECT count(*) FROM trade WHERE status <> '0015'");
                assertThat(MixedLoad.count(db, "SELECT count(*) FROM trade t WHERE t.status <> '0015' AND NOT EXISTS "
                        + "(SELECT 1 FROM notification n WHERE n.trade_id = t.id AND n.status = 'DELIVERED')"))
                        .isZero();
                Map<String, Long> acknowledgedPerTrade = receiver.received("/crash").stream()
                        .filter(CallbackReceiver.Received::acknowledged)
                        .map(r -> r.body().replaceAll(".*\"platFormTradeNo\":\"([^\"]+)\".*", "$1"))
                        .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
                assertThat(acknowledgedPerTrade).hasSize((int) finished);
                assertThat(load.serverErrors()).isZero();
                System.out.printf("CRASH-REPORT kills=%d requests=%d acknowledged=%d rejected=%d unknown=%d "
                                + "finished=%d callbacksReceived=%d duplicateDeliveries=%d 5xx=%d%n",
                        killed, load.requests(), load.count(MixedLoad.Outcome.ACCEPTED),
                        load.count(MixedLoad.Outcome.REJECTED), load.count(MixedLoad.Outcome.UNKNOWN), finished,
                        receiver.received("/crash").size(),
                        acknowledgedPerTrade.values().stream().mapToLong(c -> c - 1).sum(), load.serverErrors());
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }
}
