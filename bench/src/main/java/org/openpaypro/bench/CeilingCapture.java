package org.openpaypro.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Derives, per scenario, the SQL one request costs the database from PostgreSQL itself ({@code log_statement = 'all'}
 * around three sample requests, {@link PgLog}): the transactions that carry a sample's identifiers and are not
 * background work; the sample with the fewest statements wins (the steady state) and, for write scenarios, becomes a
 * pgbench script ({@link PgbenchScript}). docs/PERFORMANCE.md, "How the ceiling scripts are derived". Not thread-safe.
 */
final class CeilingCapture {
    private static final int SAMPLES = 3;
    private static final long SETTLE_MILLIS = 300;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");
    private static final Pattern NOTIFICATION = Pattern.compile("(?i)\\bnotification\\b");

    /**
     * What one request of a scenario executes, the values that become pgbench variables and ids, and the pgbench
     * script made from it (null for read scenarios).
     */
    record Derived(List<PgLog.Statement> statements, int transactions, Map<String, String> variables,
                   List<PgbenchScript.Returned> returned, String script, List<String> notes) {
    }

    /** One sample request's merchant, numbers and sign; filled in as the request runs. */
    private static final class SampleIds {
        int merchantIndex;
        String tradeNo;
        String platformTradeNo;
        String sign;
        String error;
    }

    private final Psql psql;
    private final Path logDir;
    private final MerchantLayout layout;
    private final Workloads workloads;
    private final Calls calls;
    private final Set<String> background;

    /** Ready to capture once the collector runs; the log directory must be readable from here. */
    CeilingCapture(Psql psql, MerchantLayout layout, Workloads workloads, Calls calls) throws Exception {
        if (!psql.query("SHOW logging_collector;").trim().equals("on")) {
            throw new IOException("PostgreSQL's logging_collector is off");
        }
        this.logDir = Path.of(psql.query("SHOW data_directory;").trim()).resolve(psql.query("SHOW log_directory;")
                .trim());
        if (!Files.isDirectory(logDir)) {
            throw new IOException("PostgreSQL log directory " + logDir + " is not readable from the driver");
        }
        this.psql = psql;
        this.layout = layout;
        this.workloads = workloads;
        this.calls = calls;
        // Templates seen while idle are the background workers'; 1.5 s covers several polls of each (notify
        // 200 ms, reconciler 500 ms).
        this.background = record(() -> {
            Thread.sleep(1_500);
            return null;
        }).stream().filter(statement -> !statement.isControl())
                .map(statement -> PgLog.template(statement.sql())).collect(Collectors.toSet());
    }

    /** True (and the collector configured for the next start) when PostgreSQL must restart to log to files. */
    static boolean needsCollector(Psql psql) throws IOException, InterruptedException {
        String collector = psql.query("SHOW logging_collector;").trim();
        psql.query("ALTER SYSTEM SET log_line_prefix = '" + PgLog.LINE_PREFIX + "';"
                + " ALTER SYSTEM SET log_statement = 'none'; SELECT pg_reload_conf();");
        if (!collector.equals("on")) {
            psql.query("ALTER SYSTEM SET logging_collector = on;");
        }
        return !collector.equals("on");
    }

    Derived derive(Scenario scenario) throws Exception {
        List<SampleIds> ids = new ArrayList<>();
        int merchants = layout.merchantIds().length;
        for (int s = 0; s < SAMPLES; s++) {
            SampleIds sample = new SampleIds();
            sample.merchantIndex = scenario == Scenario.PAYOUT_CREATE_HOT ? workloads.hotIndex()
                    : (merchants / 2 + s) % merchants;
            if (scenario == Scenario.QUERY_PAYIN || scenario == Scenario.QUERY_PAYOUT) { // before the capture window
                sample.tradeNo = workloads.nextTradeNo("cq");
                Calls.Outcome created = workloads.request(scenario == Scenario.QUERY_PAYIN ? Scenario.PAYIN_CREATE
                        : Scenario.PAYOUT_CREATE, calls, sample.merchantIndex, sample.tradeNo);
                sample.platformTradeNo = created.platformTradeNo();
                sample.error = created.error();
            }
            ids.add(sample);
        }
        List<PgLog.Transaction> all = PgLog.transactions(record(() -> {
            ids.forEach(id -> perform(scenario, id));
            return null;
        }));
        Derived best = null;
        for (SampleIds sample : ids) {
            Derived candidate = sample(scenario, sample, all);
            if (!candidate.statements().isEmpty()
                    && (best == null || candidate.statements().size() < best.statements().size())) {
                best = candidate;
            }
        }
        if (best == null) {
            return new Derived(List.of(), 0, Map.of(), List.of(), null, List.of("no statement of the sample"
                    + " requests was found in the PostgreSQL log"));
        }
        String script = null;
        List<String> notes = new ArrayList<>(best.notes());
        if (scenario.writes()) {
            try {
                script = PgbenchScript.render(header(scenario, best), best.statements(), best.variables(),
                        best.returned(), parameterTypes(best.statements()));
            } catch (IllegalStateException e) {
                notes.add("no pgbench script: " + e.getMessage());
            }
        }
        return new Derived(best.statements(), best.transactions(), best.variables(), best.returned(), script, notes);
    }

