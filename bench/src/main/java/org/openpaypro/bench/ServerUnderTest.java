package org.openpaypro.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway jar (a copy) as a child process, as an operator runs it: own JVM, fresh data dir, simulator autocomplete
 * off, WARN logging, the caller's other {@code OPENPAYPRO_} settings passed through (the tests' launcher clears them).
 * Not thread-safe.
 */
final class ServerUnderTest implements AutoCloseable {
    private static final Pattern EMBEDDED_PORT = Pattern.compile("embedded PostgreSQL, data in .* \\(port (\\d+)\\)");
    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*");

    private final Path workDir;
    private final String adminToken;
    /** {@code java}, the JVM options, then {@code -jar <jar>} for the gateway or the floor's class path and class. */
    private final List<String> command;
    private Process process;
    private int httpPort;
    private Psql db;

    private ServerUnderTest(Path workDir, String adminToken, List<String> command)
            throws IOException, InterruptedException {
        this.workDir = Files.createDirectories(workDir);
        this.adminToken = adminToken;
        this.command = command;
        launch();
    }

    static ServerUnderTest start(Options options, Path workDir, String adminToken)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(options.serverJar())) {
            throw new IllegalStateException("server jar " + options.serverJar() + " is missing: build it with"
                    + " `mvn -B -q -DskipTests package` at the repository root (bench/run does it for you)");
        }
        Path copy = Files.createDirectories(workDir).resolve("openpaypro-server.jar");
        Files.copy(options.serverJar(), copy, StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(options.serverJvmOptions().isBlank() ? List.of()
                : List.of(options.serverJvmOptions().trim().split("\\s+")));
        command.addAll(List.of("-jar", copy.toString()));
        return new ServerUnderTest(workDir, adminToken, command);
    }

    /** The {@link HttpFloor} process, on the server jar's classes and JVM options, in its own work dir. */
    ServerUnderTest floor() throws IOException, InterruptedException {
        List<String> floor = new ArrayList<>(command.subList(0, command.size() - 2));
        floor.addAll(List.of("-cp", command.get(command.size() - 1) + File.pathSeparator
                + System.getProperty("java.class.path"), HttpFloor.class.getName()));
        return new ServerUnderTest(workDir.resolve("floor"), adminToken, floor);
    }

    /** Stops (SIGTERM) and starts again on the same data dir; used to turn on PostgreSQL's log collector. */
    void restart() throws IOException, InterruptedException {
        close();
        launch();
    }

    private void launch() throws IOException, InterruptedException {
        try (ServerSocket socket = new ServerSocket(0)) {
            httpPort = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(Map.of("OPENPAYPRO_DATA_DIR", workDir.resolve("data").toString(),
                "OPENPAYPRO_HTTP_PORT", Integer.toString(httpPort), "OPENPAYPRO_ADMIN_TOKEN", adminToken,
                "OPENPAYPRO_SIMULATOR_AUTOCOMPLETE", "off", "OPENPAYPRO_LOG_LEVEL", "WARN"));
        Path out = workDir.resolve("server.out");
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
        builder.redirectError(ProcessBuilder.Redirect.appendTo(workDir.resolve("server.err").toFile()));
        long logStart = Files.exists(out) ? Files.size(out) : 0;
        process = builder.start();
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); System.nanoTime() < deadline; ) {
            if (!process.isAlive()) {
                List<String> err = Files.readAllLines(workDir.resolve("server.err"));
                throw new IllegalStateException("server exited with " + process.exitValue() + "; see " + workDir
                        + "/server.err:\n" + String.join("\n", err.subList(Math.max(0, err.size() - 30), err.size())));
            }
            try (RawHttpConnection health = new RawHttpConnection("127.0.0.1", httpPort, 2_000)) {
                if (health.send("GET", "/health", "", new byte[0]).status() == 200) {
                    db = command.contains("-jar") ? readDb(out, logStart) : null;
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("server not healthy within 120 s; see " + workDir);
    }

    /** The database from OPENPAYPRO_DB_URL (null if unreadable), else the embedded one's port from this start's log. */
    private Psql readDb(Path out, long logStart) throws IOException, InterruptedException {
        Map<String, String> env = System.getenv();
        if (!embedded()) {
            Matcher url = JDBC_URL.matcher(env.get("OPENPAYPRO_DB_URL").trim());
            return !url.matches() ? null : new Psql(url.group(1), url.group(2) == null ? 5432
                    : Integer.parseInt(url.group(2)), env.getOrDefault("OPENPAYPRO_DB_USER", "postgres"),
                    env.get("OPENPAYPRO_DB_PASSWORD"), url.group(3));
        }
        for (int attempt = 0; attempt < 100; attempt++, Thread.sleep(100)) {
            String text = Files.readString(out);
            Matcher matcher = EMBEDDED_PORT.matcher(text.substring((int) Math.min(logStart, text.length())));
            if (matcher.find()) {
                return new Psql("localhost", Integer.parseInt(matcher.group(1)), "postgres", null, "postgres");
            }
        }
        throw new IllegalStateException("no 'embedded PostgreSQL ... (port N)' line in the start-up block of " + out);
    }

    int httpPort() {
        return httpPort;
    }

    long pid() {
        return process.pid();
    }

    /** The embedded PostgreSQL's pid file, or null for an external database. */
    Path postmasterPidFile() {
        return embedded() ? workDir.resolve("data").resolve("pg").resolve("postmaster.pid") : null;
    }

    /** The database, or null when an external URL could not be parsed (no ceiling then). */
    Psql db() {
        return db;
    }

    static boolean embedded() {
        return System.getenv().getOrDefault("OPENPAYPRO_DB_URL", "").isBlank();
    }

    /**
     * SIGTERM and wait for the gateway's own orderly stop. If it has to be killed, or exits leaving its embedded
     * PostgreSQL running, that postmaster is stopped too, so a run never leaves a database behind.
     */
    @Override
    public void close() throws InterruptedException {
        Optional<ProcessHandle> postmaster;
        try {
            postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(postmasterPidFile()).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            postmaster = Optional.empty();
        }
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        postmaster.filter(ProcessHandle::isAlive).ifPresent(pg -> {
            pg.destroy();
            pg.onExit().completeOnTimeout(pg, 60, TimeUnit.SECONDS).join();
            pg.destroyForcibly();
        });
    }
}
