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
 * The gateway jar run as a child process, as an operator would run it: its own JVM, a fresh data dir, the simulator
 * with autocomplete off (every outcome comes from the sandbox API), WARN logging; the caller's other
 * {@code OPENPAYPRO_} settings pass through. The jar is copied first so a rebuild by someone else during the run
 * cannot change it underneath. (The tests' {@code ServerProcess} is test code of the server module that clears the
 * caller's {@code OPENPAYPRO_} settings, so the bench keeps this one.) Not thread-safe.
 */
final class ServerUnderTest implements AutoCloseable {
    private static final Pattern EMBEDDED_PORT = Pattern.compile("embedded PostgreSQL, data in .* \\(port (\\d+)\\)");
    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*");

    private final Path jar;
    private final Path workDir;
    private final String adminToken;
    private final String jvmOptions;
    private final boolean floor;
    private Process process;
    private int httpPort;
    private Psql db;

    private ServerUnderTest(Path jar, Path workDir, String adminToken, String jvmOptions, boolean floor)
            throws IOException, InterruptedException {
        this.jar = jar;
        this.workDir = Files.createDirectories(workDir);
        this.adminToken = adminToken;
        this.jvmOptions = jvmOptions.trim();
        this.floor = floor;
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
        return new ServerUnderTest(copy, workDir, adminToken, options.serverJvmOptions(), false);
    }

    /** The {@link HttpFloor} process, on the server jar's classes and JVM options, in its own work dir. */
    ServerUnderTest floor() throws IOException, InterruptedException {
        return new ServerUnderTest(jar, workDir.resolve("floor"), adminToken, jvmOptions, true);
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
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions.isEmpty() ? List.of() : List.of(jvmOptions.split("\\s+")));
        command.addAll(floor ? List.of("-cp", jar + File.pathSeparator + System.getProperty("java.class.path"),
                HttpFloor.class.getName(), Integer.toString(httpPort)) : List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(Map.of("OPENPAYPRO_DATA_DIR", dataDir().toString(), "OPENPAYPRO_HTTP_PORT",
                Integer.toString(httpPort), "OPENPAYPRO_ADMIN_TOKEN", adminToken,
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
                    db = floor ? null : readDb(out, logStart);
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
        return embedded() ? dataDir().resolve("pg").resolve("postmaster.pid") : null;
    }

    private Path dataDir() {
        return workDir.resolve("data");
    }

    /** The database, or null when an external URL could not be parsed (no ceiling then). */
    Psql db() {
        return db;
    }

    boolean embedded() {
        String url = System.getenv("OPENPAYPRO_DB_URL");
        return url == null || url.isBlank();
    }

    /**
     * SIGTERM and wait for the gateway's own orderly stop. If it has to be killed, or exits leaving its embedded
     * PostgreSQL running, that postmaster is stopped too, so a run never leaves a database behind.
     */
    @Override
    public void close() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
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
