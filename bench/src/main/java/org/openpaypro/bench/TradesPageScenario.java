package org.openpaypro.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The trades-page scenario (issue 14): one merchant holding {@code rows} trades (default 1,000,000, loaded in SQL
 * straight into the gateway's database, consistent with the ledger check), then the trade list with each filter
 * the pages offer, asked one request at a time (a person paging), and the CSV export of all of them streamed and
 * counted. Answers Markdown lines for the report. Not thread-safe (one run).
 */
final class TradesPageScenario {
    /** Requests per query kind after the warm-up; enough for a p99 from the top 1 %. */
    static final int SAMPLES = 400;
    static final int WARMUP = 40;
    static final int LOAD_BATCH = 50_000;

    private final Psql psql;
    private final AdminApi admin;
    private final int rows;
    private final List<String> lines = new ArrayList<>();

    TradesPageScenario(Psql psql, AdminApi admin, int rows) {
        this.psql = psql;
        this.admin = admin;
        this.rows = rows;
    }

    /** Loads the trades, measures, and returns the report section. */
    List<String> run(BenchMerchant merchant) throws IOException, InterruptedException {
        long loadStart = System.nanoTime();
        load(merchant.merchantNo());
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        Bench.log("trades-page: " + rows + " trades loaded in " + Math.round(loadSeconds) + " s");
        lines.add(String.format(Locale.ROOT, "One merchant with %,d trades (loaded in SQL in %.0f s: 70 %% failed "
                + "pay-ins, 20 %% processing pay-ins, 10 %% failed payouts, created over the last 90 days), plus the "
                + "trades the bench seeded. Each filter asked %d times one after another after %d unrecorded; "
                + "`GET /admin/v1/trades` (the same `TradeSearch` the console and portal pages call).", rows,
                loadSeconds, SAMPLES, WARMUP));
        lines.add("");
        lines.add("| filter | rows on page | p50 ms | p99 ms | max ms |");
        lines.add("|---|--:|--:|--:|--:|");
        for (Map.Entry<String, String> query : queries(merchant.merchantNo()).entrySet()) {
            measure(query.getKey(), query.getValue());
        }
        export(merchant.merchantNo());
        return lines;
    }

    private Map<String, String> queries(String merchantNo) throws IOException, InterruptedException {
        String base = "/admin/v1/trades?merchantNo=" + merchantNo;
        String[] sample = psql.rows("SELECT t.trade_no, t.platform_trade_no FROM trade t JOIN merchant m ON "
                + "m.id = t.merchant_id WHERE m.merchant_no = '" + merchantNo + "' ORDER BY t.id LIMIT 1 OFFSET "
                + rows / 2 + ";").get(0);
        String deepCursor = deepCursor(base);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("none (first page)", base);
        queries.put("none, page 201 (after 10,000 rows)", base + "&after=" + encode(deepCursor));
        queries.put("status 00029 (failed, 80 %)", base + "&status=00029");
        queries.put("status 0015 (processing, 20 %)", base + "&status=0015");
        queries.put("status 0000 (none for this merchant)", base + "&status=0000");
        queries.put("direction PAYOUT (10 %)", base + "&direction=PAYOUT");
        queries.put("direction PAYOUT + status 0015 (none)", base + "&direction=PAYOUT&status=0015");
        queries.put("created 7 days a month ago", base + "&from=" + today.minusDays(37) + "&to=" + today.minusDays(30));
        queries.put("tradeNo", base + "&tradeNo=" + encode(sample[0]));
        queries.put("platFormTradeNo", base + "&platFormTradeNo=" + sample[1]);
        queries.put("all merchants, first page", "/admin/v1/trades");
        queries.put("all merchants, status 0015", "/admin/v1/trades?status=0015");
        return queries;
    }

    /** The cursor after 200 pages of 50, found by paging (so the deep page is reached the way a person would). */
    private String deepCursor(String base) throws IOException, InterruptedException {
        String cursor = null;
        for (int page = 0; page < 200; page++) {
            String body = get(base + (cursor == null ? "" : "&after=" + encode(cursor))).body();
            cursor = Calls.field(body, "next");
        }
        return cursor;
    }

    private void measure(String label, String path) throws IOException, InterruptedException {
        int pageRows = 0;
        for (int i = 0; i < WARMUP; i++) {
            pageRows = count(get(path).body());
        }
        double[] millis = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = get(path);
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (answer.statusCode() != 200) {
                throw new IOException(path + " answered " + answer.statusCode() + ": " + answer.body());
            }
        }
        Arrays.sort(millis);
        String line = String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f |", label, pageRows,
                percentile(millis, 50), percentile(millis, 99), millis[SAMPLES - 1]);
        Bench.log("trades-page: " + line);
        lines.add(line);
    }

    private void export(String merchantNo) throws IOException, InterruptedException {
        long heapBefore = admin.heapUsedBytes();
        long start = System.nanoTime();
        HttpResponse<InputStream> answer = admin.get("/admin/v1/trades.csv?merchantNo=" + merchantNo,
                HttpResponse.BodyHandlers.ofInputStream());
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
        long heapAfter = admin.heapUsedBytes();
        long dataRows = newlines - 1;
        String line = String.format(Locale.ROOT, "CSV export of the merchant (`GET /admin/v1/trades.csv`): %,d rows, "
                        + "%.1f MB in %.1f s = **%,.0f rows/s**, first byte after %.0f ms; server heap used %d MB "
                        + "before, %d MB after (HTTP %d).", dataRows, bytes / 1e6, seconds, dataRows / seconds,
                firstByteNanos / 1e6, heapBefore >> 20, heapAfter >> 20, answer.statusCode());
        Bench.log("trades-page: " + line);
        lines.add("");
        lines.add(line);
    }

    /**
     * Inserts the trades in batches of {@link #LOAD_BATCH} (one psql run each, well inside its time limit on a busy
     * machine), one statement per table: failed pay-ins and payouts get their one notification (the ledger check
     * wants one per finished trade), failed payouts their freeze and release journals (net zero).
     */
    private void load(String merchantNo) throws IOException, InterruptedException {
        String merchant = "(SELECT id FROM merchant WHERE merchant_no = '" + merchantNo + "')";
        for (int first = 1; first <= rows; first += LOAD_BATCH) {
            int last = Math.min(rows, first + LOAD_BATCH - 1);
            String batch = "t.merchant_id = " + merchant + " AND t.platform_trade_no BETWEEN 'bt' || lpad('" + first
                    + "', 14, '0') AND 'bt' || lpad('" + last + "', 14, '0')";
            psql.query("""
                    SET synchronous_commit = off;
                    INSERT INTO trade (platform_trade_no, merchant_id, trade_no, direction, country, currency, amount,
                                       amount_text, fee, status, message, notify_url, channel, created_at,
                                       finished_at)
                    SELECT 'bt' || lpad(g::text, 14, '0'), %1$s, 'bench-' || g,
                           CASE WHEN g %% 10 = 0 THEN 'PAYOUT' ELSE 'PAYIN' END, 'BR', 'BRL',
                           100000 + (g %% 9000) * 100, (10 + g %% 9000 / 100.0)::numeric(12, 2)::text, 0,
                           CASE WHEN g %% 10 IN (1, 2) THEN '0015' ELSE '00029' END,
                           CASE WHEN g %% 10 IN (1, 2) THEN 'PROCESSING' ELSE 'FAILED' END,
                           'http://127.0.0.1:9/notify', 'simulator', c,
                           CASE WHEN g %% 10 IN (1, 2) THEN NULL ELSE c END
                    FROM generate_series(%3$d, %4$d) g,
                         LATERAL (SELECT now() - interval '90 days' * (%2$d - g) / %2$d AS c) created;
                    INSERT INTO notification (trade_id, status, attempts, created_at, finished_at)
                    SELECT t.id, 'DELIVERED', 1, t.finished_at, t.finished_at FROM trade t
                    WHERE %5$s AND t.status <> '0015';
                    INSERT INTO journal (kind, trade_id, merchant_id, created_at)
                    SELECT k.kind, t.id, t.merchant_id, t.created_at FROM trade t,
                           (VALUES ('PAYOUT_FREEZE'), ('PAYOUT_FAILURE')) k (kind)
                    WHERE %5$s AND t.direction = 'PAYOUT';
                    INSERT INTO posting (journal_id, account_id, amount)
                    SELECT j.id, a.id, CASE WHEN (a.kind = 'AVAILABLE') = (j.kind = 'PAYOUT_FREEZE') THEN -t.amount
                                            ELSE t.amount END
                    FROM trade t JOIN journal j ON j.trade_id = t.id
                         JOIN account a ON a.merchant_id = t.merchant_id AND a.kind IN ('AVAILABLE', 'FROZEN')
                    WHERE %5$s;
                    """.formatted(merchant, rows, first, last, batch));
            Bench.log("trades-page: loaded " + last + " of " + rows);
        }
        psql.query("ANALYZE trade; ANALYZE notification; ANALYZE journal; ANALYZE posting;");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return admin.get(path, HttpResponse.BodyHandlers.ofString());
    }

    private static int count(String body) {
        int count = 0;
        for (int at = body.indexOf("\"platFormTradeNo\""); at >= 0; at = body.indexOf("\"platFormTradeNo\"", at + 1)) {
            count++;
        }
        return count;
    }

    private static double percentile(double[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
