package org.openpaypro.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/** The audit trail: paged newest first, refused calls leave no row, and PostgreSQL refuses to change a row. */
class AuditIT {
    private final AccessGateway access = new AccessGateway();

    private Jdbi jdbi() {
        return access.gateway.app().database().jdbi();
    }

    @Test
    void update_delete_and_truncate_of_the_audit_trail_fail_in_postgresql_itself() {
        AccessGateway.Operator operator = access.operator(Role.SUPPORT);
        long id = access.lastAuditId();
        long count = jdbi().withHandle(handle -> handle.createQuery("SELECT count(*) FROM audit_entry")
                .mapTo(Long.class).one());
        for (String sql : List.of("UPDATE audit_entry SET summary = 'forged' WHERE id = " + id,
                "UPDATE audit_entry SET actor = 'someone-else'", "DELETE FROM audit_entry WHERE id = " + id,
                "DELETE FROM audit_entry", "TRUNCATE audit_entry")) {
            assertThatThrownBy(() -> jdbi().useHandle(handle -> handle.execute(sql))).as(sql)
                    .hasMessageContaining("audit_entry is append-only");
        }
        long after = jdbi().withHandle(handle -> handle.createQuery("SELECT count(*) FROM audit_entry")
                .mapTo(Long.class).one());
        assertThat(after).isEqualTo(count);
        assertThat(access.auditSince(id - 1)).singleElement().satisfies(row -> {
            assertThat(row.get("action")).isEqualTo("operator.token.create");
            assertThat(row.get("target")).isEqualTo(operator.email());
        });
    }

    @Test
    void the_trail_pages_newest_first_with_before_and_limit_default_50_at_most_500() {
        AccessGateway.Operator target = access.operator(Role.SUPPORT);
        for (int i = 0; i < 52; i++) {
            assertThat(access.asBootstrap("POST", "/admin/v1/operators/" + target.email() + "/tokens",
                    Map.of("name", "page-" + i)).status()).isEqualTo(201);
        }
        JsonNode first = access.asBootstrap("GET", "/admin/v1/audit", null).json().get("entries");
        assertThat(first).hasSize(50);
        List<Long> ids = new ArrayList<>();
        first.forEach(entry -> ids.add(entry.get("id").asLong()));
        assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        JsonNode newest = first.get(0);
        assertThat(newest.get("actor").asText()).isEqualTo("bootstrap");
        assertThat(newest.get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(newest.get("action").asText()).isEqualTo("operator.token.create");
        assertThat(newest.get("target").asText()).isEqualTo(target.email());
        assertThat(newest.get("summary").asText()).isEqualTo("name=page-51");
        assertThat(Instant.parse(newest.get("at").asText())).isBefore(Instant.now().plusSeconds(5));

        JsonNode next = access.asBootstrap("GET", "/admin/v1/audit?limit=3&before=" + ids.get(1), null).json()
                .get("entries");
        assertThat(next).hasSize(3);
        assertThat(next.get(0).get("id").asLong()).isEqualTo(ids.get(2));
        assertThat(next.get(0).get("summary").asText()).isEqualTo("name=page-49");
        assertThat(access.asBootstrap("GET", "/admin/v1/audit?limit=500", null).json().get("entries").size())
                .isGreaterThan(50).isLessThanOrEqualTo(500);
        for (String bad : List.of("limit=501", "limit=0", "limit=x", "before=0", "before=-1", "before=1e3")) {
            Answer answer = access.asBootstrap("GET", "/admin/v1/audit?" + bad, null);
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).isNotBlank();
        }
    }

    @Test
    void a_call_refused_for_its_input_or_its_state_writes_no_audit_row_and_nothing_else() {
        TestMerchant merchant = access.merchant("BR");
        String processing = access.processingPayin(merchant);
        AccessGateway.Operator existing = access.operator(Role.SUPPORT);
        String no = merchant.merchantNo();
        List<Object[]> refusals = List.of(
                new Object[] {"POST", "/admin/v1/merchants", Map.of("name", "x", "country", "XX"), 400},
                new Object[] {"POST", "/admin/v1/merchants/" + no + "/adjustments", Map.of("amount", "0",
                        "reason", "x"), 400},
                new Object[] {"POST", "/admin/v1/merchants/" + no + "/adjustments", Map.of("amount", "-5.00",
                        "reason", "overdraw"), 409},
                new Object[] {"POST", "/admin/v1/trades/" + processing + "/notify", null, 409},
                new Object[] {"POST", "/sandbox/v1/trades/" + processing + "/complete", Map.of("status", "0015"), 400},
                new Object[] {"POST", "/admin/v1/settlement/run", Map.of("asOf", "yesterday"), 400},
                new Object[] {"POST", "/admin/v1/operators", Map.of("email", existing.email().toUpperCase(),
                        "role", "ADMIN"), 409},
                new Object[] {"POST", "/admin/v1/operators", Map.of("email", "not-an-email", "role", "ADMIN"), 400},
                new Object[] {"POST", "/admin/v1/operators", Map.of("email", "a@b.example", "role", "ROOT"), 400},
                new Object[] {"POST", "/admin/v1/operators/" + existing.email() + "/tokens", Map.of("name", "main"),
                        409},
                new Object[] {"POST", "/admin/v1/operators/nobody@ops.example/tokens", Map.of("name", "x"), 404},
                new Object[] {"POST", "/admin/v1/operators/" + existing.email() + "/tokens", Map.of("name",
                        "with space"), 400},
                new Object[] {"DELETE", "/admin/v1/operators/" + existing.email() + "/tokens/none", null, 404},
                new Object[] {"POST", "/admin/v1/adjustments/123456789/approve", null, 404},
                new Object[] {"POST", "/admin/v1/adjustments/abc/reject", null, 404});
        for (Object[] refusal : refusals) {
            Map<String, Long> before = access.snapshot();
            long audit = access.lastAuditId();
            Answer answer = access.asBootstrap((String) refusal[0], (String) refusal[1], refusal[2]);
            assertThat(answer.status()).as(refusal[0] + " " + refusal[1] + " " + answer.body()).isEqualTo(refusal[3]);
            assertThat(answer.json().get("error").asText()).isNotBlank();
            assertThat(access.auditSince(audit)).as(refusal[1].toString()).isEmpty();
            assertThat(access.snapshot()).as(refusal[1].toString()).isEqualTo(before);
        }
    }

    @Test
    void a_settlement_run_records_each_settled_batch_in_its_transaction_and_the_run_itself() {
        TestMerchant merchant = access.merchant("BR");
        access.finishedPayin(merchant);
        AccessGateway.Operator finance = access.operator(Role.FINANCE);
        long audit = access.lastAuditId();
        Answer run = access.call("POST", "/admin/v1/settlement/run", Map.of("asOf", "2100-01-01T00:00:00Z"),
                finance.token());
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        List<Map<String, Object>> rows = access.auditSince(audit);
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.get("action")).isEqualTo("settlement.batch");
            assertThat(row.get("target")).isEqualTo(merchant.merchantNo());
            assertThat(row.get("actor")).isEqualTo(finance.email());
        });
        assertThat(rows.get(rows.size() - 1).get("action")).isEqualTo("settlement.run");
        access.assertLedgerOk();
    }
}
