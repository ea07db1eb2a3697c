package org.openpaypro.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTableTest {
    @Test
    void a_row_prints_rates_latencies_ratio_and_dashes_for_what_was_not_measured() {
        ReportTable table = new ReportTable();
        table.add(new ReportTable.Row("payout-create", "closed", 16, 1234.4, 3.456, 12.34, 123.4, 0, 37000, 2000,
                150.2, 121.7, 40.0, 32.4, 12.0, 99.0, 150L * 1024 * 1024));
        table.add(new ReportTable.Row("balance", "open @ 700/s", 16, 55.55, Double.NaN, 0.5, 1, 3, 100,
                Double.NaN, -1, -1, -1, -1, -1, -1, -1));

        String[] lines = table.markdown().split("\n");

        assertThat(lines[0]).isEqualTo(ReportTable.HEADER);
        assertThat(lines[2]).isEqualTo("| payout-create | closed | 16 | 1,234 | 3.46 | 12.3 | 123 | 0 | 2,000 | 62 % "
                + "| 150 | 122 | 40 | 32 | 12 | 99 | 150 |");
        assertThat(lines[3]).isEqualTo("| balance | open @ 700/s | 16 | 55.6 | – | 0.50 | 1.00 | 3 of 100 "
                + "| – | – | – | – | – | – | – | – | – |");
    }
}
