package org.openpaypro.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/** The packaged server jar run as a separate OS process, for tests that kill, restart or run two nodes. */
public final class ServerProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of("target/openpaypro-server.jar");

    private final Process process;
    private final int port;
    private final String token;
    private final HttpClient client = HttpClient.newHttpClient();

    private ServerProcess(Process process, int port, String token) {
        this.process = process;
        this.port = port;
        this.token = token;
    }

    /**
     * Starts the jar. The JVM flags only make the start cheaper, never change what runs: the tests start about forty
     * processes, most of which live for seconds (crash loops), so the client compiler alone (no C2 compile threads
     * competing with the tests for the CPU) and a class-data archive of the jar's classes ({@link ClassArchive}) save
     * about half of each start's CPU. {@code -Xlog:disable}: no JVM warning may reach stdout (server.log, one JSON
     * object per line in LogLinesIT) or stderr (one line in ProcessIT).
     */
    public static Process launch(Path dataDir, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Xlog:disable"));
        ClassArchive.Use archive = ClassArchive.use(JAR);
        command.addAll(archive.flags());
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(key -> key.startsWith("OPENPAYPRO_"));
        builder.environment().put("OPENPAYPRO_DATA_DIR", dataDir.toString());
        builder.environment().putAll(env);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
        Process process = builder.start();
        archive.whenExited(process);
        return process;
    }

    /** Starts the jar on a free port and waits until /health answers 200. */
    public static ServerProcess start(Path dataDir, Map<String, String> env) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return start(dataDir, env, port);
    }

    /** Starts the jar on {@code port} and waits until /health answers 200. */
    public static ServerProcess start(Path dataDir, Map<String, String> env, int port) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put("OPENPAYPRO_HTTP_PORT", Integer.toString(port));
        all.putIfAbsent("OPENPAYPRO_ADMIN_TOKEN", "process-test-admin-token");
        Process process = launch(dataDir, all);
        ServerProcess server = new ServerProcess(process, port, all.get("OPENPAYPRO_ADMIN_TOKEN"));
        int status;
        try {
            status = Await.until("/health 200 from the started server (-1: it exited)", Duration.ofSeconds(90),
                    () -> process.isAlive() ? server.get("/health").status() : -1, s -> s == 200 || s == -1);
        } catch (AssertionError notHealthy) {
            process.destroyForcibly();
            throw new IllegalStateException(notHealthy.getMessage() + "; log: "
                    + Files.readString(dataDir.resolve("server.log")), notHealthy);
        }
        if (status == -1) {
            throw new IllegalStateException("server exited with " + process.exitValue() + ": "
                    + new String(process.getErrorStream().readAllBytes()));
        }
        return server;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The port of the embedded PostgreSQL, read from the start-up block in the server log. */
    public static int embeddedDatabasePort(Path dataDir) throws IOException {
        java.util.regex.Matcher match = java.util.regex.Pattern.compile("embedded PostgreSQL, .*\\(port ([0-9]+)\\)")
                .matcher(Files.readString(dataDir.resolve("server.log")));
        int port = -1;
        while (match.find()) {
            port = Integer.parseInt(match.group(1)); // the log is appended across restarts: the last start counts
        }
        if (port < 0) {
            throw new IllegalStateException("no embedded PostgreSQL port in the server log of " + dataDir);
        }
        return port;
    }

    public Process process() {
        return process;
    }

    public Answer get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), null, response.body());
    }

    public Answer admin(String method, String path) throws IOException, InterruptedException {
        return admin(method, path, null);
    }

    public Answer admin(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()), response.body());
    }

    public TestMerchant createMerchant() throws IOException, InterruptedException {
        Answer answer = admin("POST", "/admin/v1/merchants", Map.of("name", "Process test", "country", "BR"));
        return new TestMerchant(answer.json().get("merchantNo").asText(), answer.json().get("secretKey").asText());
    }

    /** SIGTERM, then wait for a clean exit. */
    public void stopGracefully() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("server did not stop within 60 s of SIGTERM");
        }
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stopGracefully();
        }
    }
}
