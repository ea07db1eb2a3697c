package org.openpaypro.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.CallbackReceiver;
import org.openpaypro.testing.CallbackReceiver.Reply;
import org.openpaypro.testing.Funding;
import org.openpaypro.testing.MixedLoad;
import org.openpaypro.testing.MixedLoad.Outcome;
import org.openpaypro.testing.ServerProcess;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * The long failover drill (not part of {@code mvn verify}: no IT suffix; run by
 * {@code scripts/reliability-long-failover}, which starts a three-member Patroni cluster with etcd on loopback):
 * the gateway on the cluster's multi-host URL under mixed load, {@code openpaypro.patroni.failovers} forced
 * failovers (Patroni's REST API {@code POST /failover} to the synchronous standby, what
 * {@code patronictl failover --force} does), then the checks of {@link FailoverIT} on the last leader.
 */
class PatroniDrill {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void forced_failovers_of_a_patroni_cluster_lose_no_acknowledged_order() throws Exception {
        String jdbc = System.getProperty("openpaypro.patroni.jdbc");
        List<String> apis = Arrays.asList(System.getProperty("openpaypro.patroni.api", "").split(","));
        int failovers = Integer.getInteger("openpaypro.patroni.failovers", 20);
        assertThat(jdbc).as("-Dopenpaypro.patroni.jdbc (scripts/reliability-long-failover sets it)").isNotBlank();
        Path dataDir = Files.createTempDirectory("openpaypro-patroni-drill");
        Map<String, String> env = Map.of("OPENPAYPRO_DB_URL", jdbc, "OPENPAYPRO_DB_USER", "postgres",
                "OPENPAYPRO_DB_PASSWORD", "postgres", "OPENPAYPRO_SIMULATOR_AUTOCOMPLETE", "1s",
                "OPENPAYPRO_NOTIFY_SCHEDULE", "1s,1s,1s,2s,2s,2s,2s,2s",
                "OPENPAYPRO_NOTIFY_CONNECT_TIMEOUT", "2s", "OPENPAYPRO_NOTIFY_READ_TIMEOUT", "2s");
        try (CallbackReceiver receiver = new CallbackReceiver();
             ServerProcess server = ServerProcess.start(dataDir, env)) {
            receiver.behave("/drill", n -> ThreadLocalRandom.current().nextInt(10) == 0
                    ? Reply.of(503, "busy") : Reply.ok());
            TestMerchant collector = server.createMerchant();
            TestMerchant payer = server.createMerchant();
            Funding.fund(server::admin, payer.merchantNo(), "1000000.00");
            MixedLoad load = new MixedLoad(() -> List.of(server), collector, payer, receiver.url("/drill"));
            load.start(4);
            List<Double> gaps = new ArrayList<>();
            for (int i = 0; i < failovers; i++) {
                JsonNode cluster = awaitHealthyCluster(apis, Duration.ofSeconds(120));
                long healthyAt = System.nanoTime();
                Await.until("creates acknowledged on the healthy cluster", Duration.ofSeconds(60),
                        () -> load.acceptedTimes().stream().filter(at -> at > healthyAt).count() >= 40);
                String leader = member(cluster, "leader");
                String candidate = member(cluster, "sync_standby");
                long before = System.nanoTime();
                post(apis.get(0) + "/failover", Map.of("leader", leader, "candidate", candidate));
                awaitLeader(apis, candidate, Duration.ofSeconds(60));
                long leaderAt = System.nanoTime();
                long resumed = Await.until("a create acknowledged by the new leader", Duration.ofSeconds(60),
                        () -> load.firstAcceptedAfter(leaderAt), at -> at > 0);
                gaps.add(longestGapSeconds(load.acceptedTimes(), before, resumed));
                System.out.printf("PATRONI-DRILL failover %d: %s -> %s, %.1f s without writes%n", i + 1, leader,
                        candidate, gaps.get(gaps.size() - 1));
            }
            long lastFailover = System.nanoTime();
            Await.until("creates acknowledged after the last failover", Duration.ofSeconds(60),
                    () -> load.acceptedTimes().stream().filter(at -> at > lastFailover).count() >= 20);
            load.stop();
            load.resolveUnknowns();
            JsonNode cluster = awaitHealthyCluster(apis, Duration.ofSeconds(120));
            JsonNode leader = memberNode(cluster, "leader");
            String leaderUrl = "jdbc:postgresql://" + leader.get("host").asText() + ":" + leader.get("port").asInt()
                    + "/postgres";
            try (Connection db = DriverManager.getConnection(leaderUrl, "postgres", "postgres")) {
                MixedLoad.awaitQuiet(db, Duration.ofSeconds(120));
                load.checkAgainst(db);
                assertThat(server.admin("GET", "/admin/v1/ledger/check").json().get("ok").asBoolean()).isTrue();
                long finished = MixedLoad.count(db, "SELECT count(*) FROM trade t JOIN merchant m ON m.id = "
                        + "t.merchant_id WHERE t.status <> '0015' AND m.merchant_no IN ('" + collector.merchantNo()
                        + "', '" + payer.merchantNo() + "')"); // the cluster may hold earlier drills' trades
                assertThat(MixedLoad.count(db, "SELECT count(*) FROM trade t WHERE t.status <> '0015' AND NOT "
                        + "EXISTS (SELECT 1 FROM notification n WHERE n.trade_id = t.id "
                        + "AND n.status = 'DELIVERED')")).isZero();
                Map<String, Long> delivered = receiver.received("/drill").stream()
                        .filter(CallbackReceiver.Received::acknowledged)
                        .map(r -> r.body().replaceAll(".*\"platFormTradeNo\":\"([^\"]+)\".*", "$1"))
                        .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
                assertThat(delivered).hasSize((int) finished);
                assertThat(load.serverErrors()).isZero();
                List<Double> sorted = gaps.stream().sorted().toList();
                System.out.printf("PATRONI-DRILL-REPORT failovers=%d requests=%d acknowledged=%d rejected=%d "
                                + "unknown=%d sandbox503=%d finished=%d duplicateDeliveries=%d "
                                + "secondsWithoutWrites min=%.1f median=%.1f max=%.1f%n",
                        failovers, load.requests(), load.count(Outcome.ACCEPTED), load.count(Outcome.REJECTED),
                        load.count(Outcome.UNKNOWN), load.unavailable(), finished,
                        delivered.values().stream().mapToLong(c -> c - 1).sum(), sorted.get(0),
                        sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
            }
        }
    }

