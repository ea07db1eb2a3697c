package org.openpaypro.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL primary with one synchronous streaming standby on 127.0.0.1, both real servers started from the
 * binaries the embedded database unpacks (zonky: {@code <tmp>/embedded-pg/PG-.../bin}), for the failover tests.
 * The standby is a cold copy of the freshly initialised primary (these binaries ship no pg_basebackup), started
 * with {@code standby.signal} and {@code primary_conninfo}; the primary waits for it on every commit
 * ({@code synchronous_standby_names}, {@code synchronous_commit=on}). As root the binaries run in a user namespace
 * ({@code unshare -U}), as zonky does. Not thread-safe: one test drives it.
 */
public final class ReplicatedPostgres implements AutoCloseable {
    /** One server of the pair. */
    public static final class Node {
        private final String name;
        private final Path dataDir;
        private final int port;
        private Process process;

        Node(String name, Path dataDir, int port) {
            this.name = name;
            this.dataDir = dataDir;
            this.port = port;
        }

        public int port() {
            return port;
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        }

        public Connection connect() throws Exception {
            return DriverManager.getConnection(jdbcUrl(), "postgres", "");
        }

        /** The postmaster and every backend: SIGKILL, as when the machine is lost. */
        public void kill() throws InterruptedException {
            List<ProcessHandle> victims = new ArrayList<>(process.descendants().toList());
            victims.add(process.toHandle());
            victims.forEach(ProcessHandle::destroyForcibly);
            process.waitFor(30, TimeUnit.SECONDS);
        }

        /** SIGSTOP (true) or SIGCONT (false) to the postmaster and every backend: a stalled server. */
        public void freeze(boolean stop) throws Exception {
            ReplicatedPostgres.freeze(process.toHandle(), stop);
        }

        public long pid() {
            return process.pid();
        }

        public Path dataDir() {
            return dataDir;
        }

        @Override
        public String toString() {
            return name + "@" + port;
        }
    }

    private static final String STANDBY_NAME = "standby1";

    private final Path bin;
    private final Node primary;
    private final Node standby;

    private ReplicatedPostgres(Path bin, Node primary, Node standby) {
        this.bin = bin;
        this.primary = primary;
        this.standby = standby;
    }

    /** Initialises, copies and starts the pair and waits until the standby streams synchronously. */
    public static ReplicatedPostgres start(Path root) throws Exception {
        Path bin = binaries();
        Node primary = new Node("primary", root.resolve("primary"), freePort());
        Node standby = new Node("standby", root.resolve("standby"), freePort());
        run(bin, root.resolve("initdb.log"), List.of(bin.resolve("initdb").toString(), "-A", "trust", "-U",
                "postgres", "-E", "UTF-8", "-D", primary.dataDir.toString()));
        run(null, root.resolve("copy.log"), List.of("cp", "-a", primary.dataDir.toString(),
                standby.dataDir.toString()));
        Files.createFile(standby.dataDir.resolve("standby.signal"));
        ReplicatedPostgres pair = new ReplicatedPostgres(bin, primary, standby);
        pair.launch(primary, List.of("synchronous_standby_names=" + STANDBY_NAME));
        pair.launch(standby, List.of("primary_conninfo=host=127.0.0.1 port=" + primary.port
                + " user=postgres application_name=" + STANDBY_NAME));
        pair.awaitSynchronousStandby(Duration.ofSeconds(60));
        return pair;
    }

    public Node primary() {
        return primary;
    }

    public Node standby() {
        return standby;
    }

    /** The URL an operator gives the gateway: both hosts, the primary wanted. */
    public String multiHostUrl() {
        return "jdbc:postgresql://127.0.0.1:" + primary.port + ",127.0.0.1:" + standby.port
                + "/postgres?targetServerType=primary";
    }

    /** {@code pg_promote()}: the standby becomes the primary (what Patroni or an operator does after a loss). */
    public void promoteStandby() throws Exception {
        try (Connection db = standby.connect(); Statement statement = db.createStatement();
             ResultSet result = statement.executeQuery("SELECT pg_promote(true, 60)")) {
            result.next();
            if (!result.getBoolean(1)) {
                throw new IllegalStateException("the standby was not promoted within 60 s");
            }
        }
    }

