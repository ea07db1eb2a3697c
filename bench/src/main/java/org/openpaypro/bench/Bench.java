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
 * The load driver (issue 5; docs/PERFORMANCE.md): starts the gateway jar, creates the merchants, captures each
 * request's SQL, runs every scenario closed and open loop with its pgbench ceiling and a ledger check, writes one
 * Markdown report. Exit code 0 when every ledger check passed, 1 when one failed, 2 on a bad flag or setup failure.
 */
public final class Bench {
    private static final String ADMIN_TOKEN = "openpaypro-bench-admin-token";
    private static final String FUNDING = "100000000.00";

    private final Options options;
    private final String[] args;
    private final String loadBefore = loadAverage();
    private final ReportTable table = new ReportTable();
    private final List<String> notes = new ArrayList<>();
    private final Map<Scenario, CeilingCapture.Derived> derived = new EnumMap<>(Scenario.class);
    /** Report sections after the table, title → Markdown lines, in report order. */
    private final Map<String, List<String>> sections = new LinkedHashMap<>();
    private boolean ledgerFailed;
    private Path scriptDir;
    // set once the server runs; psql and layout are null when the database cannot be reached with psql
    private Psql psql;
    private Calls calls; // the main thread's: set-up, samples, operator API
    private MerchantLayout layout;
    private Workloads workloads;

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
        String stamp = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString().replaceAll("[-:]", "");
        Path workDir = options.outputDir().resolve("tmp").resolve(stamp.replace('T', '-')).toAbsolutePath();
        scriptDir = workDir.resolve("pgbench");
        log("work dir " + workDir);
        try (NotifyReceiver receiver = new NotifyReceiver();
             ServerUnderTest server = ServerUnderTest.start(options, workDir, ADMIN_TOKEN)) {
            psql = server.db();
            if (options.ceiling() && psql != null && ServerUnderTest.embedded()
                    && CeilingCapture.needsCollector(psql)) {
                log("restarting the server once so PostgreSQL logs to files (logging_collector = on)");
                server.restart();
                psql = server.db();
            }
            log("server pid " + server.pid() + " on port " + server.httpPort() + ", database "
                    + (psql == null ? "unknown" : psql.host() + ":" + psql.port() + "/" + psql.database()));
            Calls.Target target = new Calls.Target(server.httpPort(), ADMIN_TOKEN, receiver.url());
            calls = new Calls(target, 600_000);
            workloads = new Workloads(createMerchants(), receiver);
            layout = psql == null ? null : MerchantLayout.lookup(psql, workloads.merchants());
            workloads.seed(calls, 200);
            if (options.ceiling()) {
                // the seeded payouts' backlog would delay the samples' own submissions past the capture window
                drainSubmissions("the statement capture");
                prepareCeilings();
            }
            LoadRunner runner = new LoadRunner(target, new ProcStats(server.pid(), server.postmasterPidFile()));
            for (Scenario scenario : options.scenarios()) {
                drainSubmissions(scenario.label());
                if (scenario == Scenario.TRADES_PAGE && psql == null) {
                    notes.add("trades-page: skipped, the database could not be reached with psql.");
                } else if (scenario == Scenario.TRADES_PAGE) {
                    sections.put("Trades page and CSV export (trades-page)", new TradeTables(psql, calls).tradesPage(
                            calls.createMerchant(options.merchants()), FUNDING, Integer.parseInt(System.getenv()
                                    .getOrDefault("BENCH_TRADES_PAGE_ROWS", "1000000").trim())));
                    checkLedger("trades-page");
                } else if (scenario == Scenario.HTTP_FLOOR) {
                    try (ServerUnderTest floor = server.floor()) {
                        runScenario(scenario, new LoadRunner(new Calls.Target(floor.httpPort(), ADMIN_TOKEN,
                                receiver.url()), new ProcStats(floor.pid(), null)));
                    }
                } else {
                    runScenario(scenario, runner);
                }
                if (ledgerFailed) {
                    notes.add("Stopped after " + scenario.label() + ": the ledger check failed.");
                    break;
                }
            }
            if (!ledgerFailed && !options.sweepClients().isEmpty()) {
                sections.put("How cost grows with clients (closed loop)", sweepClients(runner));
            }
            if (!ledgerFailed && !options.sweepTrades().isEmpty() && psql != null) {
                sections.put("How cost grows with the trade table (closed loop, " + options.clients() + " clients)",
                        new TradeTables(psql, calls).sweep(options, workloads, runner));
                checkLedger("the trade-table sweep");
            }
            writeReport();
        }
        // Keep the server's output and the pgbench scripts; the database and the jar copy are large.
        try (Stream<Path> paths = "1".equals(System.getenv("BENCH_KEEP")) ? Stream.empty() : Stream.concat(
                Files.exists(workDir.resolve("data")) ? Files.walk(workDir.resolve("data")) : Stream.empty(),
                Stream.of(workDir.resolve("openpaypro-server.jar")))) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        return ledgerFailed ? 1 : 0;
    }

    private List<BenchMerchant> createMerchants() throws IOException {
        // All created before any is funded: the first adjustment creates the platform ADJUSTMENTS account, which
        // would otherwise sit between two merchants' accounts and break the even spacing MerchantLayout checks.
        List<BenchMerchant> merchants = new ArrayList<>();
        for (int i = 0; i < options.merchants(); i++) {
            merchants.add(calls.createMerchant(i));
        }
        for (BenchMerchant merchant : merchants) {
            calls.fund(merchant, FUNDING);
        }
        log(merchants.size() + " merchants created and funded with " + FUNDING + " each");
        return merchants;
    }

    private void prepareCeilings() throws Exception {
        String problem = psql == null ? "OPENPAYPRO_DB_URL could not be read as jdbc:postgresql://host:port/db"
                : layout.problem();
        CeilingCapture capture = null;
        try {
            capture = problem == null ? new CeilingCapture(psql, layout, workloads, calls) : null;
        } catch (IOException e) {
            problem = "statements not captured (" + e.getMessage() + ")";
        }
        if (capture == null) {
            notes.add("No database ceiling: " + problem + ".");
            return;
        }
        Files.createDirectories(scriptDir);
        for (Scenario scenario : options.scenarios()) {
            if (scenario == Scenario.TRADES_PAGE || scenario == Scenario.HTTP_FLOOR) {
                continue;
            }
            try {
                CeilingCapture.Derived result = capture.derive(scenario);
                derived.put(scenario, result);
                result.notes().forEach(note -> notes.add(scenario.label() + ": " + note));
                log(scenario.label() + ": " + result.transactions() + " transaction(s), "
                        + result.statements().size() + " statements per request");
                if (result.script() != null) {
                    Files.writeString(scriptDir.resolve(scenario.label() + ".sql"), result.script());
                }
            } catch (IOException e) {
                notes.add(scenario.label() + ": statements not captured (" + e.getMessage() + ").");
            }
        }
    }

    /**
     * Waits (at most 5 minutes) until the server's submitter has sent every queued payout to the rail, so the
     * backlog a payout scenario left does not load the database during what runs next (issue 15). Open submissions
     * (QUEUED, SENDING) are counted in the database, else read from the server's (5 s old) gauge.
     */
    private void drainSubmissions(String next) throws Exception {
        long start = System.nanoTime();
        long backlog = openSubmissions();
        long open = backlog;
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

    private long openSubmissions() throws IOException, InterruptedException {
        return psql == null ? calls.openSubmissions() : Long.parseLong(psql.query("SELECT count(*) FROM"
                + " payout_submission WHERE state IN ('QUEUED', 'SENDING');").trim());
    }

    /** A scenario closed loop, open loop and, for a write scenario, its ceiling; the floor has no ledger or heap. */
    private void runScenario(Scenario scenario, LoadRunner runner) throws Exception {
        LoadRunner.Work work = workloads.work(scenario);
        if (!options.warmup().isZero()) {
            log(scenario.label() + ": warm-up " + options.warmup().toMillis() + " ms");
            runner.run(options.clients(), options.warmup(), 0, work);
        }
        ReportTable.Row closed = measure(scenario, "closed", 0, runner, work);
        double rate = options.rate() > 0 ? options.rate() : 0.7 * closed.phase().acceptedPerSecond();
        ReportTable.Row open = rate < 1 ? null : measure(scenario, "open @ " + ReportTable.rate(rate) + "/s", rate,
                runner, work);
        if (open == null) {
            notes.add(scenario.label() + ": no open-loop phase (closed-loop throughput was 0).");
        }
        if (scenario != Scenario.HTTP_FLOOR) {
            checkLedger(scenario.label());
        }
        double ceiling = Double.NaN;
        if (derived.containsKey(scenario) && derived.get(scenario).script() != null) {
            drainSubmissions(scenario.label() + " pgbench ceiling");
            Psql.Ceiling result = psql.pgbench(scriptDir.resolve(scenario.label() + ".sql"), options.clients(),
                    options.duration(), layout.variables(workloads.hotIndex(), MerchantLayout.platform(psql)));
            ceiling = result.tps();
            log(scenario.label() + ": pgbench ceiling " + (Double.isNaN(ceiling) ? "failed" : Math.round(ceiling)
                    + " tps") + (result.problem() == null ? "" : " (" + result.problem() + ")"));
            if (result.problem() != null) {
                notes.add(scenario.label() + ": pgbench: " + result.problem());
            }
            checkLedger(scenario.label() + " pgbench ceiling");
        }
        table.add(new ReportTable.Row(closed.scenario(), closed.loop(), closed.phase(), ceiling, closed.heapBytes()));
        if (open != null) {
            table.add(open);
        }
    }

    /** One phase, closed loop ({@code rate} 0) or open loop, as a row of the table; its errors become notes. */
    private ReportTable.Row measure(Scenario scenario, String loop, double rate, LoadRunner runner,
                                    LoadRunner.Work work) throws InterruptedException {
        LoadRunner.Phase phase = runner.run(options.clients(), options.duration(), rate, work);
        log(String.format(Locale.ROOT, "%s: %s: %d requests in %.1f s, %.0f accepted/s, p50 %.2f ms, p99 %.2f ms,"
                        + " %d errors", scenario.label(), loop, phase.requests(), phase.seconds(),
                phase.acceptedPerSecond(), phase.percentileMillis(50), phase.percentileMillis(99), phase.errors()));
        phase.errorSamples().forEach((error, count) ->
                notes.add(scenario.label() + " (" + phase.mode() + "): " + count + " × " + error));
        return new ReportTable.Row(scenario.label(), loop, phase, Double.NaN,
                scenario == Scenario.HTTP_FLOOR ? -1 : calls.heapUsedBytes());
    }

    /** payin-create and query-payin closed loop at each client count of {@code --sweep-clients} (issue 15). */
    private List<String> sweepClients(LoadRunner runner) throws InterruptedException {
        List<String> lines = new ArrayList<>(List.of("| scenario | clients | requests/s | p50 ms | p99 ms | errors"
                + " | server µs/req |", "|---|--:|--:|--:|--:|--:|--:|"));
        for (Scenario scenario : List.of(Scenario.PAYIN_CREATE, Scenario.QUERY_PAYIN)) {
            LoadRunner.Work work = workloads.work(scenario);
            runner.run(options.clients(), options.warmup(), 0, work);
            for (long clients : options.sweepClients()) {
                LoadRunner.Phase phase = runner.run((int) clients, options.duration(), 0, work);
                lines.add(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %d | %s |", scenario.label(), clients,
                        ReportTable.rate(phase.acceptedPerSecond()), ReportTable.millis(phase.percentileMillis(50)),
                        ReportTable.millis(phase.percentileMillis(99)), phase.errors(),
                        ReportTable.percent(phase.microsPerRequest(phase.usage().serverPercent()))));
                log("sweep: " + lines.get(lines.size() - 1));
            }
        }
        return lines;
    }

    private void checkLedger(String after) throws IOException, InterruptedException {
        JsonNode check = calls.operator("GET", "/admin/v1/ledger/check", null, 200);
        if (!check.path("ok").asBoolean(false)) {
            ledgerFailed = true;
            notes.add("LEDGER CHECK FAILED after " + after + ": " + check);
            log("LEDGER CHECK FAILED after " + after + ": " + check);
        }
    }

    private void writeReport() throws IOException, InterruptedException {
        String host = firstLine("/etc/hostname", "").trim().replaceFirst("^$", "localhost");
        String name = LocalDate.now() + "-" + host;
        String kib = firstLine("/proc/meminfo", "MemTotal:").replaceAll("[^0-9]", "");
        List<String> text = new ArrayList<>(List.of("# OpenPayPro benchmark, " + LocalDate.now() + " on " + host, "",
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
        if (!derived.isEmpty()) {
            List<String> lines = new ArrayList<>(List.of("| scenario | transactions | statements | ceiling script |",
                    "|---|--:|--:|---|"));
            derived.forEach((scenario, result) -> lines.add("| " + scenario.label() + " | " + result.transactions()
                    + " | " + result.statements().size() + " | " + (result.script() != null ? "captured in this run"
                    : "–") + " |"));
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
        Path report = Files.write(Files.createDirectories(options.outputDir()).resolve(name + ".md"), text);
        for (Scenario scenario : derived.keySet()) {
            Path script = scriptDir.resolve(scenario.label() + ".sql");
            if (Files.exists(script)) {
                Files.copy(script, Files.createDirectories(options.outputDir().resolve(name + "-pgbench"))
                        .resolve(script.getFileName()), StandardCopyOption.REPLACE_EXISTING);
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

    static void log(String message) {
        System.out.println("[bench " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
    }
}
