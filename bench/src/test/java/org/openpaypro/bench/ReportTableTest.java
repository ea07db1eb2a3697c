package org.openpaypro.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportTableTest {
    @Test
    void a_row_prints_rates_latencies_ratio_cpu_per_request_and_dashes_for_what_was_not_measured() {
        Histogram latencies = new Histogram(300_000_000L, 3);
        latencies.recordValueWithCount(1_500, 980);
        latencies.recordValueWithCount(12_340, 15);
        latencies.recordValueWithCount(123_400, 5);
        ReportTable table = new ReportTable();
        table.add(new ReportTable.Row("payout-create", "closed", new LoadRunner.Phase("closed", 16, 37_000, 0, 30,
                latencies, Map.of(), new ProcStats.Usage(150.2, 40.0, 12.0, 99.0)), 2000, 150L * 1024 * 1024));
        table.add(new ReportTable.Row("balance", "open @ 700/s", new LoadRunner.Phase("open", 16, 100, 3, 1,
                new Histogram(300_000_000L, 3), Map.of(), new ProcStats.Usage(-1, -1, -1, -1)), Double.NaN, -1));

        String[] lines = table.markdown().split("\n");

        assertThat(lines[0]).isEqualTo(ReportTable.HEADER);
        assertThat(lines[2]).isEqualTo("| payout-create | closed | 16 | 1,233 | 1.50 | 12.3 | 123 | 0 | 2,000 | 62 % "
                + "| 150 | 1218 | 40 | 324 | 12 | 99 | 150 |");
        assertThat(lines[3]).isEqualTo("| balance | open @ 700/s | 16 | 97.0 | – | – | – | 3 of 100 "
                + "| – | – | – | – | – | – | – | – | – |");
    }
}
