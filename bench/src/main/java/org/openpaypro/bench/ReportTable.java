package org.openpaypro.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one Markdown table of a run: a row per scenario phase. CPU is in percent of one core (this machine has
 * {@code nproc} of them; the machine column is percent of all cores). Mutable; not thread-safe.
 */
final class ReportTable {
    /** One measured phase. NaN or negative numbers print as "–" (not measured). */
    record Row(String scenario, String loop, int clients, double acceptedPerSecond, double p50Millis,
               double p99Millis, double p999Millis, long errors, long requests, double ceilingTps,
               double serverCpu, double serverMicros, double postgresCpu, double postgresMicros, double driverCpu,
               double machineCpu, long heapBytes) {
        Row withCeiling(double tps) {
            return new Row(scenario, loop, clients, acceptedPerSecond, p50Millis, p99Millis, p999Millis, errors,
                    requests, tps, serverCpu, serverMicros, postgresCpu, postgresMicros, driverCpu, machineCpu,
                    heapBytes);
        }

        double ratio() {
            return ceilingTps > 0 && !Double.isNaN(ceilingTps) ? acceptedPerSecond / ceilingTps : Double.NaN;
        }
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
            List<String> cells = List.of(row.scenario(), row.loop(), Integer.toString(row.clients()),
                    rate(row.acceptedPerSecond()), millis(row.p50Millis()), millis(row.p99Millis()),
                    millis(row.p999Millis()), row.errors() == 0 ? "0" : row.errors() + " of " + row.requests(),
                    rate(row.ceilingTps()), Double.isNaN(row.ratio()) ? "–"
                            : String.format(Locale.ROOT, "%.0f %%", 100 * row.ratio()),
                    percent(row.serverCpu()), percent(row.serverMicros()), percent(row.postgresCpu()),
                    percent(row.postgresMicros()), percent(row.driverCpu()), percent(row.machineCpu()),
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