    /** A leader, a synchronous standby, and all three members running or streaming. */
    private static JsonNode awaitHealthyCluster(List<String> apis, Duration timeout) {
        return Await.until("a healthy Patroni cluster", timeout, () -> {
            for (String api : apis) {
                try {
                    JsonNode cluster = get(api + "/cluster");
                    long up = 0;
                    for (JsonNode member : cluster.get("members")) {
                        String state = member.path("state").asText();
                        up += state.equals("running") || state.equals("streaming") ? 1 : 0;
                    }
                    if (up == apis.size() && member(cluster, "leader") != null
                            && member(cluster, "sync_standby") != null) {
                        return cluster;
                    }
                } catch (Exception notNow) {
                    // this member's API is restarting; ask another
                }
            }
            return null;
        }, cluster -> cluster != null);
    }

    private static void awaitLeader(List<String> apis, String name, Duration timeout) {
        Await.until(name + " the leader", timeout, () -> {
            for (String api : apis) {
                try {
                    if (name.equals(member(get(api + "/cluster"), "leader"))) {
                        return true;
                    }
                } catch (Exception notNow) {
                    // ask another
                }
            }
            return false;
        });
    }

    private static String member(JsonNode cluster, String role) {
        JsonNode member = memberNode(cluster, role);
        return member == null ? null : member.get("name").asText();
    }

    private static JsonNode memberNode(JsonNode cluster, String role) {
        for (JsonNode member : cluster.get("members")) {
            if (role.equals(member.path("role").asText())) {
                return member;
            }
        }
        return null;
    }

    /** The longest time between two acknowledged creates from {@code from} to {@code to}. */
    static double longestGapSeconds(List<Long> acceptedNanos, long from, long to) {
        long previous = from;
        long longest = 0;
        for (long at : acceptedNanos) {
            if (at > from && at <= to) {
                longest = Math.max(longest, at - previous);
                previous = at;
            }
        }
        return Math.max(longest, to - previous) / 1e9;
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static void post(String url, Object body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", url, response.body()).isEqualTo(200);
    }
}
