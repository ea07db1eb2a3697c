package org.openpaypro.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The load driver (issue 5): starts the gateway jar on a fresh data dir, creates and funds the merchants, captures
 * what each request costs the database, then runs every scenario closed loop and open loop, measures the database
 * ceiling with pgbench, checks the ledger after each scenario and writes one Markdown report. See
 * docs/PERFORMANCE.md. Exit code 0 when every ledger check passed, 1 when one failed, 2 on a bad flag or setup
 * failure.
 */
public final class Bench {
    private static final String ADMIN_TOKEN = "openpaypro-bench-admin-token";
    private static final String FUNDING = "100000000.00";
    private static final int SEED_TRADES = 200;

    private final Options options;
    private final String[] args;
    private final ReportTable table = new ReportTable();
    private final List<String> notes = new ArrayList<>();
    private final Map<Scenario, CeilingCapture.Derived> derived = new EnumMap<>(Scenario.class);
    private final Map<Scenario, Path> scripts = new EnumMap<>(Scenario.class);
    private final List<String> tradesPageLines = new ArrayList<>();
    private final Map<String, List<String>> sweepLines = new LinkedHashMap<>();
    private boolean ledgerFailed;
    private String loadBefore;

    private Bench(Options options, String[] args) {
        this.options = options;
        this.args = args;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int exit;
        try {
            exit = new Bench(options, args).run();
        } catch (Exception e) {
            System.err.println("bench: " + e.getMessage());
            e.printStackTrace();
            exit = 2;
        }
        System.exit(exit);
    }

    private int run() throws Exception {
        loadBefore = loadAverage();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path workDir = options.outputDir().resolve("tmp").resolve(stamp).toAbsolutePath();
        HttpClient httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        log("work dir " + workDir);
        try (NotifyReceiver receiver = new NotifyReceiver();
             ServerUnderTest server = ServerUnderTest.start(options.serverJar(), workDir, ADMIN_TOKEN,
                     options.serverJvmOptions(), System.getenv())) {
            Psql psql = server.db() == null ? null : new Psql(server.db());
            boolean capturing = options.ceiling() && psql != null;
            if (capturing && server.embedded() && StatementCapture.needsCollector(psql)) {
                log("restarting the server once so PostgreSQL logs to files (logging_collector = on)");
                server.restart();
                psql = new Psql(server.db());
            }
            log("server pid " + server.pid() + " on " + server.baseUrl() + ", database " + server.db());
            AdminApi admin = new AdminApi(server.baseUrl(), ADMIN_TOKEN, httpClient);
            Requests requests = new Requests(receiver.url());
            Calls.Target target = new Calls.Target("127.0.0.1", server.httpPort(), ADMIN_TOKEN, requests);
            List<BenchMerchant> merchants = createMerchants(admin, receiver.url());
            int hotIndex = merchants.size() - 1;
            Workloads workloads = new Workloads(merchants, hotIndex, receiver);
            MerchantLayout layout = psql == null ? null : MerchantLayout.lookup(psql, merchants);
            seed(workloads, target, receiver);
            if (options.ceiling()) {
                prepareCeilings(psql, layout, workloads, merchants.size(), hotIndex, target, receiver, workDir);
            }
            ProcStats stats = new ProcStats(server.pid(), server.embedded()
                    ? server.dataDir().resolve("pg").resolve("postmaster.pid") : null);
            LoadRunner runner = new LoadRunner(() -> new Calls(target));
            try (ServerUnderTest floor = options.scenarios().contains(Scenario.HTTP_FLOOR) ? server.floor() : null) {
                for (Scenario scenario : options.scenarios()) {
                    if (scenario == Scenario.TRADES_PAGE) {
                        runTradesPage(psql, admin, receiver.url());
                    } else if (scenario == Scenario.HTTP_FLOOR) {
                        Calls.Target floorTarget = new Calls.Target("127.0.0.1", floor.httpPort(), ADMIN_TOKEN,
                                requests);
                        runScenario(scenario, workloads, new LoadRunner(() -> new Calls(floorTarget)),
                                new ProcStats(floor.pid(), null), null, psql, layout, hotIndex);
                    } else {
                        runScenario(scenario, workloads, runner, stats, admin, psql, layout, hotIndex);
                    }
                    if (ledgerFailed) {
                        notes.add("Stopped after " + scenario.label() + ": the ledger check failed.");
                        break;
                    }
                }
            }
            Sweeps sweeps = new Sweeps(options, workloads, runner, stats);
            if (!ledgerFailed && !options.sweepClients().isEmpty()) {
                sweepLines.put("How cost grows with clients (closed loop)", sweeps.clients());
            }
            if (!ledgerFailed && !options.sweepTrades().isEmpty() && psql != null) {
                sweepLines.put("How cost grows with the trade table (closed loop, " + options.clients() + " clients)",
                        sweeps.trades(psql));
                checkLedger(admin, "the trade-table sweep");
            }
            writeReport(psql, workDir);
        }
        if (!"1".equals(System.getenv("BENCH_KEEP"))) {
            // Keep the server's output and the pgbench scripts; the database and the jar copy are large.
            deleteTree(workDir.resolve("data"));
            Files.deleteIfExists(workDir.resolve("openpaypro-server.jar"));
        }
        return ledgerFailed ? 1 : 0;
    }

