package org.openpaypro.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the database "are you there?" four times a second over its own connection, never through the pool, so that
 * {@code /health} answers at once from the last result and requests stop waiting on a database that is known to be
 * gone (failover, issue 16). A probe that has not come back within {@link #STUCK_NANOS} counts as down (a stalled
 * server answers nothing, not even an error). With a multi-host URL the probe follows the primary like the pool does.
 * Thread-safe: one daemon thread writes, any thread reads.
 */
public final class DatabaseProbe implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatabaseProbe.class);
    static final long INTERVAL_MILLIS = 250;
    static final long STUCK_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);

    private final String url;
    private final Properties properties = new Properties();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean lastOk = true;
    private volatile long probeStartedNanos;
    private volatile boolean probing;
    private Connection connection;

    public DatabaseProbe(String url, String user, String password) {
        this.url = url;
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        // A URL setting wins over these (pgjdbc reads the URL last).
        properties.setProperty("connectTimeout", "1");
        properties.setProperty("socketTimeout", "2");
        properties.setProperty("loginTimeout", "2");
        properties.setProperty("hostRecheckSeconds", "1");
        properties.setProperty("ApplicationName", "openpaypro-probe");
        this.thread = new Thread(this::loop, "database-probe");
        this.thread.setDaemon(true);
    }

    public DatabaseProbe start() {
        thread.start();
        return this;
    }

    /** For /health: the last probe answered, and none is hanging for longer than {@link #STUCK_NANOS}. */
    public boolean up() {
        return lastOk && !stuck();
    }

    /** For the pool guard: the last probe failed (refused, timed out, no primary), or one hangs far too long. */
    public boolean down() {
        return !lastOk || (probing && System.nanoTime() - probeStartedNanos > 2 * STUCK_NANOS);
    }

    private boolean stuck() {
        return probing && System.nanoTime() - probeStartedNanos > STUCK_NANOS;
    }

    private void loop() {
        while (running) {
            probeStartedNanos = System.nanoTime();
            probing = true;
            boolean ok = probeOnce();
            probing = false;
            if (ok != lastOk) {
                if (ok) {
                    log.warn("database answers again");
                } else {
                    log.error("database does not answer: requests get 5000 / 503 until it does");
                }
            }
            lastOk = ok;
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean probeOnce() {
        try {
            if (connection == null) {
                connection = DriverManager.getConnection(url, properties);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            }
            return true;
        } catch (Exception e) {
            closeConnection();
            return false;
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (Exception ignored) {
                // it is broken anyway
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
