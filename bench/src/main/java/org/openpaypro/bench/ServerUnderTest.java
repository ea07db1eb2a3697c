package org.openpaypro.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway jar run as a child process, as an operator would run it: its own JVM, a fresh data dir, the simulator
 * with autocomplete off (every outcome comes from the sandbox API), WARN logging. The jar is copied first so a
 * rebuild by someone else during the run cannot change it underneath. Not thread-safe.
 */
final class ServerUnderTest implements AutoCloseable {
    private static final Pattern EMBEDDED_PORT =
            Pattern.compile("embedded PostgreSQL, data in .* \\(port (\\d+)\\)");
    private static final Pattern JDBC_URL =
            Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*");

    /** How pgbench and psql reach the gateway's database. */
    record Db(String host, int port, String user, String password, String name) {
    }

    private final Path jar;
    private final Path dataDir;
    private final Path workDir;
    private final String adminToken;
    private final List<String> jvmOptions;
    private final Map<String, String> env;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int httpPort;
    private Db db;

    private ServerUnderTest(Path jar, Path workDir, String adminToken, List<String> jvmOptions,
                            Map<String, String> env) {
        this.jar = jar;
        this.workDir = workDir;
        this.dataDir = workDir.resolve("data");
        this.adminToken = adminToken;
        this.jvmOptions = jvmOptions;
        this.env = env;
    }

    static ServerUnderTest start(Path serverJar, Path workDir, String adminToken, String jvmOptions,
                                 Map<String, String> env) throws IOException, InterruptedException {
        if (!Files.isRegularFile(serverJar)) {
            throw new IllegalStateException("server jar " + serverJar + " is missing: build it with"
                    + " `mvn -B -q -DskipTests package` at the repository root (bench/run does it for you)");
        }
        Files.createDirectories(workDir);
        Path copy = workDir.resolve("openpaypro-server.jar");
        Files.copy(serverJar, copy, StandardCopyOption.REPLACE_EXISTING);
        List<String> options = jvmOptions.isBlank() ? List.of() : List.of(jvmOptions.trim().split("\\s+"));
        ServerUnderTest server = new ServerUnderTest(copy, workDir, adminToken, options, env);
        server.launch();
        return server;
    }

    private void launch() throws IOException, InterruptedException {
        httpPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(key -> key.startsWith("OPENPAYPRO_"));
        // Pass through the caller's other OPENPAYPRO_ settings (DB URL, pool size, ...) for experiments.
        env.forEach((key, value) -> {
            if (key.startsWith("OPENPAYPRO_")) {
                environment.put(key, value);
            }
        });
        environment.put("OPENPAYPRO_DATA_DIR", dataDir.toString());
        environment.put("OPENPAYPRO_HTTP_PORT", Integer.toString(httpPort));
        environment.put("OPENPAYPRO_ADMIN_TOKEN", adminToken);
        environment.put("OPENPAYPRO_SIMULATOR_AUTOCOMPLETE", "off");
        environment.put("OPENPAYPRO_LOG_LEVEL", "WARN");
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("server.out").toFile()));
        builder.redirectError(ProcessBuilder.Redirect.appendTo(workDir.resolve("server.err").toFile()));
        long logStart = Files.exists(workDir.resolve("server.out")) ? Files.size(workDir.resolve("server.out")) : 0;
        process = builder.start();
        awaitHealthy();
        db = readDb(logStart);
    }

    /** Stops (SIGTERM) and starts again on the same data dir; used to turn on PostgreSQL's log collector. */
    void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + "; see "
                        + workDir.resolve("server.err") + ":\n" + tail(workDir.resolve("server.err")));
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("server not healthy within 120 s; see " + workDir);
    }

    private Db readDb(long logStart) throws IOException, InterruptedException {
        String url = env.get("OPENPAYPRO_DB_URL");
        if (url != null && !url.isBlank()) {
            Matcher matcher = JDBC_URL.matcher(url.trim());
            if (!matcher.matches()) {
                return null;
            }
            int port = matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2));
            return new Db(matcher.group(1), port, env.getOrDefault("OPENPAYPRO_DB_USER", "postgres"),
                    env.get("OPENPAYPRO_DB_PASSWORD"), matcher.group(3));
        }
        Path out = workDir.resolve("server.out");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(out);
            Matcher matcher = EMBEDDED_PORT.matcher(text.substring((int) Math.min(logStart, text.length())));
            if (matcher.find()) {
                return new Db("localhost", Integer.parseInt(matcher.group(1)), "postgres", null, "postgres");
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no 'embedded PostgreSQL ... (port N)' line in the start-up block of "
                + out);
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    int httpPort() {
        return httpPort;
    }

    long pid() {
        return process.pid();
    }

    Path dataDir() {
        return dataDir;
    }

    /** The database, or null when an external URL could not be parsed (no ceiling then). */
    Db db() {
        return db;
    }

    boolean embedded() {
        String url = env.get("OPENPAYPRO_DB_URL");
        return url == null || url.isBlank();
    }

    /**
     * SIGTERM and wait for the gateway's own orderly stop (in-flight requests, workers, then its database). If it
     * has to be killed, or exits leaving its embedded PostgreSQL running, that postmaster is stopped too, so a run
     * never leaves a database behind.
     */
    private void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        Optional<ProcessHandle> postmaster = postmaster();
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        if (postmaster.isPresent() && postmaster.get().isAlive()) {
            postmaster.get().destroy();
            try {
                postmaster.get().onExit().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                postmaster.get().destroyForcibly();
            }
        }
    }

    private Optional<ProcessHandle> postmaster() {
        Path pidFile = dataDir.resolve("pg").resolve("postmaster.pid");
        try {
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
