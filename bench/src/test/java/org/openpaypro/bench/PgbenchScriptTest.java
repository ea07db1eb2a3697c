package org.openpaypro.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgbenchScriptTest {
    private static PgLog.Statement statement(String sql, String... parameters) {
        return new PgLog.Statement(1, "3/1", sql, Arrays.asList(parameters));
    }

    @Test
    void request_values_become_variables_returned_ids_gset_variables_and_parameters_are_cast() {
        List<PgLog.Statement> statements = List.of(
                statement("BEGIN"),
                statement("INSERT INTO trade (no, merchant_id, country) VALUES ($1, $2, $3) RETURNING *",
                        "ab12", "7", "BR"),
                statement("INSERT INTO notification (trade_id) VALUES ($1)", "901"),
                statement("UPDATE notification SET x = $1 WHERE id = $2", null, "55"),
                statement("commit"));
        Map<String, List<String>> types = Map.of(
                PgLog.template(statements.get(1).sql()), List.of("character varying", "bigint", "character"),
                PgLog.template(statements.get(2).sql()), List.of("bigint"));

        String script = PgbenchScript.render(List.of("\\set tn random(1, 9)"), statements,
                Map.of("ab12", "ptn", "7", "mid"),
                List.of(new PgbenchScript.Returned("trade", "t_", "901", null),
                        new PgbenchScript.Returned("notification", "n_", "55", null)), types);

        assertThat(script).isEqualTo(String.join("\n",
                "\\set tn random(1, 9)",
                "BEGIN;",
                "INSERT INTO trade (no, merchant_id, country) VALUES (CAST(:ptn AS character varying),"
                        + " CAST(:mid AS bigint), CAST('BR' AS bpchar)) RETURNING *",
                "\\gset t_",
                "INSERT INTO notification (trade_id) VALUES (CAST(:t_id AS bigint)) RETURNING id",
                "\\gset n_",
                "UPDATE notification SET x = NULL WHERE id = :n_id;",
                "COMMIT;",
                ""));
    }

    @Test
    void a_row_inserted_inside_a_cte_is_read_back_by_its_lookup_right_after_that_statement() {
        List<PgLog.Statement> statements = List.of(
                statement("INSERT INTO trade (no) VALUES ($1) RETURNING *", "ab12"),
                statement("WITH t AS (UPDATE trade SET s = 1 WHERE id = $1 RETURNING *), n AS (INSERT INTO "
                        + "notification (trade_id) SELECT id FROM t) SELECT * FROM t", "901"),
                statement("UPDATE notification SET x = 1 WHERE id = $1", "55"));

        String script = PgbenchScript.render(List.of(), statements, Map.of("ab12", "ptn"),
                List.of(new PgbenchScript.Returned("trade", "t_", "901", null),
                        new PgbenchScript.Returned("notification", "n_", "55",
                                "SELECT max(id) AS id FROM notification WHERE trade_id = :t_id")), Map.of());

        assertThat(script).contains("SELECT * FROM t;\nSELECT max(id) AS id FROM notification WHERE trade_id = :t_id"
                + "\n\\gset n_\nUPDATE notification SET x = 1 WHERE id = :n_id;");
    }

    @Test
    void returned_ids_inside_an_array_parameter_become_variables_too() {
        List<PgLog.Statement> statements = List.of(
                statement("INSERT INTO trade (no) VALUES ($1) RETURNING *", "ab12"),
                statement("SELECT * FROM unnest($1, $2)", "{901}", "{10000}"));
        Map<String, List<String>> types = Map.of(PgLog.template(statements.get(1).sql()),
                List.of("bigint[]", "bigint[]"));

        String script = PgbenchScript.render(List.of(), statements, Map.of("ab12", "ptn"),
                List.of(new PgbenchScript.Returned("trade", "t_", "901", null)), types);

        assertThat(script).contains("SELECT * FROM unnest(CAST(ARRAY[CAST(:t_id AS bigint)] AS bigint[]), "
                + "CAST(ARRAY[CAST('10000' AS bigint)] AS bigint[]));");
    }

    @Test
    void a_batched_insert_of_one_with_bytea_and_timestamp_arrays_uses_the_request_variables() {
        List<PgLog.Statement> statements = List.of(statement("INSERT INTO seen_sign (merchant_id, sign, expires_at)"
                + " SELECT * FROM unnest($1, $2, $3)", "{7}", "{\"\\\\x3a4f\"}", "{\"2026-12-02 06:00:00+00\"}"));
        Map<String, List<String>> types = Map.of(PgLog.template(statements.get(0).sql()),
                List.of("bigint[]", "bytea[]", "timestamp with time zone[]"));

        String script = PgbenchScript.render(List.of(), statements, Map.of("7", "mid", "\\x3a4f", "sgn"), List.of(),
                types);

        assertThat(script).isEqualTo("INSERT INTO seen_sign (merchant_id, sign, expires_at) SELECT * FROM unnest("
                + "CAST(ARRAY[CAST(:mid AS bigint)] AS bigint[]), CAST(ARRAY[CAST(:sgn AS bytea)] AS bytea[]), "
                + "CAST(ARRAY[CAST('2026-12-02 06:00:00+00' AS timestamp with time zone)]"
                + " AS timestamp with time zone[]));\n");
    }

    @Test
    void an_id_used_before_the_insert_that_returns_it_is_refused() {
        List<PgLog.Statement> statements = List.of(statement("SELECT * FROM trade WHERE id = $1", "901"));

        assertThatThrownBy(() -> PgbenchScript.render(List.of(), statements, Map.of(),
                List.of(new PgbenchScript.Returned("trade", "t_", "901", null)), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("INSERT INTO trade");
    }

    @Test
    void a_colon_that_pgbench_would_read_as_a_variable_is_written_as_chr_58() {
        assertThat(PgbenchScript.literal("http://host:8080/x")).isEqualTo("'http://host:8080/x'");
        assertThat(PgbenchScript.literal("a:b'c")).isEqualTo("('a' || chr(58) || 'b''c')");
    }

    @Test
    void inserts_into_sees_the_outer_insert_of_a_cte() {
        String cte = "WITH j AS (INSERT INTO journal (kind) VALUES ($1) RETURNING id) INSERT INTO posting SELECT 1";

        assertThat(PgbenchScript.insertsInto(cte, "posting")).isTrue();
        assertThat(PgbenchScript.insertsInto(cte, "journal")).isFalse();
        assertThat(PgbenchScript.insertsInto("  insert into trade (a) values (1)", "trade")).isTrue();
        assertThat(PgbenchScript.insertsInto("INSERT INTO trades (a) VALUES (1)", "trade")).isFalse();
    }
}
