package org.openpaypro.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.openpaypro.App;
import org.openpaypro.config.Config;
import org.openpaypro.db.Database;
import org.openpaypro.protocol.Signer;

/**
 * One gateway per test JVM, started in-process on port 0 over its own embedded PostgreSQL in a temp dir, shared by
 * every IT class (each test makes its own merchants, so tests do not see each other's data). Thread-safe.
 */
public final class TestGateway implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestGateway instance;

    private final App app;
    private final HttpClient client = HttpClient.newHttpClient();

    /** A merchant created through the admin API, with the secret shown once. */
    public record TestMerchant(String merchantNo, String secret) {
    }

    /** An HTTP answer: status and parsed JSON (null when the body is not JSON). */
    public record Answer(int status, JsonNode json, String body) {
        public String code() {
            return json.path("code").asText();
        }

        public String msg() {
            return json.path("msg").asText();
        }
    }

    private TestGateway(Map<String, String> env) {
        this.app = App.start(Config.from(env));
    }

    /** A separate gateway with its own database, for tests that need other settings; close it when done. */
    public static TestGateway startNew(Map<String, String> overrides) {
        Map<String, String> env = defaultEnv(overrides.containsKey("OPENPAYPRO_DATA_DIR") ? tempDir() : freshDataDir());
        env.putAll(overrides);
        return new TestGateway(env);
    }

    /**
     * A new data dir whose {@code pg} is a copy of {@link #migratedCluster}: the gateway starts on a database in
     * exactly the state of a first start after its migrations, without running initdb and every migration again
     * (a few seconds of CPU for each of the ~30 gateways the tests start). The gateway's own start is a first start
     * in every other way: its master key, admin token and everything it writes at start are its own.
     */
    public static Path freshDataDir() {
        Path dataDir = tempDir();
        copyCluster(migratedCluster(), dataDir.resolve("pg"));
        return dataDir;
    }

    private static Path migratedCluster;

    /** initdb and the migrations once per test JVM, by the gateway's own {@link Database}, then a clean stop. */
    private static synchronized Path migratedCluster() {
        if (migratedCluster == null) {
            Path dataDir = tempDir();
            Database.open(Config.from(defaultEnv(dataDir))).close();
            migratedCluster = dataDir.resolve("pg");
        }
        return migratedCluster;
    }

    private static void copyCluster(Path from, Path to) {
        Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rwx------"); // PostgreSQL insists
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                String name = file.getFileName().toString();
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, owner);
                } else if (!name.equals("postmaster.pid") && !name.equals("epg-lock")) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        app.close();
    }

    public static synchronized TestGateway get() {
        if (instance == null) {
            instance = new TestGateway(defaultEnv(freshDataDir()));
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
        }
        return instance;
    }

    public static Map<String, String> defaultEnv(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("OPENPAYPRO_DATA_DIR", dataDir.toString());
        env.put("OPENPAYPRO_HTTP_PORT", "0");
        env.put("OPENPAYPRO_SIMULATOR_AUTOCOMPLETE", "off");
        env.put("OPENPAYPRO_SETTLEMENT_INTERVAL", "1h");
        env.put("OPENPAYPRO_NOTIFY_SCHEDULE", "1s,1s,1s");
        env.put("OPENPAYPRO_DB_POOL_SIZE", "32");
        // the hostile suites send hundreds of wrong tokens from 127.0.0.1; ThrottleIT tests the default
        env.put("OPENPAYPRO_ADMIN_AUTH_FAILURES_PER_MINUTE", "1000000");
        return env;
    }

    public static Path tempDir() {
        try {
            return Files.createTempDirectory("openpaypro-it");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public App app() {
        return app;
    }

    public String baseUrl() {
        return "http://localhost:" + app.port();
    }

    public TestMerchant createMerchant() {
        return createMerchant(Map.of("name", "Test merchant", "country", "BR"));
    }

    public TestMerchant createMerchant(Map<String, String> body) {
        Answer answer = admin("POST", "/admin/v1/merchants", body);
        if (answer.status() != 201) {
            throw new IllegalStateException("merchant creation failed: " + answer.body());
        }
        return new TestMerchant(answer.json().get("merchantNo").asText(), answer.json().get("secretKey").asText());
    }

    public Answer admin(String method, String path, Object body) {
        return admin(method, path, body, app.adminToken());
    }

    public Answer admin(String method, String path, Object body, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body instanceof String text ? text
                            : JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return answer(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** POSTs fields signed with {@code secret} (sign in the body), adding a fresh timestamp when absent. */
    public Answer signed(String path, String merchantNo, String secret, Map<String, ?> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.putIfAbsent("timestamp", Long.toString(uniqueTimestamp()));
        body.put("sign", Signer.sign(body, secret));
        return post(path, Map.of("merchantNo", merchantNo), json(body));
    }

    private static final java.util.concurrent.atomic.AtomicLong LAST_TIMESTAMP =
            new java.util.concurrent.atomic.AtomicLong();

    /** Epoch millis, later than every earlier one: equal fields signed twice still get two signs (replay guard). */
    public static long uniqueTimestamp() {
        long now = System.currentTimeMillis();
        return LAST_TIMESTAMP.updateAndGet(last -> Math.max(now, last + 1));
    }

    public Answer post(String path, Map<String, String> headers, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            boolean hasContentType = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Content-Type"));
            if (!hasContentType) {
                request.header("Content-Type", "application/json");
            }
            headers.forEach(request::header);
            return answer(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of the audit trail for one action on one target (merchant access tests). */
    public long auditRows(String action, String target) {
        return app.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM audit_entry WHERE action = :action AND target = :target")
                .bind("action", action).bind("target", target).mapTo(Long.class).one());
    }

    /** The master key this gateway seals secrets with (from its data dir), for tests that build services. */
    public String masterKey() {
        try {
            return Files.readString(app.config().dataDir().resolve("master.key")).trim();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The X-Cashier-Token of a pending pay-in's cashier page ("none" when the page shows no buttons). */
    public String cashierToken(String platformTradeNo) {
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("data-token=\"([0-9a-f]+)\"")
                .matcher(get("/cashier/" + platformTradeNo).body());
        return token.find() ? token.group(1) : "none";
    }

    /** Presses Pay / Fail on the sandbox cashier as its page does: reads the page's token, then POSTs. */
    public Answer cashierComplete(String platformTradeNo, String body) {
        return cashierComplete(platformTradeNo, cashierToken(platformTradeNo), body);
    }

    /** POSTs {@code body} as JSON from the gateway's own Origin with {@code token} in X-Cashier-Token. */
    public Answer cashierComplete(String platformTradeNo, String token, String body) {
        return post("/cashier/" + platformTradeNo + "/complete", Map.of("Origin", baseUrl(),
                "X-Cashier-Token", token), body);
    }

    public Answer get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build();
            return answer(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Answer answer(HttpResponse<String> response) {
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        return new Answer(response.statusCode(), json, response.body());
    }

    /**
     * Row counts of every table the request path writes plus the sum of merchant balances: equal snapshots mean
     * nothing was written. Delivery progress (notify attempts) is left out: earlier tests' callbacks may still be
     * retrying in the background.
     */
    public Map<String, Long> snapshot() {
        return app.database().jdbi().withHandle(handle -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            // channel_attempt is left out like notify attempts: the payout submitter writes it in the background for
            // earlier tests' payouts (a pay-in's attempts come with its trade row, which is counted)
            for (String table : List.of("merchant", "account", "trade", "journal", "posting", "notification",
                    "payout_submission")) {
                counts.put(table, handle.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
            }
            // numeric, folded into a long: one test fills a balance to the ledger's limit, so the plain sum of all
            // balances can exceed a bigint; equality is all a snapshot needs
            counts.put("balances", handle.createQuery("SELECT (coalesce(sum(balance::numeric), 0) "
                    + "% 9223372036854775807)::bigint FROM account").mapTo(Long.class).one());
            return counts;
        });
    }

    /**
     * The ledger check of DESIGN §5 passes: every journal balances, every balance equals its postings, none negative.
     */
    public void assertLedgerOk() {
        Answer check = admin("GET", "/admin/v1/ledger/check", null);
        org.assertj.core.api.Assertions.assertThat(check.status()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(check.json().get("violations")).as(check.body()).isEmpty();
        org.assertj.core.api.Assertions.assertThat(check.json().get("ok").asBoolean()).isTrue();
    }
}
