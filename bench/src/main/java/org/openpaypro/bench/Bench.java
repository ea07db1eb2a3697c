package org.openpaypro.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
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
    /** Report sections after the table, title → Markdown lines, in report order. */
    private final Map<String, List<String>> sections = new LinkedHashMap<>();
    private List<String> tradesPage;
    private boolean ledgerFailed;
    private String loadBefore;
    // set once the server runs; psql and layout are null when the database cannot be reached with psql
    private Psql psql;
    private AdminApi admin;
    private MerchantLayout layout;
    private Workloads workloads;
    private int hotIndex;

    private Bench(Options options, String[] args) {
        this.options = options;
        this.args = args;
    }

    public static void main(String[] args) {
        int exit = 2;
        try {
            exit = new Bench(Options.parse(args, System.getenv()), args).run();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
        } catch (Exception e) {
            System.err.println("bench: " + e.getMessage());
            e.printStackTrace();
        }
        System.exit(exit);
    }

    private int run() throws Exception {
        loadBefore = loadAverage();
        String stamp = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString().replaceAll("[-:]", "");
        Path workDir = options.outputDir().resolve("tmp").resolve(stamp.replace('T', '-')).toAbsolutePath();
        log("work dir " + workDir);
        try (NotifyReceiver receiver = new NotifyReceiver();
             ServerUnderTest server = ServerUnderTest.start(options.serverJar(), workDir, ADMIN_TOKEN,
                     options.serverJvmOptions())) {
            psql = server.db() == null ? null : new Psql(server.db());
            boolean capturing = options.ceiling() && psql != null;
            if (capturing && server.embedded() && CeilingCapture.needsCollector(psql)) {
                log("restarting the server once so PostgreSQL logs to files (logging_collector = on)");
                server.restart();
                psql = new Psql(server.db());
            }
            log("server pid " + server.pid() + " on " + server.baseUrl() + ", database " + server.db());
            admin = new AdminApi(server.baseUrl(), ADMIN_TOKEN);
            Calls.Target target = new Calls.Target(server.httpPort(), ADMIN_TOKEN, receiver.url());
            List<BenchMerchant> merchants = createMerchants(receiver.url());
            hotIndex = merchants.size() - 1;
            workloads = new Workloads(merchants, hotIndex, receiver);
            layout = psql == null ? null : MerchantLayout.lookup(psql, merchants);
            seed(target, receiver);
            if (options.ceiling()) {
                prepareCeilings(target, workDir);
            }
            LoadRunner runner = new LoadRunner(() -> new Calls(target), new ProcStats(server.pid(),
                    server.postmasterPidFile()));
            try (ServerUnderTest floor = options.scenarios().contains(Scenario.HTTP_FLOOR) ? server.floor() : null) {
                for (Scenario scenario : options.scenarios()) {
                    drainSubmissions(scenario.label());
                    if (scenario == Scenario.TRADES_PAGE) {
                        runTradesPage(receiver.url());
                    } else if (scenario == Scenario.HTTP_FLOOR) {
                        Calls.Target floorTarget = new Calls.Target(floor.httpPort(), ADMIN_TOKEN, receiver.url());
                        runScenario(scenario, new LoadRunner(() -> new Calls(floorTarget),
                                new ProcStats(floor.pid(), null)), true);
                    } else {
                        runScenario(scenario, runner, false);
                    }
                    if (ledgerFailed) {
                        notes.add("Stopped after " + scenario.label() + ": the ledger check failed.");
                        break;
                    }
                }
            }
            Sweeps sweeps = new Sweeps(options, workloads, runner);
            if (!ledgerFailed && !options.sweepClients().isEmpty()) {
                sections.put("How cost grows with clients (closed loop)", sweeps.clients());
            }
            if (!ledgerFailed && !options.sweepTrades().isEmpty() && psql != null) {
                sections.put("How cost grows with the trade table (closed loop, " + options.clients() + " clients)",
                        sweeps.trades(psql));
                checkLedger("the trade-table sweep");
            }
            writeReport();
        }
        if (!"1".equals(System.getenv("BENCH_KEEP"))) {
            // Keep the server's output and the pgbench scripts; the database and the jar copy are large.
            deleteTree(workDir.resolve("data"));
            Files.deleteIfExists(workDir.resolve("openpaypro-server.jar"));
        }
        return ledgerFailed ? 1 : 0;
    }

    private List<BenchMerchant> createMerchants(String notifyUrl) throws IOException, InterruptedException {
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
    private void seed(Calls.Target target, NotifyReceiver receiver) throws InterruptedException {
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

    private void prepareCeilings(Calls.Target target, Path workDir) throws Exception {
        if (psql == null || layout.problem() != null) {
            notes.add("No database ceiling: " + (psql == null ? "OPENPAYPRO_DB_URL could not be read as"
                    + " jdbc:postgresql://host:port/db" : layout.problem()) + ".");
            return;
        }
        Path scriptDir = Files.createDirectories(workDir.resolve("pgbench"));
        try (Calls calls = new Calls(target)) {
            CeilingCapture ceilings;
            try {
                ceilings = new CeilingCapture(psql, layout, workloads, hotIndex, calls);
            } catch (IOException e) {
                notes.add("Statements not captured (" + e.getMessage() + "): no database ceiling.");
                return;
            }
            for (Scenario scenario : options.scenarios()) {
                if (scenario == Scenario.TRADES_PAGE || scenario == Scenario.HTTP_FLOOR) {
                    continue;
                }
                try {
                    CeilingCapture.Derived result = ceilings.derive(scenario);
                    derived.put(scenario, result);
                    result.notes().forEach(note -> notes.add(scenario.label() + ": " + note));
                    log(scenario.label() + ": " + result.transactions() + " transaction(s), "
                            + result.statements().size() + " statements per request");
                    if (scenario.writes() && result.script() != null) {
                        scripts.put(scenario, Files.writeString(scriptDir.resolve(scenario.label() + ".sql"),
                                result.script()));
                    }
                } catch (IOException e) {
                    notes.add(scenario.label() + ": statements not captured (" + e.getMessage() + ").");
                }
            }
        }
    }

    /**
     * Waits (at most 5 minutes) until the server's submitter has sent every queued payout to the rail, so the
     * backlog a payout scenario left does not load the database during what runs next (issue 15).
     */
    private void drainSubmissions(String next) throws Exception {
        long start = System.nanoTime();
        long open = openSubmissions();
        long backlog = open;
        while (open > 0 && System.nanoTime() - start < Duration.ofMinutes(5).toNanos()) {
            Thread.sleep(200);
            open = openSubmissions();
        }
        if (backlog > 0) {
            String drained = String.format(Locale.ROOT, "%,d payout submissions %s before %s: waited %.1f s",
                    backlog, open > 0 ? "NOT drained (" + open + " still open)" : "drained", next,
                    (System.nanoTime() - start) / 1e9);
            log(drained);
            notes.add(drained + ".");
        }
    }

    /** QUEUED and SENDING submissions: exact from the database, else the server's (5 s old) gauge. */
    private long openSubmissions() throws IOException, InterruptedException {
        return psql == null ? admin.openSubmissions() : Long.parseLong(psql.query("SELECT count(*) FROM"
                + " payout_submission WHERE state IN ('QUEUED', 'SENDING');").trim());
    }

    /** A scenario closed loop, open loop and, for a write scenario, its ceiling; the floor has no ledger or heap. */
    private void runScenario(Scenario scenario, LoadRunner runner, boolean floor) throws Exception {
        LoadRunner.Work work = workloads.work(scenario);
        if (!options.warmup().isZero()) {
            log(scenario.label() + ": warm-up " + options.warmup().toMillis() + " ms");
            runner.closed(options.clients(), options.warmup(), work);
        }
        ReportTable.Row closed = measure(scenario, "closed", 0, runner, work, floor);
        double rate = options.rate() > 0 ? options.rate() : 0.7 * closed.acceptedPerSecond();
        ReportTable.Row open = rate < 1 ? null : measure(scenario, "open @ " + ReportTable.rate(rate) + "/s", rate,
                runner, work, floor);
        if (open == null) {
            notes.add(scenario.label() + ": no open-loop phase (closed-loop throughput was 0).");
        }
        if (!floor) {
            checkLedger(scenario.label());
        }
        double ceiling = Double.NaN;
        if (scripts.containsKey(scenario)) {
            drainSubmissions(scenario.label() + " pgbench ceiling");
            Psql.Ceiling result = psql.pgbench(scripts.get(scenario), options.clients(), options.duration(),
                    layout.variables(hotIndex, MerchantLayout.platform(psql)));
            ceiling = result.tps();
            log(scenario.label() + ": pgbench ceiling " + (Double.isNaN(ceiling) ? "failed" : Math.round(ceiling)
                    + " tps") + (result.problem() == null ? "" : " (" + result.problem() + ")"));
            if (result.problem() != null) {
                notes.add(scenario.label() + ": pgbench: " + result.problem());
            }
            checkLedger(scenario.label() + " pgbench ceiling");
        }
        table.add(closed.withCeiling(ceiling));
        if (open != null) {
            table.add(open);
        }
    }

    /** One phase, closed loop ({@code rate} 0) or open loop, as a row of the table; its errors become notes. */
    private ReportTable.Row measure(Scenario scenario, String loop, double rate, LoadRunner runner,
                                    LoadRunner.Work work, boolean floor) throws InterruptedException {
        LoadRunner.Phase phase = rate > 0 ? runner.open(options.clients(), rate, options.duration(), work)
                : runner.closed(options.clients(), options.duration(), work);
        ProcStats.Usage usage = phase.usage();
        log(String.format(Locale.ROOT, "%s: %s: %d requests in %.1f s, %.0f accepted/s, p50 %.2f ms, p99 %.2f ms,"
                        + " %d errors", scenario.label(), loop, phase.requests(), phase.seconds(),
                phase.acceptedPerSecond(), phase.percentileMillis(50), phase.percentileMillis(99), phase.errors()));
        phase.errorSamples().forEach((error, count) ->
                notes.add(scenario.label() + " (" + phase.mode() + "): " + count + " × " + error));
        return new ReportTable.Row(scenario.label(), loop, phase.clients(), phase.acceptedPerSecond(),
                phase.percentileMillis(50), phase.percentileMillis(99), phase.percentileMillis(99.9), phase.errors(),
                phase.requests(), Double.NaN, usage.serverPercent(), phase.microsPerRequest(usage.serverPercent()),
                usage.postgresPercent(), phase.microsPerRequest(usage.postgresPercent()),
                usage.benchPercent(), usage.machinePercent(), floor ? -1 : admin.heapUsedBytes());
    }

    /** The trades-page scenario (issue 14): its own merchant, a million trades, list and export timings. */
    private void runTradesPage(String notifyUrl) throws IOException, InterruptedException {
        if (psql == null) {
            notes.add("trades-page: skipped, the database could not be reached with psql.");
            return;
        }
        int rows = Integer.parseInt(System.getenv().getOrDefault("BENCH_TRADES_PAGE_ROWS", "1000000").trim());
        BenchMerchant merchant = admin.createMerchant(options.merchants(), notifyUrl);
        admin.fund(merchant, FUNDING);
        tradesPage = new TradesPageScenario(psql, admin, rows).run(merchant);
        checkLedger("trades-page");
    }

    private void checkLedger(String after) throws IOException, InterruptedException {
        JsonNode check = admin.ledgerCheck();
        if (!check.path("ok").asBoolean(false)) {
            ledgerFailed = true;
            notes.add("LEDGER CHECK FAILED after " + after + ": " + check);
            log("LEDGER CHECK FAILED after " + after + ": " + check);
        }
    }

    private void writeReport() throws IOException, InterruptedException {
        String host = firstLine("/etc/hostname", "").trim();
        String name = LocalDate.now() + "-" + (host.isEmpty() ? "localhost" : host);
        String kib = firstLine("/proc/meminfo", "MemTotal:").replaceAll("[^0-9]", "");
        List<String> text = new ArrayList<>(List.of(
                "# OpenPayPro benchmark, " + LocalDate.now() + " on " + (host.isEmpty() ? "localhost" : host), "",
                "- machine: " + Runtime.getRuntime().availableProcessors() + " cores (nproc), " + (kib.isEmpty()
                        ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kib) / 1048576.0))
                        + " memory, " + firstLine("/proc/cpuinfo", "model name").replaceFirst(".*:\\s*", ""),
                "- Java: " + command(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version"),
                "- load average (1/5/15 min) before the run: " + loadBefore + ", after: " + loadAverage()
                        + " (anything above 0 was other processes sharing the cores)",
                "- PostgreSQL: " + (psql == null ? "unknown" : psql.query("SHOW server_version;").trim())
                        + (System.getenv("OPENPAYPRO_DB_URL") == null ? " (embedded)" : " (external)")
                        + "; pgbench: " + command("pgbench", "--version"),
                "- command: `bench/run" + (args.length == 0 ? "" : " " + String.join(" ", args)) + "`",
                String.format(Locale.ROOT, "- settings: %s per phase after a %s warm-up, %d clients, open loop at"
                                + " %s, transport raw, %d merchants, server JVM `%s`", human(options.duration()),
                        human(options.warmup()), options.clients(), options.rate() > 0 ? ReportTable.rate(
                                options.rate()) + " requests/s" : "70 % of the closed-loop throughput",
                        options.merchants(), options.serverJvmOptions()),
                "", table.markdown(),
                "requests/s counts accepted answers (code 0000; for full-flow: callback received). Latency of the"
                        + " open loop counts from the intended send time. Ceiling: pgbench with the statements the"
                        + " gateway executed for one such request, same clients and duration, same database; ratio ="
                        + " requests/s ÷ ceiling. CPU in % of one core (machine: % of all cores); µs/req = that"
                        + " process's CPU time over the phase ÷ requests. http-floor: the server's Jetty/Javalin"
                        + " set-up answering a fixed envelope, no database (its server columns are that process)."));
        if (tradesPage != null) {
            sections.put("Trades page and CSV export (trades-page)", tradesPage);
        }
        if (!derived.isEmpty()) {
            List<String> lines = new ArrayList<>(List.of("| scenario | transactions | statements | ceiling script |",
                    "|---|--:|--:|---|"));
            derived.forEach((scenario, result) -> lines.add("| " + scenario.label() + " | " + result.transactions()
                    + " | " + result.statements().size() + " | " + (scripts.containsKey(scenario)
                    ? "captured in this run" : "–") + " |"));
            lines.addAll(List.of("", "Statements count BEGIN and COMMIT. In order:", ""));
            derived.forEach((scenario, result) -> lines.add("- " + scenario.label() + ": " + result.statements()
                    .stream().map(statement -> "`" + abbreviate(statement.sql()) + "`")
                    .collect(Collectors.joining(" → "))));
            sections.put("SQL per request (captured)", lines);
        }
        if (!notes.isEmpty()) {
            sections.put("Notes", notes.stream().map(note -> "- " + note).toList());
        }
        sections.forEach((title, lines) -> {
            text.addAll(List.of("", "## " + title, ""));
            text.addAll(lines);
        });
        Files.createDirectories(options.outputDir());
        Path report = Files.write(options.outputDir().resolve(name + ".md"), text);
        if (!scripts.isEmpty()) {
            Path scriptCopy = Files.createDirectories(options.outputDir().resolve(name + "-pgbench"));
            for (Path script : scripts.values()) {
                Files.copy(script, scriptCopy.resolve(script.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        System.out.println("\n" + table.markdown());
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

    private static String loadAverage() {
        String[] parts = firstLine("/proc/loadavg", "").split(" ");
        return parts.length < 3 ? "unknown" : parts[0] + " " + parts[1] + " " + parts[2];
    }

    /** The first line of a file that starts with {@code prefix}, or "". */
    private static String firstLine(String file, String prefix) {
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
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    static void log(String message) {
        System.out.println("[bench " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
    }
}
