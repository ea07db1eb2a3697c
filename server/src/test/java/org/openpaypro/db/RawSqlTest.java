package org.openpaypro.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawSqlTest {

    @Test
    void namedParametersBecomeQuestionMarksInOrder() {
        RawSql sql = new RawSql("SELECT * FROM t WHERE a = :a AND b = CAST(:bee_2 AS text[]) OR c = :a");
        assertThat(sql.sql()).isEqualTo("SELECT * FROM t WHERE a = ? AND b = CAST(? AS text[]) OR c = ?");
        assertThat(sql.names()).containsExactly("a", "bee_2", "a");
    }

    @Test
    void quotedTextAndCastsAreKept() {
        List<String> found = new ArrayList<>();
        String out = RawSql.positional("SELECT x::text, 'a:b', \"col:x\", m || ':' || :v, 'it''s :no'", found);
        assertThat(out).isEqualTo("SELECT x::text, 'a:b', \"col:x\", m || ':' || ?, 'it''s :no'");
        assertThat(found).containsExactly("v");
    }

    @Test
    void aColonNotFollowedByANameIsText() {
        List<String> found = new ArrayList<>();
        assertThat(RawSql.positional("SELECT ARRAY[1,2][1:2], :1", found)).isEqualTo("SELECT ARRAY[1,2][1:2], :1");
        assertThat(found).isEmpty();
    }

    @Test
    void refusesWhatTheDriverWouldMisread() {
        assertThatThrownBy(() -> new RawSql("SELECT data ? 'key'")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RawSql("SELECT 'open")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyParameterMustBeSetAndKnown() {
        RawSql sql = new RawSql("SELECT :a, :b");
        assertThatThrownBy(() -> sql.bind().set("c", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(":c");
        assertThatThrownBy(() -> sql.bind().set("a", 1).query((org.jdbi.v3.core.Handle) null, row -> row.getInt(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(":b");
    }
}
