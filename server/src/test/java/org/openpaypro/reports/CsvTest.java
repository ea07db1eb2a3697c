package org.openpaypro.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void cells_that_a_spreadsheet_would_run_as_formulas_start_with_an_apostrophe() {
        assertThat(Csv.cell("=1+2")).isEqualTo("'=1+2");
        assertThat(Csv.cell("+55 11")).isEqualTo("'+55 11");
        assertThat(Csv.cell("-3")).isEqualTo("'-3");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.cell("\tx")).isEqualTo("'\tx");
        assertThat(Csv.cell("150.00")).isEqualTo("150.00");
    }

    @Test
    void commas_quotes_and_line_breaks_are_quoted_and_lines_end_with_crlf() throws Exception {
        StringWriter out = new StringWriter();
        Csv.line(out, Arrays.asList("a,b", "say \"hi\"", "two\nlines", null, ""));
        assertThat(out.toString()).isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\r\n");
    }

    @Test
    void a_cursor_reads_back_the_row_it_was_written_for_and_anything_else_is_refused() {
        TradeQuery.Cursor cursor = new TradeQuery.Cursor(Instant.parse("2026-12-01T10:15:30.123456Z"), 42);
        assertThat(TradeQuery.Cursor.parse(cursor.text())).isEqualTo(cursor);
        for (String bad : List.of("", "1", "1.", ".1", "a.b", "1.2.3", "99999999999999999999.1")) {
            assertThatThrownBy(() -> TradeQuery.Cursor.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
