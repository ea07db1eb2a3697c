package org.openpaypro.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * One statement written with Jdbi's {@code :name} parameters, run as a plain JDBC {@link PreparedStatement} on a
 * handle's connection. For the few statements every request runs (issue 15): Jdbi's per-statement work (argument
 * factory and mapper lookups, config copies, array type lookups) cost more CPU there than pgjdbc itself. The text
 * PostgreSQL receives is the same as through Jdbi ({@code :name} becomes {@code ?} in order of appearance, which
 * pgjdbc sends as {@code $1, $2, ...}). Arrays (of {@code long}, {@code Long} or {@code String}) are bound with
 * {@link PreparedStatement#setObject(int, Object)}, which pgjdbc encodes itself. A failure is a
 * {@link StatementFailed} whose cause is the {@link SQLException}. A statement that is its own transaction can
 * skip Jdbi's handle too ({@link Binding#query(Jdbi, RowReader)}): a connection straight from the pool the Jdbi
 * instance was given ({@link Connections}). Thread-safe (immutable).
 */
public final class RawSql {
    /**
     * The data source behind a {@link Jdbi} (set once by {@link Database}), for statements that run without a
     * handle. Unset (a Jdbi made elsewhere): they run on a handle as usual.
     */
    public static final class Connections implements JdbiConfig<Connections> {
        private volatile DataSource dataSource;

        public Connections() {
        }

        private Connections(Connections other) {
            this.dataSource = other.dataSource;
        }

        /** Statements without a handle borrow their connection from {@code source}. */
        public void use(DataSource source) {
            this.dataSource = source;
        }

        @Override
        public Connections createCopy() {
            return new Connections(this);
        }
    }

    /** Reads one row of the result. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** A statement that failed; the cause is the driver's {@link SQLException}. */
    public static final class StatementFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StatementFailed(String sql, SQLException cause) {
            super(cause.getMessage() + " [statement: " + firstLine(sql) + "]", cause);
        }

        private static String firstLine(String sql) {
            int end = sql.indexOf('\n');
            return (end < 0 ? sql : sql.substring(0, end)).strip();
        }
    }

    private final String sql;
    private final List<String> names;
    private final Map<String, int[]> positions;

    /** Parses {@code named} once; every {@code :name} outside quotes and {@code ::} casts is a parameter. */
    public RawSql(String named) {
        List<String> found = new ArrayList<>();
        this.sql = positional(named, found);
        this.names = List.copyOf(found);
        Map<String, List<Integer>> where = new HashMap<>();
        for (int i = 0; i < found.size(); i++) {
            where.computeIfAbsent(found.get(i), name -> new ArrayList<>()).add(i);
        }
        Map<String, int[]> byName = new HashMap<>();
        where.forEach((name, list) -> byName.put(name, list.stream().mapToInt(Integer::intValue).toArray()));
        this.positions = Map.copyOf(byName);
    }

    /** The text as sent to the driver, with {@code ?} for each parameter. */
    public String sql() {
        return sql;
    }

    /** The parameter names in order of appearance (a name used twice appears twice). */
    public List<String> names() {
        return names;
    }

    /** A new set of values for one execution. */
    public Binding bind() {
        return new Binding();
    }

    /** The values of one execution, by name; every name must be set. Not thread-safe. */
    public final class Binding {
        private final Object[] values = new Object[names.size()];
        private final boolean[] set = new boolean[names.size()];

        private Binding() {
        }

        /** Sets every occurrence of {@code name}; null binds SQL NULL. */
        public Binding set(String name, Object value) {
            int[] at = positions.get(name);
            if (at == null) {
                throw new IllegalArgumentException("no parameter :" + name + " in the statement");
            }
            for (int i : at) {
                values[i] = value;
                set[i] = true;
            }
            return this;
        }

        /** Runs the statement on the handle's connection (and transaction); every row read by {@code reader}. */
        public <T> List<T> query(Handle handle, RowReader<T> reader) {
            requireAllSet();
            try {
                return run(handle.getConnection(), reader);
            } catch (SQLException e) {
                throw new StatementFailed(sql, e);
            }
        }

        /**
         * Runs the statement as its own transaction (autocommit) on a connection from the pool behind {@code jdbi}
         * ({@link Connections}), else on a handle of {@code jdbi}; every row read by {@code reader}.
         */
        public <T> List<T> query(Jdbi jdbi, RowReader<T> reader) {
            DataSource source = jdbi.getConfig(Connections.class).dataSource;
            if (source == null) {
                return jdbi.withHandle(handle -> query(handle, reader));
            }
            requireAllSet();
            try (Connection connection = source.getConnection()) {
                if (!connection.getAutoCommit()) {
                    connection.setAutoCommit(true);
                }
                return run(connection, reader);
            } catch (SQLException e) {
                throw new StatementFailed(sql, e);
            }
        }

        private void requireAllSet() {
            for (int i = 0; i < set.length; i++) {
                if (!set[i]) {
                    throw new IllegalStateException("parameter :" + names.get(i) + " not set");
                }
            }
        }

        private <T> List<T> run(Connection connection, RowReader<T> reader) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    if (values[i] == null) {
                        statement.setNull(i + 1, Types.OTHER);
                    } else {
                        statement.setObject(i + 1, values[i]);
                    }
                }
                List<T> rows = new ArrayList<>();
                if (statement.execute()) {
                    try (ResultSet result = statement.getResultSet()) {
                        while (result.next()) {
                            rows.add(reader.read(result));
                        }
                    }
                }
                return rows;
            }
        }
    }

    /**
     * {@code named} with each {@code :name} replaced by {@code ?}, the names appended to {@code found}. Quoted text
     * ({@code '...'}, {@code "..."}) and {@code ::} casts are kept as they are; a {@code ?} outside quotes is refused
     * (the driver would take it for a parameter).
     */
    static String positional(String named, List<String> found) {
        StringBuilder out = new StringBuilder(named.length());
        int i = 0;
        while (i < named.length()) {
            char c = named.charAt(i);
            if (c == '\'' || c == '"') {
                int end = named.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated quote at " + i + " in: " + named);
                }
                out.append(named, i, end + 1);
                i = end + 1;
            } else if (c == ':' && i + 1 < named.length() && named.charAt(i + 1) == ':') {
                out.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < named.length() && isNameStart(named.charAt(i + 1))) {
                int end = i + 1;
                while (end < named.length() && isNamePart(named.charAt(end))) {
                    end++;
                }
                found.add(named.substring(i + 1, end));
                out.append('?');
                i = end;
            } else if (c == '?') {
                throw new IllegalArgumentException("a ? outside quotes at " + i + " in: " + named);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || c >= '0' && c <= '9';
    }
}
