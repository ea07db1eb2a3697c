package org.openpaypro.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Captures the SQL the gateway sends to PostgreSQL for a request, from PostgreSQL itself: {@code log_statement} is
 * turned to {@code 'all'} ({@code ALTER SYSTEM} + {@code pg_reload_conf()}) only around the request, the log
 * collector's files in {@code <data dir>/log} are read from where they ended before, and the statements are parsed
 * by {@link PgLog}. The embedded PostgreSQL logs to its (discarded) stderr by default, so {@link #needsCollector}
 * tells the caller to turn the log collector on, which needs one restart. Not thread-safe.
 */
final class StatementCapture {
    private static final long SETTLE_MILLIS = 300;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");

    private final Psql psql;
    private final Path logDir;

    private StatementCapture(Psql psql, Path logDir) {
        this.psql = psql;
        this.logDir = logDir;
    }

    /** True (and the collector configured for the next start) when PostgreSQL must restart to log to files. */
    static boolean needsCollector(Psql psql) throws IOException, InterruptedException {
        String collector = psql.query("SHOW logging_collector;").trim();
        psql.query("ALTER SYSTEM SET log_line_prefix = '" + PgLog.LINE_PREFIX + "';"
                + " ALTER SYSTEM SET log_statement = 'none'; SELECT pg_reload_conf();");
        if (collector.equals("on")) {
            return false;
        }
        psql.query("ALTER SYSTEM SET logging_collector = on;");
        return true;
    }

    /** Ready to capture once the collector runs; the log directory must be readable from here. */
    static StatementCapture open(Psql psql) throws IOException, InterruptedException {
        if (!psql.query("SHOW logging_collector;").trim().equals("on")) {
            throw new IOException("PostgreSQL's logging_collector is off");
        }
        Path dataDirectory = Path.of(psql.query("SHOW data_directory;").trim());
        Path logDirectory = Path.of(psql.query("SHOW log_directory;").trim());
        Path dir = logDirectory.isAbsolute() ? logDirectory : dataDirectory.resolve(logDirectory);
        if (!Files.isDirectory(dir)) {
            throw new IOException("PostgreSQL log directory " + dir + " is not readable from the driver");
        }
        return new StatementCapture(psql, dir);
    }

    /** Runs {@code action} with every statement logged; returns the statements logged meanwhile, in order. */
    List<PgLog.Statement> record(Action action) throws Exception {
        Map<Path, Long> before = sizes();
        setLogging("all");
        try {
            action.run();
            Thread.sleep(SETTLE_MILLIS);
        } finally {
            setLogging("none");
        }
        return PgLog.parse(readAppended(before));
    }

    /** What runs while statements are logged. */
    interface Action {
        void run() throws Exception;
    }

    private void setLogging(String value) throws IOException, InterruptedException {
        psql.query("ALTER SYSTEM SET log_statement = '" + value + "'; SELECT pg_reload_conf();");
        // Backends pick the new setting up at their next command after the SIGHUP reaches them.
        Thread.sleep(SETTLE_MILLIS);
    }

    private Map<Path, Long> sizes() throws IOException {
        Map<Path, Long> sizes = new TreeMap<>();
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path file : files.toList()) {
                sizes.put(file, Files.size(file));
            }
        }
        return sizes;
    }

    private String readAppended(Map<Path, Long> before) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<Path, Long> file : sizes().entrySet()) {
            long from = before.getOrDefault(file.getKey(), 0L);
            if (file.getValue() <= from) {
                continue;
            }
            try (RandomAccessFile in = new RandomAccessFile(file.getKey().toFile(), "r")) {
                in.seek(from);
                byte[] bytes = new byte[(int) (file.getValue() - from)];
                in.readFully(bytes);
                text.append(new String(bytes, StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }

    /**
     * The transactions of one request: those whose parameters mention one of its identifiers (trade numbers, ids)
     * and which are not background work seen while idle ({@code background}: statement templates).
     */
    static List<PgLog.Transaction> requestTransactions(List<PgLog.Transaction> all, Collection<String> identifiers,
                                                       Set<String> background) {
        List<PgLog.Transaction> linked = new ArrayList<>();
        for (PgLog.Transaction transaction : all) {
            if (isBackground(transaction, background)) {
                continue;
            }
            for (String identifier : identifiers) {
                if (identifier != null && transaction.mentions(identifier)) {
                    linked.add(transaction);
                    break;
                }
            }
        }
        return linked;
    }

    static boolean isBackground(PgLog.Transaction transaction, Set<String> background) {
        List<PgLog.Statement> work = transaction.work();
        return !work.isEmpty() && work.stream().allMatch(statement ->
                background.contains(PgLog.template(statement.sql())));
    }

    /**
     * The last background transaction before {@code before} (in log order) that claims rows of {@code table} with
     * SKIP LOCKED: how a dispatcher picked up a request's row without naming it.
     */
    static PgLog.Transaction claimBefore(List<PgLog.Transaction> all, PgLog.Transaction before, String table,
                                         Set<String> background) {
        PgLog.Transaction claim = null;
        for (PgLog.Transaction transaction : all) {
            if (transaction == before) {
                break;
            }
            if (isBackground(transaction, background) && transaction.work().stream().anyMatch(statement ->
                    statement.sql().contains("SKIP LOCKED") && statement.sql().matches("(?is).*\\b" + table
                            + "\\b.*"))) {
                claim = transaction;
            }
        }
        return claim;
    }

    /** Templates seen while the gateway is idle: its background workers' statements. */
    Set<String> background(long idleMillis) throws Exception {
        List<PgLog.Statement> idle = record(() -> Thread.sleep(idleMillis));
        Set<String> templates = new HashSet<>();
        for (PgLog.Statement statement : idle) {
            if (!statement.isControl()) {
                templates.add(PgLog.template(statement.sql()));
            }
        }
        return templates;
    }

    /**
     * The parameter types PostgreSQL infers for each statement ({@code PREPARE}, then {@code pg_prepared_statements});
     * where inference fails (an untyped parameter in a VALUES list), integer values are declared bigint as pgjdbc
     * sends a Java long.
     */
    Map<String, List<String>> parameterTypes(Collection<PgLog.Statement> statements)
            throws IOException, InterruptedException {
        Map<String, PgLog.Statement> distinct = new LinkedHashMap<>();
        for (PgLog.Statement statement : statements) {
            if (!statement.isControl()) {
                distinct.putIfAbsent(PgLog.template(statement.sql()), statement);
            }
        }
        Map<String, List<String>> types = new LinkedHashMap<>();
        prepareRound(distinct, types, false);
        Map<String, PgLog.Statement> missing = new LinkedHashMap<>(distinct);
        missing.keySet().removeAll(types.keySet());
        if (!missing.isEmpty()) {
            prepareRound(missing, types, true);
        }
        return types;
    }

    private void prepareRound(Map<String, PgLog.Statement> statements, Map<String, List<String>> types,
                              boolean integersAsBigint) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        List<String> templates = new ArrayList<>(statements.keySet());
        for (int i = 0; i < templates.size(); i++) {
            PgLog.Statement statement = statements.get(templates.get(i));
            String sql = integersAsBigint ? castIntegers(statement) : statement.sql();
            script.append("PREPARE bench_p").append(i).append(" AS ").append(sql.trim()).append(";\n");
        }
        script.append("SELECT name || '|' || array_to_string(parameter_types, ',') FROM pg_prepared_statements"
                + " WHERE name LIKE 'bench_p%';\n");
        Psql.Result result = psql.script(script.toString());
        for (String line : result.out().split("\n")) {
            int bar = line.indexOf('|');
            if (bar < 0 || !line.startsWith("bench_p")) {
                continue;
            }
            int index = Integer.parseInt(line.substring("bench_p".length(), bar));
            String list = line.substring(bar + 1);
            types.put(templates.get(index), list.isEmpty() ? List.of() : List.of(list.split(",")));
        }
    }

    static String castIntegers(PgLog.Statement statement) {
        StringBuilder sql = new StringBuilder();
        Matcher matcher = PLACEHOLDER.matcher(statement.sql());
        while (matcher.find()) {
            int number = Integer.parseInt(matcher.group(1));
            String value = number <= statement.parameters().size() ? statement.parameters().get(number - 1) : null;
            String replacement = value != null && value.matches("-?[0-9]{1,18}") ? "$" + number + "::bigint"
                    : "$" + number;
            matcher.appendReplacement(sql, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(sql);
        return sql.toString();
    }
}
