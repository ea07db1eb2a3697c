package org.openpaypro.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.openpaypro.config.Config;
import org.openpaypro.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one PostgreSQL database: embedded (data in {@code <dataDir>/pg}, survives restarts) or external by URL,
 * migrated by Flyway at start, reached through a HikariCP pool and Jdbi. Thread-safe after {@link #open}.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private volatile EmbeddedPostgres embedded;
    private final HikariDataSource dataSource;
    private final DatabaseProbe probe;
    private final Jdbi jdbi;
    private final String description;
    private final Path pgDir;

    private Database(EmbeddedPostgres embedded, Path pgDir, HikariDataSource dataSource, DatabaseProbe probe,
                     String description) {
        this.embedded = embedded;
        this.pgDir = pgDir;
        this.dataSource = dataSource;
        this.probe = probe;
        GuardedDataSource guarded = new GuardedDataSource(dataSource, probe);
        this.jdbi = Jdbi.create(guarded).installPlugin(new PostgresPlugin());
        // the hottest statements (one per batch of requests) run as plain JDBC on this pool, without a handle
        jdbi.getConfig(RawSql.Connections.class).use(guarded);
        this.description = description;
    }

    public static Database open(Config config) {
        EmbeddedPostgres embedded = null;
        String url = config.dbUrl();
        String user = config.dbUser();
        String password = config.dbPassword();
        String description;
        Path pgDir = null;
        if (config.embeddedDatabase()) {
            pgDir = config.dataDir().resolve("pg");
            embedded = startEmbedded(pgDir, 0);
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = null;
            description = "embedded PostgreSQL, data in " + pgDir + " (port " + embedded.getPort() + ")";
        } else {
            description = "external PostgreSQL " + url;
        }
        HikariDataSource pool = null;
        try {
            pool = pool(url, user, password, config.dbPoolSize(), config.dbStatementTimeout());
            // Migrations may take longer than a request may: their own connection, without the statement timeout.
            // Session-level migration lock (not a transaction left open): V14 builds indexes CONCURRENTLY, which waits
            // for every open transaction, Flyway's own included.
            FluentConfiguration flyway = Flyway.configure().dataSource(url, user, password)
                    .locations("classpath:db/migration");
            flyway.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
            flyway.load().migrate();
            DatabaseProbe probe = new DatabaseProbe(url, user, password).start();
            return new Database(embedded, pgDir, pool, probe, description);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            closeQuietly(embedded);
            throw e;
        }
    }

    private static EmbeddedPostgres startEmbedded(Path pgDir, int port) {
        try {
            Files.createDirectories(pgDir);
            stopOrphanedPostmaster(pgDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (port > 0) {
                builder.setPort(port);
            }
            return builder
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .start();
        } catch (IOException e) {
            throw new ConfigException("cannot start the embedded PostgreSQL in " + pgDir + ": " + e.getMessage());
        }
    }

    /**
     * Restarts the embedded PostgreSQL on its port when its postmaster died (killed, crashed): PostgreSQL replays its
     * WAL, so every committed transaction is back, and the pool reconnects by itself. Called periodically; a no-op
     * with an external database or while the postmaster lives. Until then requests fail with 5000 and /health is 503.
     */
    public synchronized void superviseEmbedded() {
        EmbeddedPostgres current = embedded;
        if (current == null || postmasterAlive(pgDir)) {
            return;
        }
        log.error("embedded PostgreSQL on port {} is gone; restarting it", current.getPort());
        closeQuietly(current);
        embedded = startEmbedded(pgDir, current.getPort());
        log.warn("embedded PostgreSQL restarted on port {}", embedded.getPort());
    }

    static boolean postmasterAlive(Path pgDir) {
        try {
            List<String> lines = Files.readAllLines(pgDir.resolve("postmaster.pid"));
            return !lines.isEmpty() && lines.get(0).trim().matches("[0-9]+")
                    && ProcessHandle.of(Long.parseLong(lines.get(0).trim())).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A gateway killed with SIGKILL leaves its PostgreSQL running. We hold the data-dir lock, so any postmaster
     * still on this directory is such an orphan: stop it and wait for it.
     */
    private static void stopOrphanedPostmaster(Path pgDir) throws IOException {
        Path pidFile = pgDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).trim().matches("[0-9]+")) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        if (orphan.isEmpty() || !orphan.get().isAlive()) {
            return;
        }
        log.warn("stopping an orphaned PostgreSQL (pid {}) left on {} by a previous run", orphan.get().pid(), pgDir);
        // SIGQUIT = immediate shutdown: no checkpoint, PostgreSQL replays its WAL at the next start (as after a crash).
        try {
            new ProcessBuilder("kill", "-QUIT", Long.toString(orphan.get().pid())).start().waitFor();
            orphan.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            orphan.get().destroyForcibly();
        }
    }

    /**
     * The pool, tuned to notice a lost or stalled server fast (failover, issue 16): the driver gives up a statement
     * whose answer has not come within {@code statementTimeout} (socket timeout, whole seconds, rounded up: the
     * connection is dropped and the request answers 5000), a lock is waited for at most as long ({@code lock_timeout});
     * a borrowed connection is validated within a second; with a multi-host URL pgjdbc looks again at a host it found
     * down or standby after 2 s. A setting given in the URL wins over these.
     * <p>Deliberately not PostgreSQL's {@code statement_timeout}: when it fires while a COMMIT waits for the
     * synchronous standby, PostgreSQL cancels the wait and reports the commit as done although it is only on the
     * primary ("canceling wait for synchronous replication"), and we would acknowledge an order a failover can lose.
     */
    static HikariConfig poolConfig(String url, String user, String password, int size, Duration statementTimeout) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(Math.min(size, 4));
        hikari.setPoolName("openpaypro-db");
        hikari.setConnectionTimeout(Math.max(1_000, statementTimeout.toMillis()));
        hikari.setValidationTimeout(1_000);
        hikari.setKeepaliveTime(30_000);
        hikari.setInitializationFailTimeout(30_000);
        hikari.setConnectionInitSql("SET lock_timeout = " + statementTimeout.toMillis());
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        hikari.addDataSourceProperty("connectTimeout", "2");
        hikari.addDataSourceProperty("socketTimeout", Long.toString(socketTimeoutSeconds(statementTimeout)));
        hikari.addDataSourceProperty("hostRecheckSeconds", "2");
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        return hikari;
    }

    static long socketTimeoutSeconds(Duration statementTimeout) {
        return Math.max(1, (statementTimeout.toMillis() + 999) / 1000);
    }

    private static HikariDataSource pool(String url, String user, String password, int size,
                                         Duration statementTimeout) {
        return new HikariDataSource(poolConfig(url, user, password, size, statementTimeout));
    }

    /**
     * Lifts the socket timeout on the current connection, for the few operator jobs that may legitimately read a
     * whole table (the ledger check). The pool restores it when the connection comes back.
     */
    public static void allowLongStatements(org.jdbi.v3.core.Handle handle) {
        try {
            handle.getConnection().setNetworkTimeout(Runnable::run, 0);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot lift the socket timeout", e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public String description() {
        return description;
    }

    /**
     * True when the database answered its probe a moment ago and no probe hangs (and, if embedded, its postmaster
     * lives). Never touches the pool and never waits: /health answers at once, 503 within 2 s of an outage.
     */
    public boolean healthy() {
        if (pgDir != null && !postmasterAlive(pgDir)) {
            return false;
        }
        return probe.up();
    }

    @Override
    public void close() {
        probe.close();
        dataSource.close();
        closeQuietly(embedded);
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
