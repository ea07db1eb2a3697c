package org.openpaypro.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgLogTest {
    private static final String LOG = String.join("\n",
            "2026-11-26 01:56:10.334 UTC [14099]  LOG:  database system is ready to accept connections",
            "2026-11-26 01:56:17.847 UTC [14114] 3/49 LOG:  statement: BEGIN",
            "2026-11-26 01:56:17.847 UTC [14114] 3/49 LOG:  execute <unnamed>: INSERT INTO trade (a, b, c)",
            "\tVALUES ($1, $2, $3)",
            "\tRETURNING *",
            "2026-11-26 01:56:17.847 UTC [14114] 3/49 DETAIL:  parameters: $1 = 'it''s, $2 = x', $2 = NULL,"
                    + " $3 = '{\"k\":",
            "\t\"v\"}'",
            "2026-11-26 01:56:17.848 UTC [14119] 4/41 LOG:  execute S_2: UPDATE notification SET attempts = 1",
            "2026-11-26 01:56:17.848 UTC [14119] 4/41 DETAIL:  parameters: $1 = '50000'",
            "2026-11-26 01:56:17.855 UTC [14114] 3/49 LOG:  execute S_1: COMMIT",
            "2026-11-26 01:56:18.309 UTC [14114] 3/53 LOG:  execute <unnamed>: SELECT kind FROM account WHERE m = $1",
            "2026-11-26 01:56:18.309 UTC [14114] 3/53 DETAIL:  parameters: $1 = '1'",
            "");

    @Test
    void statements_keep_multi_line_sql_and_their_parameters_including_quotes_nulls_and_newlines() {
        List<PgLog.Statement> statements = PgLog.parse(LOG);

        assertThat(statements).extracting(PgLog.Statement::sql).containsExactly(
                "BEGIN",
                "INSERT INTO trade (a, b, c)\nVALUES ($1, $2, $3)\nRETURNING *",
                "UPDATE notification SET attempts = 1",
                "COMMIT",
                "SELECT kind FROM account WHERE m = $1");
        assertThat(statements.get(1).parameters()).containsExactly("it's, $2 = x", null, "{\"k\":\n\"v\"}");
        assertThat(statements.get(1).pid()).isEqualTo(14114);
        assertThat(statements.get(1).vxid()).isEqualTo("3/49");
        assertThat(statements).extracting(PgLog.Statement::isControl).containsExactly(true, false, false, true, false);
    }

    @Test
    void transactions_group_by_backend_and_virtual_transaction_id() {
        List<PgLog.Transaction> transactions = PgLog.transactions(PgLog.parse(LOG));

        assertThat(transactions).hasSize(3);
        assertThat(transactions.get(0).statements()).hasSize(3);
        assertThat(transactions.get(0).work()).hasSize(1);
        assertThat(transactions.get(0).mentions("it's, $2 = x")).isTrue();
        assertThat(transactions.get(1).mentions("50000")).isTrue();
        assertThat(transactions.get(2).vxid()).isEqualTo("3/53");
    }

    @Test
    void request_transactions_are_the_linked_ones_that_are_not_background_work() {
        List<PgLog.Transaction> transactions = PgLog.transactions(PgLog.parse(LOG));
        var background = java.util.Set.of(PgLog.template("UPDATE notification SET attempts = 1"));

        assertThat(PgLog.linked(transactions, Arrays.asList("1", "50000"), background))
                .extracting(PgLog.Transaction::vxid).containsExactly("3/53");
    }

    @Test
    void integer_parameters_are_declared_bigint_for_type_inference() {
        PgLog.Statement statement = new PgLog.Statement(1, "1/1", "SELECT $1, $2, $10",
                Arrays.asList("12", "x", null, null, null, null, null, null, null, "-3"));

        assertThat(CeilingCapture.castIntegers(statement)).isEqualTo("SELECT $1::bigint, $2, $10::bigint");
    }

    @Test
    void array_parameters_are_split_into_elements_and_a_transaction_mentions_each() {
        assertThat(PgLog.elements("{1,\"a b\",\"\\\\x3a\"}")).containsExactly("1", "a b", "\\x3a");
        assertThat(PgLog.elements("12")).isEmpty();
        assertThat(PgLog.elements("{NULL,\"NULL\",7}")).containsExactly(null, "NULL", "7");
        PgLog.Transaction batch = new PgLog.Transaction(1, "3/1", List.of(new PgLog.Statement(1, "3/1",
                "INSERT INTO seen_sign SELECT * FROM unnest($1)", List.of("{\"\\\\x3a4f\"}"))));

        assertThat(batch.mentions("\\x3a4f")).isTrue();
        assertThat(batch.mentions("\\x3a")).isFalse();
    }
}
