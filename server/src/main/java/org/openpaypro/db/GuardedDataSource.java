package org.openpaypro.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool as the application sees it: while the {@link DatabaseProbe} knows the database is gone (no primary during
 * a failover, a stalled or dead server), a request for a connection fails at once instead of waiting for the pool's
 * timeout, so no request waits two timeouts in a row and threads do not pile up. Thread-safe.
 */
final class GuardedDataSource implements DataSource {
    /** SQLSTATE 08001: the client could not establish a connection. */
    static final String UNREACHABLE = "08001";

    private final DataSource pool;
    private final DatabaseProbe probe;

    GuardedDataSource(DataSource pool, DatabaseProbe probe) {
        this.pool = pool;
        this.probe = probe;
    }

    @Override
    public Connection getConnection() throws SQLException {
        refuseWhileDown();
        return pool.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        refuseWhileDown();
        return pool.getConnection(username, password);
    }

    private void refuseWhileDown() throws SQLTransientConnectionException {
        if (probe.down()) {
            throw new SQLTransientConnectionException("the database does not answer (no primary?)", UNREACHABLE);
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
