package org.openpaypro.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The scenarios on a large trade table, bulk-loaded in SQL by one loader (consistent with the ledger check): the
 * trade-table sweep (issue 15) and trades-page (issue 14: a million trades of one merchant, each filter of the list
 * one request at a time, the CSV export streamed). Each answers Markdown lines for the report. One run at a time.
 */
record TradeTables(Psql psql, Calls calls) {
    /** Trades-page requests per filter after the warm-up; enough for a p99 from the top 1 %. */
    static final int SAMPLES = 400;
    static final int WARMUP = 40;

    /** Bulk-loads the trades up to each size of {@code --sweep-trades}, then runs the three reads at that size. */
    List<String> sweep(Options options, Workloads workloads, LoadRunner runner)
            throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>(List.of("| bulk-loaded trades | rows in trade | load s | query-payin"
                + " p99 ms (req/s) | balance p99 ms (req/s) | trade list p99 ms (req/s) |",
                "|--:|--:|--:|--:|--:|--:|"));
        long loaded = 0;
        long largest = options.sweepTrades().get(options.sweepTrades().size() - 1);
        for (long size : options.sweepTrades()) {
            long start = System.nanoTime();
            load("true", "bl", "bulk-", loaded + 1, size, largest, false);
            loaded = size;
            String rows = psql.query("SELECT reltuples::bigint FROM pg_class WHERE relname = 'trade';").trim();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %,d | %s | %.1f |", size, rows,
                    (System.nanoTime() - start) / 1e9));
            for (LoadRunner.Work work : List.of(workloads.work(Scenario.QUERY_PAYIN),
                    workloads.work(Scenario.BALANCE), workloads.tradeList())) {
                // the first size gets the whole warm-up (the JIT may not have seen these reads yet), later ones 1 s
                Duration warmup = size == options.sweepTrades().get(0) ? options.warmup()
                        : Duration.ofMillis(Math.min(1000, options.warmup().toMillis()));
                runner.run(options.clients(), warmup, 0, work);
                LoadRunner.Phase phase = runner.run(options.clients(), options.duration(), 0, work);
                line.append(' ').append(ReportTable.millis(phase.percentileMillis(99))).append(" (")
                        .append(ReportTable.rate(phase.acceptedPerSecond())).append(phase.errors() == 0 ? ")"
                                : ", " + phase.errors() + " errors)").append(" |");
            }
            lines.add(line.toString());
            Bench.log("sweep: " + line);
        }
        return lines;
    }

    /** Funds {@code merchant}, loads its {@code rows} trades, times each filter of the trade list, then the export. */
    List<String> tradesPage(BenchMerchant merchant, String funding, int rows) throws IOException, InterruptedException {
        calls.fund(merchant, funding);
        long loadStart = System.nanoTime();
        load("merchant_no = '" + merchant.merchantNo() + "'", "bt", "bench-", 1, rows, rows, true);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        Bench.log("trades-page: " + rows + " trades loaded in " + Math.round(loadSeconds) + " s");
        List<String> lines = new ArrayList<>(List.of(String.format(Locale.ROOT, "One merchant with %,d trades (loaded"
                + " in SQL in %.0f s: 70 %% failed pay-ins, 20 %% processing pay-ins, 10 %% failed payouts, created"
                + " over the last 90 days), plus the trades the bench seeded. Each filter asked %d times one after"
                + " another after %d unrecorded; `GET /admin/v1/trades` (the same `TradeSearch` the console and portal"
                + " pages call).", rows, loadSeconds, SAMPLES, WARMUP), "",
                "| filter | rows on page | p50 ms | p99 ms | max ms |", "|---|--:|--:|--:|--:|"));
        String base = "/admin/v1/trades?merchantNo=" + merchant.merchantNo();
        String[] sample = psql.rows("SELECT t.trade_no, t.platform_trade_no FROM trade t JOIN merchant m ON m.id ="
                + " t.merchant_id WHERE m.merchant_no = '" + merchant.merchantNo() + "' ORDER BY t.id LIMIT 1 OFFSET "
                + rows / 2 + ";").get(0);
        String cursor = null; // after 200 pages of 50, found by paging (the deep page reached as a person would)
        for (int page = 0; page < 200; page++) {
            cursor = Calls.field(calls.operator("GET", base + (cursor == null ? "" : "&after=" + encode(cursor)),
                    null).body(), "next");
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> queries = List.of("none (first page)", base,
                "none, page 201 (after 10,000 rows)", base + "&after=" + encode(cursor),
                "status 00029 (failed, 80 %)", base + "&status=00029",
                "status 0015 (processing, 20 %)", base + "&status=0015",
                "status 0000 (none for this merchant)", base + "&status=0000",
                "direction PAYOUT (10 %)", base + "&direction=PAYOUT",
                "direction PAYOUT + status 0015 (none)", base + "&direction=PAYOUT&status=0015",
                "created 7 days a month ago", base + "&from=" + today.minusDays(37) + "&to=" + today.minusDays(30),
                "tradeNo", base + "&tradeNo=" + encode(sample[0]),
                "platFormTradeNo", base + "&platFormTradeNo=" + sample[1],
                "all merchants, first page", "/admin/v1/trades",
                "all merchants, status 0015", "/admin/v1/trades?status=0015");
        for (int i = 0; i < queries.size(); i += 2) {
            lines.add(timed(queries.get(i), queries.get(i + 1)));
        }
        lines.addAll(List.of("", export(merchant.merchantNo())));
        return lines;
    }

    private String timed(String label, String path) throws IOException, InterruptedException {
        int pageRows = 0;
        for (int i = 0; i < WARMUP; i++) {
            pageRows = calls.operator("GET", path, null).body().split("\"platFormTradeNo\"", -1).length - 1;
        }
        double[] millis = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            RawHttpConnection.Response answer = calls.operator("GET", path, null);
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (answer.status() != 200) {
                throw new IOException(path + " answered " + answer.status() + ": " + answer.body());
            }
        }
        Arrays.sort(millis);
        String line = String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f |", label, pageRows,
                millis[SAMPLES / 2 - 1], millis[SAMPLES * 99 / 100 - 1], millis[SAMPLES - 1]);
        Bench.log("trades-page: " + line);
        return line;
    }

    private String export(String merchantNo) throws IOException, InterruptedException {
        long heapBefore = calls.heapUsedBytes();
        long start = System.nanoTime();
        HttpResponse<InputStream> answer = calls.stream("/admin/v1/trades.csv?merchantNo=" + merchantNo);
        long newlines = 0;
        long bytes = 0;
        long firstByteNanos = 0;
        byte[] buffer = new byte[256 * 1024];
        try (InputStream in = answer.body()) {
            for (int read; (read = in.read(buffer)) > 0; bytes += read) {
                firstByteNanos = firstByteNanos == 0 ? System.nanoTime() - start : firstByteNanos;
                for (int i = 0; i < read; i++) {
                    newlines += buffer[i] == '\n' ? 1 : 0;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long dataRows = newlines - 1;
        String line = String.format(Locale.ROOT, "CSV export of the merchant (`GET /admin/v1/trades.csv`): %,d rows, "
                        + "%.1f MB in %.1f s = **%,.0f rows/s**, first byte after %.0f ms; server heap used %d MB "
                        + "before, %d MB after (HTTP %d).", dataRows, bytes / 1e6, seconds, dataRows / seconds,
                firstByteNanos / 1e6, heapBefore >> 20, calls.heapUsedBytes() >> 20, answer.statusCode());
        Bench.log("trades-page: " + line);
        return line;
    }

    /**
     * Trades {@code first..last} of {@code total} for the merchants matching {@code merchants} (SQL on table merchant),
     * spread evenly over them, numbered {@code <prefix><14 digits>} and {@code <tradeNoPrefix>N}, growing as a live
     * gateway's would, created over the last 90 days in order (the last of {@code total} now). Not {@code mixed}: all
     * processing pay-ins (no journal, no notification). {@code mixed}: 70 % failed pay-ins, 20 % processing pay-ins,
     * 10 % failed payouts; the finished ones get their one notification (the ledger check wants one per finished
     * trade), the payouts their freeze and release journals (net zero). One psql run per batch, well inside its time
     * limit on a busy machine.
     */
    private void load(String merchants, String prefix, String tradeNoPrefix, long first, long last, long total,
                      boolean mixed) throws IOException, InterruptedException {
        long batchSize = mixed ? 50_000 : 500_000;
        for (long from = first; from <= last; from += batchSize) {
            long to = Math.min(last, from + batchSize - 1);
            String batch = String.format("t.platform_trade_no BETWEEN '%1$s' || lpad('%2$d', 14, '0') AND '%1$s' ||"
                    + " lpad('%3$d', 14, '0')", prefix, from, to);
            psql.query("""
                    SET synchronous_commit = off;
                    WITH m AS (SELECT array_agg(id ORDER BY id) AS ids, count(*) AS n FROM merchant WHERE %1$s)
                    INSERT INTO trade (platform_trade_no, merchant_id, trade_no, direction, country, currency,
                        amount, amount_text, fee, status, message, notify_url, channel, created_at, finished_at)
                    SELECT '%2$s' || lpad(g::text, 14, '0'), m.ids[1 + g %% m.n], '%3$s' || g, CASE WHEN %7$s
                        AND g %% 10 = 0 THEN 'PAYOUT' ELSE 'PAYIN' END, 'BR', 'BRL', 100000 + (g %% 9000) * 100,
                        (10 + g %% 9000 / 100.0)::numeric(12, 2)::text, 0, CASE WHEN s.failed THEN '00029' ELSE
                        '0015' END, CASE WHEN s.failed THEN 'FAILED' ELSE 'PROCESSING' END, 'http://127.0.0.1:9/notify',
                        'simulator', s.created, CASE WHEN s.failed THEN s.created END
                    FROM m, generate_series(%4$d::bigint, %5$d::bigint) g, LATERAL (SELECT now() - interval '90 days'
                        * (1 - g::float8 / %6$d) AS created, %7$s AND g %% 10 NOT IN (1, 2) AS failed) s;
                    """.formatted(merchants, prefix, tradeNoPrefix, from, to, total, mixed) + (!mixed ? "" : """
                    INSERT INTO notification (trade_id, status, attempts, created_at, finished_at)
                    SELECT t.id, 'DELIVERED', 1, t.finished_at, t.finished_at FROM trade t
                    WHERE %1$s AND t.status <> '0015';
                    INSERT INTO journal (kind, trade_id, merchant_id, created_at)
                    SELECT k.kind, t.id, t.merchant_id, t.created_at
                    FROM trade t, (VALUES ('PAYOUT_FREEZE'), ('PAYOUT_FAILURE')) k (kind)
                    WHERE %1$s AND t.direction = 'PAYOUT';
                    INSERT INTO posting (journal_id, account_id, amount)
                    SELECT j.id, a.id, CASE WHEN (a.kind = 'AVAILABLE') = (j.kind = 'PAYOUT_FREEZE') THEN -t.amount
                        ELSE t.amount END FROM trade t JOIN journal j ON j.trade_id = t.id
                        JOIN account a ON a.merchant_id = t.merchant_id AND a.kind IN ('AVAILABLE', 'FROZEN')
                    WHERE %1$s;
                    """.formatted(batch)));
            Bench.log("loaded " + to + " of " + last + " trades");
        }
        // as a table that grew over months would be: vacuumed (hint bits and visibility map set) and checkpointed, so
        // the measurement neither pays the first reads of freshly loaded rows nor runs next to the autovacuum the
        // bulk load triggers
        psql.query((mixed ? "VACUUM (ANALYZE) trade, notification, journal, posting;" : "VACUUM (ANALYZE) trade;")
                + " CHECKPOINT;");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
