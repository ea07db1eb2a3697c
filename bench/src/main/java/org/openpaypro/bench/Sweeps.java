package org.openpaypro.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How cost grows (issue 15), closed loop after the scenarios: payin-create and query-payin at each client count of
 * {@code --sweep-clients}; query-payin, balance and a merchant's trade list (first page of {@code GET
 * /admin/v1/trades}) with each size of {@code --sweep-trades} bulk-loaded into the trade table. Answers Markdown
 * lines for the report. Not thread-safe (one run).
 */
final class Sweeps {
    /** Rows per psql run of the bulk load: well inside psql's time limit on a busy machine. */
    private static final long LOAD_BATCH = 500_000;

    private final Options options;
    private final Workloads workloads;
    private final LoadRunner runner;

    Sweeps(Options options, Workloads workloads, LoadRunner runner) {
        this.options = options;
        this.workloads = workloads;
        this.runner = runner;
    }

    List<String> clients() throws InterruptedException {
        List<String> lines = new ArrayList<>(List.of("| scenario | clients | requests/s | p50 ms | p99 ms | errors"
                + " | server µs/req |", "|---|--:|--:|--:|--:|--:|--:|"));
        for (Scenario scenario : List.of(Scenario.PAYIN_CREATE, Scenario.QUERY_PAYIN)) {
            LoadRunner.Work work = workloads.work(scenario);
            runner.closed(options.clients(), options.warmup(), work);
            for (long clients : options.sweepClients()) {
                LoadRunner.Phase phase = runner.closed((int) clients, options.duration(), work);
                lines.add(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %d | %s |", scenario.label(), clients,
                        ReportTable.rate(phase.acceptedPerSecond()), ReportTable.millis(phase.percentileMillis(50)),
                        ReportTable.millis(phase.percentileMillis(99)), phase.errors(),
                        ReportTable.percent(phase.microsPerRequest(phase.usage().serverPercent()))));
                Bench.log("sweep: " + lines.get(lines.size() - 1));
            }
        }
        return lines;
    }

    List<String> trades(Psql psql) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>(List.of("| bulk-loaded trades | rows in trade | load s | query-payin"
                + " p99 ms (req/s) | balance p99 ms (req/s) | trade list p99 ms (req/s) |",
                "|--:|--:|--:|--:|--:|--:|"));
        long loaded = 0;
        long largest = options.sweepTrades().get(options.sweepTrades().size() - 1);
        for (long size : options.sweepTrades()) {
            long start = System.nanoTime();
            for (long from = loaded + 1; from <= size; from += LOAD_BATCH) {
                load(psql, from, Math.min(size, from + LOAD_BATCH - 1), largest);
                Bench.log("sweep: loaded " + Math.min(size, from + LOAD_BATCH - 1) + " of " + size + " trades");
            }
            psql.query("ANALYZE trade;");
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            loaded = size;
            String rows = psql.query("SELECT reltuples::bigint FROM pg_class WHERE relname = 'trade';").trim();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %,d | %s | %.1f |", size, rows,
                    loadSeconds));
            for (LoadRunner.Work work : List.of(workloads.work(Scenario.QUERY_PAYIN),
                    workloads.work(Scenario.BALANCE), workloads.tradeList())) {
                runner.closed(options.clients(), Duration.ofMillis(Math.min(1000, options.warmup().toMillis())), work);
                LoadRunner.Phase phase = runner.closed(options.clients(), options.duration(), work);
                line.append(' ').append(ReportTable.millis(phase.percentileMillis(99))).append(" (")
                        .append(ReportTable.rate(phase.acceptedPerSecond())).append(phase.errors() == 0 ? ")"
                                : ", " + phase.errors() + " errors)").append(" |");
            }
            lines.add(line.toString());
            Bench.log("sweep: " + line);
        }
        return lines;
    }

    /**
     * Trades {@code first..last} in one statement: processing pay-ins (no journal, no notification, so the ledger
     * check stays green) spread over every merchant, created over the last 90 days in order of their number (the
     * largest size ends now), unique numbers that grow, as a live gateway's would.
     */
    private static void load(Psql psql, long first, long last, long largest) throws IOException, InterruptedException {
        psql.query("""
                SET synchronous_commit = off;
                WITH m AS (SELECT array_agg(id ORDER BY id) AS ids, count(*) AS n FROM merchant)
                INSERT INTO trade (platform_trade_no, merchant_id, trade_no, direction, country, currency, amount,
                                   amount_text, fee, status, message, notify_url, channel, created_at)
                SELECT 'bl' || lpad(g::text, 14, '0'), m.ids[1 + g %% m.n], 'bulk-' || g, 'PAYIN', 'BR', 'BRL',
                       100000 + (g %% 9000) * 100, (10 + g %% 9000 / 100.0)::numeric(12, 2)::text, 0, '0015',
                       'PROCESSING', 'http://127.0.0.1:9/notify', 'simulator',
                       now() - interval '90 days' * (1 - g::float8 / %3$d)
                FROM m, generate_series(%1$d::bigint, %2$d::bigint) g;
                """.formatted(first, last, largest));
    }
}
