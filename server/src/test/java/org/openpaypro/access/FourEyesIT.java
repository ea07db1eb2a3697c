package org.openpaypro.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Four eyes on manual adjustments (DESIGN §14): strictly above the limit a request is stored and moves nothing; only
 * a second operator's approval moves money, exactly once, also when many approve at the same moment.
 */
class FourEyesIT {
    private final AccessGateway access = new AccessGateway();

    @AfterEach
    void ledger_check_is_ok() {
        access.assertLedgerOk();
    }

    private String available(TestMerchant merchant) {
        return access.asBootstrap("GET", "/admin/v1/merchants/" + merchant.merchantNo(), null).json()
                .get("balances").get("availableAmount").asText();
    }

    private Answer adjust(TestMerchant merchant, String amount, String token) {
        return access.call("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/adjustments",
                Map.of("amount", amount, "reason", "four eyes " + amount), token);
    }

    private long journals(TestMerchant merchant) {
        return access.gateway.app().database().jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT count(*) FROM journal j JOIN merchant m ON m.id = j.merchant_id
                        WHERE m.merchant_no = :no AND j.kind = 'ADJUSTMENT'""")
                .bind("no", merchant.merchantNo()).mapTo(Long.class).one());
    }

    @Test
    void an_adjustment_at_the_limit_applies_and_one_cent_above_it_waits_for_approval_moving_nothing() {
        TestMerchant merchant = access.merchant("BR");
        AccessGateway.Operator finance = access.operator(Role.FINANCE);
        assertThat(adjust(merchant, "1000.00", finance.token()).status()).isEqualTo(201);
        assertThat(adjust(merchant, "-1000.00", finance.token()).status()).isEqualTo(201);
        Answer pending = adjust(merchant, "1000.01", finance.token());
        assertThat(pending.status()).as(pending.body()).isEqualTo(202);
        assertThat(pending.json().get("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(pending.json().get("requestedBy").asText()).isEqualTo(finance.email());
        assertThat(pending.json().get("merchantNo").asText()).isEqualTo(merchant.merchantNo());
        assertThat(pending.json().get("amount").asText()).isEqualTo("1000.0100");
        assertThat(available(merchant)).isEqualTo("0.0000");
        assertThat(journals(merchant)).isEqualTo(2);
        Answer debit = adjust(merchant, "-1000.01", finance.token());
        assertThat(debit.status()).as("a large debit waits too, whatever the balance").isEqualTo(202);
        Answer list = access.call("GET", "/admin/v1/adjustments?status=PENDING_APPROVAL", null, finance.token());
        assertThat(list.json().get("adjustments").findValuesAsText("id"))
                .contains(pending.json().get("id").asText(), debit.json().get("id").asText());
        assertThat(access.call("GET", "/admin/v1/adjustments?status=SOON", null, finance.token()).status())
                .isEqualTo(400);
    }

    @Test
    void a_currency_override_replaces_the_general_limit_for_that_currency_only() {
        TestMerchant nigeria = access.merchant("NG");
        assertThat(adjust(nigeria, "50000.00", access.bootstrap()).status()).isEqualTo(201);
        assertThat(adjust(nigeria, "50000.01", access.bootstrap()).status()).isEqualTo(202);
    }

    @Test
    void the_author_can_neither_approve_with_any_of_its_tokens_nor_does_money_move_but_a_second_operator_can() {
        TestMerchant merchant = access.merchant("BR");
        AccessGateway.Operator author = access.operator(Role.FINANCE);
        Answer second = access.asBootstrap("POST", "/admin/v1/operators/" + author.email() + "/tokens",
                Map.of("name", "laptop"));
        long id = adjust(merchant, "2500.00", author.token()).json().get("id").asLong();
        long audit = access.lastAuditId();
        for (String token : List.of(author.token(), second.json().get("token").asText())) {
            Answer own = access.call("POST", "/admin/v1/adjustments/" + id + "/approve", null, token);
            assertThat(own.status()).as(own.body()).isEqualTo(403);
            assertThat(own.json().get("error").asText()).contains("second operator");
        }
        assertThat(access.auditSince(audit)).isEmpty();
        assertThat(available(merchant)).isEqualTo("0.0000");

        AccessGateway.Operator approver = access.operator(Role.ADMIN);
        audit = access.lastAuditId();
        Answer approved = access.call("POST", "/admin/v1/adjustments/" + id + "/approve", null, approver.token());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("APPLIED");
        assertThat(approved.json().get("decidedBy").asText()).isEqualTo(approver.email());
        assertThat(available(merchant)).isEqualTo("2500.0000");
        assertThat(access.auditSince(audit)).singleElement().satisfies(row -> {
            assertThat(row.get("action")).isEqualTo("adjustment.approve");
            assertThat(row.get("actor")).isEqualTo(approver.email());
            assertThat(row.get("target")).isEqualTo(merchant.merchantNo());
        });

        for (String action : List.of("approve", "reject")) {
            Answer again = access.call("POST", "/admin/v1/adjustments/" + id + "/" + action, null, access.bootstrap());
            assertThat(again.status()).as(again.body()).isEqualTo(409);
        }
        assertThat(available(merchant)).isEqualTo("2500.0000");
        assertThat(journals(merchant)).isEqualTo(1);
        assertThat(access.call("POST", "/admin/v1/adjustments/999999999/approve", null, approver.token()).status())
                .isEqualTo(404);
    }

    @Test
    void the_author_may_withdraw_its_own_request_and_a_rejected_request_never_moves_money() {
        TestMerchant merchant = access.merchant("BR");
        long withdrawn = adjust(merchant, "3000.00", access.bootstrap()).json().get("id").asLong();
        Answer reject = access.asBootstrap("POST", "/admin/v1/adjustments/" + withdrawn + "/reject", null);
        assertThat(reject.status()).as(reject.body()).isEqualTo(200);
        assertThat(reject.json().get("status").asText()).isEqualTo("REJECTED");
        AccessGateway.Operator other = access.operator(Role.FINANCE);
        Answer late = access.call("POST", "/admin/v1/adjustments/" + withdrawn + "/approve", null, other.token());
        assertThat(late.status()).as(late.body()).isEqualTo(409);
        assertThat(available(merchant)).isEqualTo("0.0000");
        assertThat(journals(merchant)).isZero();
    }

    @Test
    void an_approved_debit_larger_than_the_balance_is_refused_and_stays_pending() {
        TestMerchant merchant = access.merchant("BR");
        long id = adjust(merchant, "-5000.00", access.bootstrap()).json().get("id").asLong();
        AccessGateway.Operator finance = access.operator(Role.FINANCE);
        Answer refused = access.call("POST", "/admin/v1/adjustments/" + id + "/approve", null, finance.token());
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(access.call("GET", "/admin/v1/adjustments?status=PENDING_APPROVAL", null, finance.token())
                .json().get("adjustments").findValuesAsText("id")).contains(Long.toString(id));
        assertThat(journals(merchant)).isZero();
    }

    @Test
    void many_operators_approving_the_same_request_at_once_move_its_money_exactly_once() throws Exception {
        TestMerchant merchant = access.merchant("BR");
        long id = adjust(merchant, "7777.00", access.bootstrap()).json().get("id").asLong();
        int threads = 16;
        List<AccessGateway.Operator> approvers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            approvers.add(access.operator(i % 2 == 0 ? Role.FINANCE : Role.ADMIN));
        }
        long audit = access.lastAuditId();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        for (AccessGateway.Operator approver : approvers) {
            answers.add(pool.submit(() -> {
                start.await();
                return access.call("POST", "/admin/v1/adjustments/" + id + "/approve", null, approver.token());
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Answer> answer : answers) {
            statuses.add(answer.get(60, TimeUnit.SECONDS).status());
        }
        pool.shutdown();
        assertThat(statuses.stream().filter(status -> status == 200).count()).as(statuses.toString()).isEqualTo(1);
        assertThat(statuses.stream().filter(status -> status == 409).count()).isEqualTo(threads - 1);
        assertThat(journals(merchant)).isEqualTo(1);
        assertThat(available(merchant)).isEqualTo("7777.0000");
        assertThat(access.auditSince(audit)).singleElement()
                .satisfies(row -> assertThat(row.get("action")).isEqualTo("adjustment.approve"));
    }
}
