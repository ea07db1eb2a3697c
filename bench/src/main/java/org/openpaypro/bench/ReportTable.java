package org.openpaypro.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one Markdown table of a run: a row per scenario phase. CPU is in percent of one core (this machine has
 * {@code nproc} of them; the machine column is percent of all cores). Mutable; not thread-safe.
 */
final class ReportTable {
    /** One measured phase; its ceiling (NaN: none) and heap (negative: not measured) print as "–" when unknown. */
    record Row(String scenario, String loop, LoadRunner.Phase phase, double ceilingTps, long heapBytes) {
    }

    static final String HEADER = "| scenario | loop | clients | requests/s | p50 ms | p99 ms | p99.9 ms | errors"
            + " | ceiling tps | ratio | server CPU % | server µs/req | PostgreSQL CPU % | PostgreSQL µs/req"
            + " | driver CPU % | machine CPU % | heap MB |";
    static final String SEPARATOR = "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|";

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    String markdown() {
        StringBuilder table = new StringBuilder(HEADER).append('\n').append(SEPARATOR).append('\n');
        for (Row row : rows) {
            LoadRunner.Phase phase = row.phase();
            ProcStats.Usage usage = phase.usage();
            double ratio = row.ceilingTps() > 0 ? phase.acceptedPerSecond() / row.ceilingTps() : Double.NaN;
            List<String> cells = List.of(row.scenario(), row.loop(), Integer.toString(phase.clients()),
                    rate(phase.acceptedPerSecond()), millis(phase.percentileMillis(50)),
                    millis(phase.percentileMillis(99)), millis(phase.percentileMillis(99.9)),
                    phase.errors() == 0 ? "0" : phase.errors() + " of " + phase.requests(), rate(row.ceilingTps()),
                    Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.0f %%", 100 * ratio),
                    percent(usage.serverPercent()), percent(phase.microsPerRequest(usage.serverPercent())),
                    percent(usage.postgresPercent()), percent(phase.microsPerRequest(usage.postgresPercent())),
                    percent(usage.benchPercent()), percent(usage.machinePercent()),
                    row.heapBytes() < 0 ? "–" : Long.toString(row.heapBytes() / (1024 * 1024)));
            table.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return table.toString();
    }

    static String rate(double perSecond) {
        return Double.isNaN(perSecond) || perSecond < 0 ? "–"
                : String.format(Locale.ROOT, perSecond >= 100 ? "%,.0f" : "%.1f", perSecond);
    }

    static String millis(double millis) {
        return Double.isNaN(millis) || millis < 0 ? "–"
                : String.format(Locale.ROOT, millis >= 100 ? "%,.0f" : millis >= 10 ? "%.1f" : "%.2f", millis);
    }

    static String percent(double percent) {
        return Double.isNaN(percent) || percent < 0 ? "–" : String.format(Locale.ROOT, "%.0f", percent);
    }
}
