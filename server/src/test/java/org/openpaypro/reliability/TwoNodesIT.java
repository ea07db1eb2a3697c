package org.openpaypro.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.CallbackReceiver;
import org.openpaypro.testing.Funding;
import org.openpaypro.testing.MixedLoad;
import org.openpaypro.testing.SeparateProcesses;
import org.openpaypro.testing.ServerProcess;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Two server processes on one PostgreSQL (node B uses node A's database as an external one) behind a client-side
 * round robin: mixed load, then the same invariants as the crash test, and each callback delivered exactly once.
 */
@SeparateProcesses
class TwoNodesIT {
    private static final String MASTER_KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    @Test
    void two_nodes_under_mixed_load_keep_every_invariant() throws Exception {
        Path dataDirA = Files.createTempDirectory("openpaypro-two-a");
        Path dataDirB = Files.createTempDirectory("openpaypro-two-b");
        Map<String, String> shared = Map.of("OPENPAYPRO_MASTER_KEY", MASTER_KEY,
                "OPENPAYPRO_SIMULATOR_AUTOCOMPLETE", "500ms", "OPENPAYPRO_NOTIFY_SCHEDULE", "1s,1s,1s");
        try (CallbackReceiver receiver = new CallbackReceiver();
             ServerProcess nodeA = ServerProcess.start(dataDirA, shared)) {
            Map<String, String> envB = new HashMap<>(shared);
            envB.put("OPENPAYPRO_DB_URL", "jdbc:postgresql://localhost:"
                    + ServerProcess.embeddedDatabasePort(dataDirA) + "/postgres");
            try (ServerProcess nodeB = ServerProcess.start(dataDirB, envB)) {
                TestMerchant collector = nodeA.createMerchant();
                TestMerchant payer = nodeB.createMerchant();
                Funding.fund(nodeA::admin, payer.merchantNo(), "20000.00");
                MixedLoad load = new MixedLoad(() -> List.of(nodeA, nodeB), collector, payer, receiver.url("/two"));
                load.start(6);
                Thread.sleep(Integer.getInteger("openpaypro.twonodes.seconds", 8) * 1000L);
                load.stop();
                String jdbc = "jdbc:postgresql://localhost:" + ServerProcess.embeddedDatabasePort(dataDirA)
                        + "/postgres";
                try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
                    MixedLoad.awaitQuiet(db, Duration.ofSeconds(60));
                    load.checkAgainst(db);
                    assertThat(load.count(MixedLoad.Outcome.UNKNOWN)).isZero();
                    assertThat(load.serverErrors()).isZero();
                    assertThat(nodeB.admin("GET", "/admin/v1/ledger/check").json().get("ok").asBoolean()).isTrue();
                    long finished = MixedLoad.count(db, "SELECT count(*) FROM trade WHERE status <> '0015'");
                    Map<String, Long> perTrade = receiver.received("/two").stream()
                            .map(r -> r.body().replaceAll(".*\"platFormTradeNo\":\"([^\"]+)\".*", "$1"))
                            .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
                    assertThat(perTrade).hasSize((int) finished);
                    assertThat(perTrade.values()).allMatch(count -> count == 1);
                    assertThat(receiver.overlaps()).isZero();
                    System.out.printf("TWO-NODES-REPORT requests=%d acknowledged=%d rejected=%d finished=%d%n",
                            load.requests(), load.count(MixedLoad.Outcome.ACCEPTED),
                            load.count(MixedLoad.Outcome.REJECTED), finished);
                }
            }
        }
    }
}