    private List<BenchMerchant> createMerchants(AdminApi admin, String notifyUrl)
            throws IOException, InterruptedException {
        // All created before any is funded: the first adjustment creates the platform ADJUSTMENTS account, which
        // would otherwise sit between two merchants' accounts and break the even spacing MerchantLayout checks.
        List<BenchMerchant> merchants = new ArrayList<>();
        for (int i = 0; i < options.merchants(); i++) {
            merchants.add(admin.createMerchant(i, notifyUrl));
        }
        for (BenchMerchant merchant : merchants) {
            admin.fund(merchant, FUNDING);
        }
        log(merchants.size() + " merchants created and funded with " + FUNDING + " each");
        return merchants;
    }

    /** Trades for the query scenarios to find, some pay-ins finished (so callbacks and fee accounts exist). */
    private void seed(Workloads workloads, Calls.Target target, NotifyReceiver receiver) throws InterruptedException {
        long callbacksBefore = receiver.received();
        int completed = 0;
        try (Calls calls = new Calls(target)) {
            int merchants = options.merchants();
            for (int i = 0; i < SEED_TRADES; i++) {
                String tradeNo = workloads.nextTradeNo("sd");
                Calls.Outcome payin = calls.call(Calls.Op.PAYIN, workloads.merchant(i % merchants), tradeNo);
                if (payin.ok()) {
                    workloads.payins().add(i % merchants, tradeNo);
                    if (i % 2 == 0 && calls.complete(payin.platformTradeNo()).ok()) {
                        completed++;
                    }
                }
                workloads.create(calls, Calls.Op.PAYOUT, i % merchants, "sd", workloads.payouts());
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (receiver.received() - callbacksBefore < completed && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        log("seeded " + workloads.payins().size() + " pay-ins (" + completed + " completed, "
                + (receiver.received() - callbacksBefore) + " callbacks received) and " + workloads.payouts().size()
                + " payouts");
    }

    private void prepareCeilings(Psql psql, MerchantLayout layout, Workloads workloads, int merchantCount,
                                 int hotIndex, Calls.Target target, NotifyReceiver receiver, Path workDir)
            throws Exception {
        if (psql == null) {
            notes.add("No database ceiling: OPENPAYPRO_DB_URL could not be read as jdbc:postgresql://host:port/db.");
            return;
        }
        if (layout.problem() != null) {
            notes.add("No database ceiling: " + layout.problem() + ".");
            return;
        }
        Path scriptDir = Files.createDirectories(workDir.resolve("pgbench"));
        try (Calls calls = new Calls(target)) {
            CeilingCapture ceilings = null;
            try {
                ceilings = new CeilingCapture(StatementCapture.open(psql), psql, layout, workloads, merchantCount,
                        hotIndex, calls, receiver);
            } catch (IOException e) {
                notes.add("Statements not captured (" + e.getMessage() + "): no database ceiling.");
            }
            for (Scenario scenario : options.scenarios()) {
                if (scenario == Scenario.TRADES_PAGE || scenario == Scenario.HTTP_FLOOR) {
                    continue;
                }
                String script = null;
                if (ceilings != null) {
                    try {
                        CeilingCapture.Derived result = ceilings.derive(scenario);
                        derived.put(scenario, result);
                        result.notes().forEach(note -> notes.add(scenario.label() + ": " + note));
                        script = result.script();
                        log(scenario.label() + ": " + result.transactions() + " transaction(s), "
                                + result.statementCount() + " statements per request");
                    } catch (IOException e) {
                        notes.add(scenario.label() + ": statements not captured (" + e.getMessage() + ").");
                    }
                }
                if (scenario.writes() && script != null) {
                    Path file = scriptDir.resolve(scenario.label() + ".sql");
                    Files.writeString(file, script);
                    scripts.put(scenario, file);
                }
            }
        }
    }

    private void runScenario(Scenario scenario, Workloads workloads, LoadRunner runner, ProcStats stats,
                             AdminApi admin, Psql psql, MerchantLayout layout, int hotIndex) throws Exception {
        LoadRunner.Work work = workloads.work(scenario);
        int clients = options.clients();
        if (!options.warmup().isZero()) {
            log(scenario.label() + ": warm-up " + options.warmup().toMillis() + " ms");
            runner.closed(clients, options.warmup(), work);
        }
        ReportTable.Row closed = measure(scenario, "closed", 0, runner, stats, admin, work);
        double rate = options.rate() > 0 ? options.rate() : 0.7 * closed.acceptedPerSecond();
        ReportTable.Row open = rate < 1 ? null : measure(scenario, String.format(Locale.ROOT, "open @ %s/s",
                ReportTable.rate(rate)), rate, runner, stats, admin, work);
        if (open == null) {
            notes.add(scenario.label() + ": no open-loop phase (closed-loop throughput was 0).");
        }
        if (admin != null) {
            checkLedger(admin, scenario.label());
        }
        double ceiling = Double.NaN;
        if (scenario.writes() && scripts.containsKey(scenario) && psql != null && layout != null) {
            Psql.Ceiling result = psql.pgbench(scripts.get(scenario), clients, options.duration(),
                    layout.variables(hotIndex, MerchantLayout.platform(psql)));
            ceiling = result.tps();
            log(scenario.label() + ": pgbench ceiling " + (Double.isNaN(ceiling) ? "failed" : Math.round(ceiling)
                    + " tps") + (result.problem() == null ? "" : " (" + result.problem() + ")"));
            if (result.problem() != null) {
                notes.add(scenario.label() + ": pgbench: " + result.problem());
            }
            checkLedger(admin, scenario.label() + " pgbench ceiling");
        }
        table.add(closed.withCeiling(ceiling));
        if (open != null) {
            table.add(open);
        }
    }

    /** One phase, closed loop ({@code rate} 0) or open loop, as a row of the table; its errors become notes. */
    private ReportTable.Row measure(Scenario scenario, String loop, double rate, LoadRunner runner, ProcStats stats,
                                    AdminApi admin, LoadRunner.Work work) throws InterruptedException {
        ProcStats.Snapshot start = stats.snapshot();
        LoadRunner.Phase phase = rate > 0 ? runner.open(options.clients(), rate, options.duration(), work)
                : runner.closed(options.clients(), options.duration(), work);
        ProcStats.Usage usage = stats.between(start, stats.snapshot());
        log(String.format(Locale.ROOT, "%s: %s: %d requests in %.1f s, %.0f accepted/s, p50 %.2f ms, p99 %.2f ms,"
                        + " %d errors", scenario.label(), loop, phase.requests(), phase.seconds(),
                phase.acceptedPerSecond(), phase.percentileMillis(50), phase.percentileMillis(99), phase.errors()));
        phase.errorSamples().forEach((error, count) ->
                notes.add(scenario.label() + " (" + phase.mode() + "): " + count + " × " + error));
        return new ReportTable.Row(scenario.label(), loop, phase.clients(), phase.acceptedPerSecond(),
                phase.percentileMillis(50), phase.percentileMillis(99), phase.percentileMillis(99.9), phase.errors(),
                phase.requests(), Double.NaN, usage.serverPercent(), usage.microsPerRequest(usage.serverPercent(),
                phase), usage.postgresPercent(), usage.microsPerRequest(usage.postgresPercent(), phase),
                usage.benchPercent(), usage.machinePercent(), admin == null ? -1 : admin.heapUsedBytes());
    }

    /** The trades-page scenario (issue 14): its own merchant, a million trades, list and export timings. */
    private void runTradesPage(Psql psql, AdminApi admin, String notifyUrl)
            throws IOException, InterruptedException {
        if (psql == null) {
            notes.add("trades-page: skipped, the database could not be reached with psql.");
            return;
        }
        String rowsText = System.getenv().getOrDefault("BENCH_TRADES_PAGE_ROWS", "1000000");
        int rows = Integer.parseInt(rowsText.trim());
        BenchMerchant merchant = admin.createMerchant(options.merchants(), notifyUrl);
        admin.fund(merchant, FUNDING);
        tradesPageLines.addAll(new TradesPageScenario(psql, admin, rows).run(merchant));
        checkLedger(admin, "trades-page");
    }

    private void checkLedger(AdminApi admin, String after) throws IOException, InterruptedException {
        JsonNode check = admin.ledgerCheck();
        if (!check.path("ok").asBoolean(false)) {
            ledgerFailed = true;
            notes.add("LEDGER CHECK FAILED after " + after + ": " + check);
            log("LEDGER CHECK FAILED after " + after + ": " + check);
        }
    }

    private void writeReport(Psql psql, Path workDir) throws IOException, InterruptedException {
        String host = hostname();
        String date = LocalDate.now().toString();
        Files.createDirectories(options.outputDir());
        Path report = options.outputDir().resolve(date + "-" + host + ".md");
        StringBuilder text = new StringBuilder();
        text.append("# OpenPayPro benchmark, ").append(date).append(" on ").append(host).append("\n\n");
        text.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (nproc), ")
                .append(memTotal()).append(" memory, ")
                .append(procLine("/proc/cpuinfo", "model name").replaceFirst(".*:\\s*", "")).append('\n');
        text.append("- Java: ").append(command(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version")).append('\n');
        text.append("- load average (1/5/15 min) before the run: ").append(loadBefore).append(", after: ")
                .append(loadAverage()).append(" (anything above 0 was other processes sharing the cores)\n");
        text.append("- PostgreSQL: ").append(psql == null ? "unknown" : psql.query("SHOW server_version;").trim())
                .append(System.getenv("OPENPAYPRO_DB_URL") == null ? " (embedded)" : " (external)")
                .append("; pgbench: ").append(command("pgbench", "--version")).append('\n');
        text.append("- command: `bench/run").append(args.length == 0 ? "" : " " + String.join(" ", args))
                .append("`\n");
        text.append(String.format(Locale.ROOT, "- settings: %s per phase after a %s warm-up, %d clients, open loop at"
                        + " %s, transport raw, %d merchants, server JVM `%s`%n",
                human(options.duration()), human(options.warmup()), options.clients(),
                options.rate() > 0 ? ReportTable.rate(options.rate()) + " requests/s"
                        : "70 % of the closed-loop throughput",
                options.merchants(), options.serverJvmOptions()));
        text.append('\n').append(table.markdown()).append('\n');
        text.append("requests/s counts accepted answers (code 0000; for full-flow: callback received). Latency of the"
                + " open loop counts from the intended send time. Ceiling: pgbench with the statements the gateway"
                + " executed for one such request, same clients and duration, same database; ratio = requests/s ÷"
                + " ceiling. CPU in % of one core (machine: % of all cores); µs/req = that process's CPU time over the"
                + " phase ÷ requests. http-floor: the server's Jetty/Javalin set-up answering a fixed envelope, no"
                + " database (its server columns are that process).\n");
        sweepLines.forEach((title, lines) -> {
            text.append("\n## ").append(title).append("\n\n");
            lines.forEach(line -> text.append(line).append('\n'));
        });
        if (!tradesPageLines.isEmpty()) {
            text.append("\n## Trades page and CSV export (trades-page)\n\n");
            tradesPageLines.forEach(line -> text.append(line).append('\n'));
        }
        if (!derived.isEmpty()) {
            text.append("\n## SQL per request (captured)\n\n| scenario | transactions | statements | ceiling script |\n"
                    + "|---|--:|--:|---|\n");
            derived.forEach((scenario, result) -> text.append("| ").append(scenario.label()).append(" | ")
                    .append(result.transactions()).append(" | ").append(result.statementCount()).append(" | ")
                    .append(scripts.containsKey(scenario) ? "captured in this run" : "–").append(" |\n"));
            text.append("\nStatements count BEGIN and COMMIT. In order:\n\n");
            derived.forEach((scenario, result) -> {
                text.append("- ").append(scenario.label()).append(": ");
                List<String> shortSql = new ArrayList<>();
                result.statements().forEach(statement -> shortSql.add("`" + abbreviate(statement.sql()) + "`"));
                text.append(String.join(" → ", shortSql)).append('\n');
            });
        }
        if (!notes.isEmpty()) {
            text.append("\n## Notes\n\n");
            notes.forEach(note -> text.append("- ").append(note).append('\n'));
        }
        Files.writeString(report, text.toString());
        if (!scripts.isEmpty()) {
            Path scriptCopy = Files.createDirectories(options.outputDir().resolve(date + "-" + host + "-pgbench"));
            for (Path script : scripts.values()) {
                Files.copy(script, scriptCopy.resolve(script.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        System.out.println();
        System.out.println(table.markdown());
        notes.forEach(note -> System.out.println("- " + note));
        System.out.println("\nreport: " + report.toAbsolutePath());
    }

    static String abbreviate(String sql) {
        String flat = PgLog.template(sql);
        return flat.length() <= 70 ? flat : flat.substring(0, 67) + "...";
    }

    private static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String hostname() {
        String name = procLine("/etc/hostname", "").trim();
        return name.isEmpty() ? "localhost" : name;
    }

    private static String memTotal() {
        String kib = procLine("/proc/meminfo", "MemTotal:").replaceAll("[^0-9]", "");
        return kib.isEmpty() ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kib) / 1048576.0);
    }

    private static String loadAverage() {
        String[] parts = procLine("/proc/loadavg", "").split(" ");
        return parts.length < 3 ? "unknown" : parts[0] + " " + parts[1] + " " + parts[2];
    }

    /** The first line of a file that starts with {@code prefix}, or "". */
    private static String procLine(String file, String prefix) {
        try (Stream<String> lines = Files.lines(Path.of(file))) {
            return lines.filter(line -> line.startsWith(prefix)).findFirst().orElse("");
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /** The first line a command prints, or "not found". */
    private static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst()
                    .orElse("");
        } catch (IOException e) {
            return "not found";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static void log(String message) {
        System.out.println("[bench " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] "
                + message);
    }
}
