package org.openpaypro.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Amounts near the ledger's limit (issue 10, security 9): operators cannot set fees or adjustments beyond documented
 * bounds, a balance that would overflow is a clear 409 that changes nothing, and a merchant whose settlement would
 * overflow never stops the others from being settled. Runs on its own database, since settlement runs are global.
 */
class LedgerLimitsIT {
    /** The largest amount a bigint of 1/10,000 units holds. */
    private static final String LIMIT = "922337203685477.5807";
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.startNew(Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /**
     * Like {@link TestGateway#snapshot()}, with the balance total as exact text: here one balance is near the limit,
     * so the total of all balances no longer fits a long.
     */
    private static Map<String, String> snapshot() {
        return gateway.app().database().jdbi().withHandle(handle -> {
            Map<String, String> counts = new java.util.LinkedHashMap<>();
            for (String table : List.of("merchant", "account", "trade", "journal", "posting", "notification")) {
                counts.put(table, handle.createQuery("SELECT count(*)::text FROM " + table).mapTo(String.class).one());
            }
            counts.put("balances", handle.createQuery("SELECT coalesce(sum(balance), 0)::text FROM account")
                    .mapTo(String.class).one());
            return counts;
        });
    }

    private static Answer adjust(TestMerchant merchant, String amount) {
        return gateway.admin("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/adjustments",
                Map.of("amount", amount, "reason", "limit test"));
    }

    private static Answer createMerchant(Map<String, String> fees) {
        Map<String, String> body = new java.util.HashMap<>(Map.of("name", "Limits", "country", "BR"));
        body.putAll(fees);
        return gateway.admin("POST", "/admin/v1/merchants", body);
    }

    private static String balance(TestMerchant merchant, String kind) {
        return gateway.admin("GET", "/admin/v1/merchants/" + merchant.merchantNo(), null).json().get("balances")
                .get(kind).asText();
    }

    @Test
    void fixed_fees_above_the_country_maximum_amount_are_refused_and_create_no_merchant() {
        var before = snapshot();
        for (String field : List.of("payinFeeFixed", "payoutFeeFixed")) {
            for (String fee : List.of("1000000.01", "922337203685477", LIMIT)) {
                Answer refused = createMerchant(Map.of(field, fee));
                assertThat(refused.status()).as(field + "=" + fee).isEqualTo(400);
                assertThat(refused.json().get("error").asText())
                        .isEqualTo(field + " must be at most 1000000, the largest amount of a BR trade");
            }
        }
        assertThat(snapshot()).isEqualTo(before);
        assertThat(createMerchant(Map.of("payoutFeeFixed", "1000000.00")).status()).isEqualTo(201);
    }

    @Test
    void an_adjustment_beyond_the_limit_of_one_adjustment_is_refused_either_way() {
        TestMerchant merchant = gateway.createMerchant();
        var before = snapshot();
        for (String amount : List.of("1000000000000.0001", "-1000000000000.0001", LIMIT, "-" + LIMIT)) {
            Answer refused = adjust(merchant, amount);
            assertThat(refused.status()).as(amount).isEqualTo(400);
            assertThat(refused.json().get("error").asText())
                    .isEqualTo("amount must be at most 1000000000000 either way (the limit of one adjustment)");
        }
        assertThat(snapshot()).isEqualTo(before);
        assertThat(adjust(merchant, "1000000000000").status()).isEqualTo(201);
        assertThat(adjust(merchant, "-1000000000000").status()).isEqualTo(201);
    }

    @Test
    void a_balance_at_the_ledger_limit_refuses_a_credit_and_its_settlement_never_blocks_other_merchants()
            throws Exception {
        TestMerchant full = gateway.createMerchant();
        TestMerchant ordinary = gateway.createMerchant();
        String fullPayin = succeededPayin(full, "10.00");
        String ordinaryPayin = succeededPayin(ordinary, "25.00");
        fillToOneUnitBelowTheLimit(full);
        assertThat(balance(full, "availableAmount")).isEqualTo("922337203685477.5806");

        var before = snapshot();
        Answer overflow = adjust(full, "0.0002");
        assertThat(overflow.status()).as(overflow.body()).isEqualTo(409);
        assertThat(overflow.json().get("error").asText()).isEqualTo("the AVAILABLE balance would exceed the largest "
                + "amount the ledger holds (" + LIMIT + ")");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(adjust(full, "0.0001").status()).isEqualTo(201);

        Answer run = gateway.admin("POST", "/admin/v1/settlement/run",
                Map.of("asOf", Instant.now().plusSeconds(5 * 86_400).toString()));
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.json().get("failedMerchants").asInt()).isEqualTo(1);
        assertThat(run.json().get("settledTrades").asInt()).isEqualTo(1);
        assertThat(balance(ordinary, "availableAmount")).isEqualTo("25.0000");
        assertThat(balance(ordinary, "unsettledAmount")).isEqualTo("0.0000");
        assertThat(balance(full, "availableAmount")).isEqualTo(LIMIT);
        assertThat(balance(full, "unsettledAmount")).isEqualTo("10.0000");
        assertThat(trade(ordinaryPayin).get("settledAt").isNull()).isFalse();
        assertThat(trade(fullPayin).get("settledAt").isNull()).isTrue();
        assertThat(gateway.get("/metrics").body()).containsPattern("openpaypro_settlement_failures_total(\\{[^}]*})? "
                + "[1-9]");
        assertThat(gateway.admin("GET", "/admin/v1/ledger/check", null).json().get("ok").asBoolean()).isTrue();
    }

    private static com.fasterxml.jackson.databind.JsonNode trade(String platformTradeNo) {
        return gateway.admin("GET", "/admin/v1/trades/" + platformTradeNo, null).json();
    }

    private static String succeededPayin(TestMerchant merchant, String amount) {
        Answer created = gateway.signed("/v1/paypro/payin", merchant.merchantNo(), merchant.secret(), Map.of(
                "tradeNo", "P" + System.nanoTime(), "amount", amount, "name", "Ana", "identityType", "CPF",
                "userIdentity", "12345678909", "notifyUrl", "http://127.0.0.1:9/notify", "remark", "r"));
        assertThat(created.code()).as(created.body()).isEqualTo("0000");
        String platformTradeNo = created.json().get("data").get("platFormTradeNo").asText();
        Answer completed = gateway.admin("POST", "/sandbox/v1/trades/" + platformTradeNo + "/complete",
                Map.of("status", "0000"));
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        return platformTradeNo;
    }

    /** 922 credits of the largest adjustment, then the rest up to one unit below the limit. */
    private static void fillToOneUnitBelowTheLimit(TestMerchant merchant) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Answer>> credits = new ArrayList<>();
            for (int i = 0; i < 922; i++) {
                credits.add(pool.submit(() -> adjust(merchant, "1000000000000")));
            }
            for (Future<Answer> credit : credits) {
                assertThat(credit.get().status()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(adjust(merchant, "337203685477.5806").status()).isEqualTo(201);
    }
}