    /** Runs {@code action} with every statement logged; returns the statements logged meanwhile, in order. */
    private List<PgLog.Statement> record(Callable<?> action) throws Exception {
        Map<Path, Long> before = new TreeMap<>();
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path file : files.toList()) {
                before.put(file, Files.size(file));
            }
        }
        setLogging("all");
        try {
            action.call();
            Thread.sleep(SETTLE_MILLIS);
        } finally {
            setLogging("none");
        }
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path file : files.sorted().toList()) {
                byte[] bytes = Files.readAllBytes(file);
                int from = (int) Math.min(bytes.length, before.getOrDefault(file, 0L));
                text.append(new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8));
            }
        }
        return PgLog.parse(text.toString());
    }

    private void setLogging(String value) throws Exception {
        psql.query("ALTER SYSTEM SET log_statement = '" + value + "'; SELECT pg_reload_conf();");
        // Backends pick the new setting up at their next command after the SIGHUP reaches them.
        Thread.sleep(SETTLE_MILLIS);
    }

    private void perform(Scenario scenario, SampleIds sample) {
        if (scenario.writes()) {
            sample.tradeNo = workloads.nextTradeNo("cp");
        }
        Calls.Outcome outcome = workloads.request(scenario, calls, sample.merchantIndex, sample.tradeNo);
        sample.sign = calls.lastSign().toLowerCase(Locale.ROOT);
        sample.platformTradeNo = outcome.platformTradeNo() != null ? outcome.platformTradeNo() : sample.platformTradeNo;
        sample.error = sample.error != null || outcome.ok() ? sample.error : outcome.error();
    }

    private Derived sample(Scenario scenario, SampleIds sample, List<PgLog.Transaction> all)
            throws IOException, InterruptedException {
        List<String> notes = new ArrayList<>();
        if (sample.error != null) {
            notes.add("a sample request failed: " + sample.error);
        }
        long merchantId = layout.merchantIds()[sample.merchantIndex];
        String tradeId = null;
        List<String> notificationIds = new ArrayList<>();
        for (String[] row : sample.platformTradeNo == null || !sample.platformTradeNo.matches("[A-Za-z0-9]+")
                ? List.<String[]>of() : psql.rows("SELECT t.id, n.id FROM trade t LEFT JOIN notification n ON"
                + " n.trade_id = t.id WHERE t.platform_trade_no = '" + sample.platformTradeNo + "' ORDER BY n.id;")) {
            tradeId = row[0];
            notificationIds.addAll(row[1].isEmpty() ? List.of() : List.of(row[1]));
        }
        // the replay guard's seen_sign write names no trade, only the sign (32 hex characters, an array element)
        Set<String> identifiers = new LinkedHashSet<>(Arrays.asList(sample.tradeNo, sample.platformTradeNo,
                sample.sign, tradeId, scenario == Scenario.BALANCE ? Long.toString(merchantId) : null));
        identifiers.addAll(notificationIds);
        identifiers.remove(null);
        List<PgLog.Transaction> linked = PgLog.linked(all, identifiers, background);
        if (scenario == Scenario.FULL_FLOW && !notificationIds.isEmpty()) {
            linked = withClaim(all, linked, notificationIds);
        }
        List<PgLog.Statement> statements = new ArrayList<>();
        linked.forEach(transaction -> statements.addAll(transaction.statements()));

        Map<String, String> variables = new LinkedHashMap<>();
        bind(variables, sample.tradeNo, "tn", notes);
        bind(variables, sample.platformTradeNo, "ptn", notes);
        // a fresh sign per transaction: 16 random digits padded to 32, valid hex for decode(.., 'hex')
        bind(variables, sample.sign, "lpad(CAST(:sgn AS text), 32, '0')", notes);
        bind(variables, Long.toString(merchantId), "mid", notes);
        for (String kind : MerchantLayout.KINDS) {
            bind(variables, Long.toString(layout.accountIds().get(kind)[sample.merchantIndex]),
                    "acc_" + kind.toLowerCase(Locale.ROOT), notes);
        }
        MerchantLayout.platform(psql).forEach((name, id) -> bind(variables, id, name, notes));
        List<PgbenchScript.Returned> returned = new ArrayList<>();
        addReturned(returned, linked, "trade", "t_", tradeId, null, variables, notes);
        if (!notificationIds.isEmpty()) {
            addReturned(returned, linked, "notification", "n_", notificationIds.get(0),
                    "SELECT max(id) AS id FROM notification WHERE trade_id = :t_id", variables, notes);
        }
        return new Derived(statements, linked.size(), variables, returned, null, notes);
    }

    /**
     * Adds the dispatcher's claim of the notification before the first transaction that uses it: the claim
     * ({@code ... FOR UPDATE SKIP LOCKED}) names no id of the trade, so the last background claim of the
     * notification table before that transaction is taken.
     */
    private List<PgLog.Transaction> withClaim(List<PgLog.Transaction> all, List<PgLog.Transaction> linked,
                                              List<String> notificationIds) {
        PgLog.Transaction user = linked.stream().filter(transaction -> notificationIds.stream()
                .anyMatch(transaction::mentions) && transaction.work().stream()
                .noneMatch(statement -> PgbenchScript.insertsInto(statement.sql(), "notification"))).findFirst()
                .orElse(null);
        PgLog.Transaction claim = user == null ? null : all.subList(0, all.indexOf(user)).stream()
                .filter(transaction -> PgLog.isBackground(transaction, background) && transaction.work().stream()
                        .anyMatch(statement -> statement.sql().contains("SKIP LOCKED")
                                && NOTIFICATION.matcher(statement.sql()).find()))
                .reduce((earlier, later) -> later).orElse(null);
        if (claim == null) {
            return linked;
        }
        List<PgLog.Transaction> result = new ArrayList<>(linked);
        result.add(linked.indexOf(user), claim);
        return result;
    }

    private static void bind(Map<String, String> variables, String value, String name, List<String> notes) {
        String previous = value == null ? null : variables.putIfAbsent(value, name);
        if (previous != null && !previous.equals(name)) {
            notes.add("value " + value + " is both :" + previous + " and :" + name + "; used as :" + previous);
        }
    }

    private static void addReturned(List<PgbenchScript.Returned> returned, List<PgLog.Transaction> linked,
                                    String table, String prefix, String id, String lookup,
                                    Map<String, String> variables, List<String> notes) {
        if (id == null || linked.stream().noneMatch(transaction -> transaction.mentions(id))) {
            return;
        }
        if (variables.containsKey(id)) {
            notes.add("the " + table + " id " + id + " equals :" + variables.get(id) + "; the script may mix them");
        }
        returned.add(new PgbenchScript.Returned(table, prefix, id, lookup));
    }

    private static List<String> header(Scenario scenario, Derived sample) {
        List<String> lines = new ArrayList<>(List.of(
                "-- pgbench script of one OpenPayPro \"" + scenario.label() + "\" request: the SQL the gateway sent",
                "-- for it, captured from PostgreSQL (log_statement = 'all') by org.openpaypro.bench.Bench on "
                        + LocalDate.now() + ";",
                "-- " + sample.transactions() + " transaction(s), " + sample.statements().size()
                        + " statements including BEGIN/COMMIT. Request values are variables; ids come from -D (see",
                "-- docs/PERFORMANCE.md). Run with: pgbench -n -M prepared -f <this> -D merchants=.. -D mbase=.."));
        lines.addAll(MerchantLayout.merchantLines(scenario == Scenario.PAYOUT_CREATE_HOT));
        lines.addAll(List.of("\\set tn random(1, 9223372036854775806)", "\\set ptn random(1, 9223372036854775806)",
                "\\set sgn random(1000000000000000, 9999999999999999)"));
        return lines;
    }

    /**
     * The parameter types PostgreSQL infers for each statement ({@code PREPARE}, then {@code pg_prepared_statements});
     * where inference fails (an untyped parameter in a VALUES list), a second round declares integer values bigint,
     * as pgjdbc sends a Java long.
     */
    private Map<String, List<String>> parameterTypes(List<PgLog.Statement> statements) throws Exception {
        Map<String, PgLog.Statement> missing = new LinkedHashMap<>();
        statements.stream().filter(statement -> !statement.isControl())
                .forEach(statement -> missing.putIfAbsent(PgLog.template(statement.sql()), statement));
        Map<String, List<String>> types = new LinkedHashMap<>();
        for (boolean integersAsBigint : new boolean[] {false, true}) {
            if (missing.isEmpty()) {
                break;
            }
            List<String> templates = new ArrayList<>(missing.keySet());
            StringBuilder script = new StringBuilder();
            for (int i = 0; i < templates.size(); i++) {
                PgLog.Statement statement = missing.get(templates.get(i));
                script.append("PREPARE bench_p").append(i).append(" AS ")
                        .append((integersAsBigint ? castIntegers(statement) : statement.sql()).trim()).append(";\n");
            }
            script.append("SELECT name || '|' || array_to_string(parameter_types, ',') FROM pg_prepared_statements"
                    + " WHERE name LIKE 'bench_p%';\n");
            for (String line : psql.script(script.toString()).split("\n")) {
                int bar = line.indexOf('|');
                if (bar > 0 && line.startsWith("bench_p")) {
                    String list = line.substring(bar + 1);
                    types.put(templates.get(Integer.parseInt(line.substring("bench_p".length(), bar))),
                            list.isEmpty() ? List.of() : List.of(list.split(",")));
                }
            }
            missing.keySet().removeAll(types.keySet());
        }
        return types;
    }

    static String castIntegers(PgLog.Statement statement) {
        return PLACEHOLDER.matcher(statement.sql()).replaceAll(match -> {
            int number = Integer.parseInt(match.group(1));
            String value = number <= statement.parameters().size() ? statement.parameters().get(number - 1) : null;
            return Matcher.quoteReplacement(match.group() + (value != null && value.matches("-?[0-9]{1,18}")
                    ? "::bigint" : ""));
        });
    }
}