    private void launch(Node node, List<String> settings) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(asUnprivileged(List.of(bin.resolve("postgres").toString(),
                "-D", node.dataDir.toString(), "-p", Integer.toString(node.port))));
        List<String> all = new ArrayList<>(List.of("listen_addresses=127.0.0.1", "unix_socket_directories=",
                "max_connections=120", "shared_buffers=64MB", "fsync=on", "synchronous_commit=on",
                "wal_level=replica", "max_wal_senders=10", "hot_standby=on", "wal_sender_timeout=5s",
                "wal_receiver_status_interval=1s", "timezone=UTC"));
        all.addAll(settings);
        for (String setting : all) {
            command.add("-c");
            command.add(setting);
        }
        node.process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(node.dataDir.resolveSibling(node.name + ".log")
                        .toFile()))
                .start();
        Path log = node.dataDir.resolveSibling(node.name + ".log");
        Await.until(node + " accepting connections", Duration.ofSeconds(60), () -> {
            if (!node.process.isAlive()) {
                throw new AssertionError(node + " exited: " + Files.readString(log));
            }
            try (Connection ignored = node.connect()) {
                return true;
            }
        });
    }

    private void awaitSynchronousStandby(Duration timeout) throws Exception {
        try (Connection db = primary.connect(); Statement statement = db.createStatement()) {
            Await.until("the standby synchronous", timeout, () -> {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_replication "
                        + "WHERE application_name = '" + STANDBY_NAME + "' AND sync_state = 'sync'")) {
                    rows.next();
                    return rows.getInt(1) == 1;
                }
            });
        }
    }

    /**
     * SIGSTOP (true) or SIGCONT (false) to a postmaster and every backend. Stopping is done postmaster first, and only
     * once it is really stopped (state T: a signal takes effect asynchronously) are its children listed and stopped,
     * again until none is left running, so no backend forked meanwhile goes on serving queries.
     */
    public static void freeze(ProcessHandle postmaster, boolean stop) throws Exception {
        String signal = stop ? "-STOP" : "-CONT";
        signal(signal, List.of(postmaster));
        if (!stop) {
            signal(signal, postmaster.descendants().toList());
            return;
        }
        Await.until("PostgreSQL " + postmaster.pid() + " and every backend stopped", Duration.ofSeconds(10), () -> {
            List<ProcessHandle> running = new ArrayList<>(postmaster.descendants().filter(p -> !stopped(p)).toList());
            if (!stopped(postmaster)) {
                running.add(postmaster);
            } else if (running.isEmpty()) {
                return true;
            }
            signal(signal, running);
            return false;
        });
    }

    private static boolean stopped(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'T' || state == 't' || state == 'Z' || state == 'X';
        } catch (IOException gone) {
            return true;
        }
    }

    private static void signal(String signal, List<ProcessHandle> processes) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        processes.forEach(process -> command.add(Long.toString(process.pid())));
        if (command.size() > 2) {
            new ProcessBuilder(command).inheritIO().start().waitFor(); // one may have exited meanwhile
        }
    }

    /** The bin directory the embedded PostgreSQL unpacked; unpacks it (one start and stop) when not there yet. */
    static Path binaries() throws IOException {
        Path found = findBinaries();
        if (found == null) {
            EmbeddedPostgres.builder().start().close();
            found = findBinaries();
        }
        if (found == null) {
            throw new IllegalStateException("no PostgreSQL binaries unpacked by the embedded database");
        }
        return found;
    }

    private static Path findBinaries() throws IOException {
        Path base = Path.of(System.getProperty("ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
        if (!Files.isDirectory(base)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(base)) {
            return dirs.map(dir -> dir.resolve("bin"))
                    .filter(dir -> Files.isExecutable(dir.resolve("postgres"))
                            && Files.isExecutable(dir.resolve("initdb")))
                    .findFirst().orElse(null);
        }
    }

    /** PostgreSQL refuses to run as root: like zonky, run it in a user namespace where we are nobody. */
    private static List<String> asUnprivileged(List<String> command) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("unshare", "-U"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(Path bin, Path logFile, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(bin == null ? command : asUnprivileged(command))
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(logFile));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops whatever still runs (immediate: the test is over). */
    @Override
    public void close() throws Exception {
        for (Node node : List.of(primary, standby)) {
            if (node.process != null && node.process.isAlive()) {
                node.freeze(false);
                node.kill();
            }
        }
    }
}
