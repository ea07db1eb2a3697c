package org.openpaypro.countries;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openpaypro.sdk.ApiResult;
import org.openpaypro.sdk.BalanceData;
import org.openpaypro.sdk.Country;
import org.openpaypro.sdk.Notification;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayinData;
import org.openpaypro.sdk.PayoutData;
import org.openpaypro.sdk.TradeResult;
import org.openpaypro.testing.CountryScenarioIT;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Bangladesh end to end through the SDK (docs/countries/BD.md): the guide's example bodies (with the numeric
 * timestamp they document), pay-in by wallet way code completed by the sandbox or by {@code payinSubmit}, payout to
 * a wallet to success and failure with signed callbacks, queries, balance and settlement, every field rule, and the
 * paths.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BangladeshIT extends CountryScenarioIT {
    private static final Country BD = Country.BANGLADESH;
    private static final String NOTIFY = "http://localhost:9/notify";
    private static final String PAYIN_WAYS = "must be a code of the BD waycodes-payin list (EWALLET_BKASH, "
            + "EWALLET_NAGAD, BKASH, NAGAD, BKASH_OFFICIAL, NAGAD_OFFICIAL)";
    private static final String PAYOUT_WAYS = "must be a code of the BD waycodes-payout list (EWALLET_BKASH, "
            + "EWALLET_ROCKET, EWALLET_NAGAD, BKASH, NAGAD)";
    private static final String WALLET_RULE = "must be 11 digits starting with 01 (e.g. 01712345678)";

    private TestMerchant payinMerchant;
    private TestMerchant payoutMerchant;

    @BeforeAll
    void create_merchants() {
        payinMerchant = merchant(BD, null, Map.of());
        payoutMerchant = merchant(BD, "100000000", Map.of());
    }

    static Map<String, String> payin(String tradeNo, String amount, String notifyUrl) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("tradeNo", tradeNo);
        body.put("amount", amount);
        body.put("notifyUrl", notifyUrl);
        body.put("wayCode", "EWALLET_BKASH");
        body.put("remark", "order 5");
        body.put("returnUrl", "https://merchant.example/done");
        return body;
    }

    static Map<String, String> payout(String tradeNo, String amount, String notifyUrl) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("tradeNo", tradeNo);
        body.put("amount", amount);
        body.put("notifyUrl", notifyUrl);
        body.put("walletId", "01712345678");
        body.put("wayCode", "EWALLET_NAGAD");
        body.put("remark", "cashout 2");
        return body;
    }

    // ---- (a) the guide's example bodies, timestamp as a JSON number as documented ---------------------------------

    @Test
    void the_guides_payin_example_is_accepted() {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("timestamp", System.currentTimeMillis());
        example.put("tradeNo", "test_00000008");
        example.put("amount", "300");
        example.put("notifyUrl", "https://google.com");
        example.put("wayCode", "EWALLET_BKASH");
        example.put("remark", "test");
        example.put("returnUrl", "http://abc.com/callback_page");
        TestGateway.Answer answer = gateway.signed("/bd-pay/v1/paypro/payin", payinMerchant.merchantNo(),
                payinMerchant.secret(), example);
        assertThat(answer.code()).as(answer.body()).isEqualTo("0000");
        assertThat(answer.json().at("/data/status").asText()).isEqualTo("0015");
        assertThat(answer.json().at("/data/remark").asText()).isEqualTo("test");
        assertThat(answer.json().at("/data/paymentUrl").asText()).contains("/cashier/");
    }

    @Test
    void the_guides_payout_example_is_accepted() {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("timestamp", System.currentTimeMillis());
        example.put("tradeNo", "test_00000001");
        example.put("amount", "300");
        example.put("notifyUrl", "https://google.com");
        example.put("wayCode", "EWALLET_BKASH");
        example.put("walletId", "01123456789");
        example.put("remark", "test");
        TestGateway.Answer answer = gateway.signed("/bd-pay/v1/paypro/payout", payoutMerchant.merchantNo(),
                payoutMerchant.secret(), example);
        assertThat(answer.code()).as(answer.body()).isEqualTo("0000");
        assertThat(answer.json().at("/data/status").asText()).isEqualTo("0015");
    }

    // ---- (b) flows ----------------------------------------------------------------------------------------------

    @Test
    void a_payin_paid_through_payinSubmit_calls_back_and_a_second_submit_is_refused() throws Exception {
        TestMerchant merchant = merchant(BD, null, Map.of("payinFeeRate", "0.015"));
        PayProClient client = client(BD, merchant);
        String tradeNo = tradeNo("BDS");
        String url = notifyUrl("bd-submit");
        PayinData created = client.payin(payin(tradeNo, "2000", url)).dataOrThrow();
        assertThat(created.status()).isEqualTo("0015");

        ApiResult<TradeResult> submitted = client.call("payinSubmit", Map.of("tradeNo", tradeNo, "trxId",
                "8N7A6D5C4B"), TradeResult.class);
        assertThat(submitted.accepted()).as(submitted.msg()).isTrue();
        assertThat(submitted.data().status()).isEqualTo("0000");
        assertThat(submitted.data().platFormTradeNo()).isEqualTo(created.platFormTradeNo());
        assertThat(submitted.data().successTime()).isNotNull();

        Notification callback = verifiedCallback(url, merchant);
        assertThat(callback.status()).isEqualTo("0000");
        assertThat(callback.amount()).isEqualTo("2000");
        assertThat(callback.fields()).containsOnlyKeys("status", "message", "platFormTradeNo", "tradeNo", "amount",
                "successTime", "timestamp");
        assertThat(client.queryPayin(tradeNo).dataOrThrow().status()).isEqualTo("0000");

        Map<String, Long> before = gateway.snapshot();
        assertRejected(client.call("payinSubmit", Map.of("tradeNo", tradeNo, "trxId", "8N7A6D5C4B")),
                "order is already final", before);
    }

    @Test
    void a_payinSubmit_with_an_unknown_wallet_transaction_fails_the_payin() throws Exception {
        TestMerchant merchant = merchant(BD, null, Map.of());
        PayProClient client = client(BD, merchant);
        String tradeNo = tradeNo("BDSF");
        String url = notifyUrl("bd-submit-fail");
        client.payin(payin(tradeNo, "500", url)).dataOrThrow();
        TradeResult failed = client.call("payinSubmit", Map.of("tradeNo", tradeNo, "trxId", "FAIL1234"),
                TradeResult.class).dataOrThrow();
        assertThat(failed.status()).isEqualTo("00029");
        assertThat(failed.message()).isEqualTo("wallet transaction not found");
        Notification callback = verifiedCallback(url, merchant);
        assertThat(callback.status()).isEqualTo("00029");
        assertThat(callback.successTime()).isNull();
        assertThat(client.queryBalance().dataOrThrow().unsettledAmount()).isEqualTo("0.0000");
    }

    @Test
    void payinSubmit_rules_are_enforced_and_write_nothing() {
        PayProClient client = client(BD, payinMerchant);
        String tradeNo = tradeNo("BDSR");
        client.payin(payin(tradeNo, "500", NOTIFY)).dataOrThrow();
        Map<String, Long> before = gateway.snapshot();
        assertRejected(client.call("payinSubmit", Map.of("tradeNo", tradeNo)), "missing field: trxId", before);
        assertRejected(client.call("payinSubmit", Map.of("trxId", "ABCD1234")), "missing field: platFormTradeNo",
                before);
        assertRejected(client.call("payinSubmit", Map.of("tradeNo", tradeNo, "trxId", "ab")),
                "invalid trxId: must be 4-64 characters of A-Z, a-z, 0-9, _ and -", before);
        assertRejected(client.call("payinSubmit", Map.of("tradeNo", "nosuchorder", "trxId", "ABCD1234")),
                "order not found", before);
        assertThat(client.queryPayin(tradeNo).dataOrThrow().status()).isEqualTo("0015");
    }

    @Test
    void payinSubmit_by_platFormTradeNo_answers_true_and_pays_the_payin() throws Exception {
        TestMerchant merchant = merchant(BD, null, Map.of());
        PayProClient client = client(BD, merchant);
        String tradeNo = tradeNo("BDSP");
        String url = notifyUrl("bd-submit-platform");
        PayinData created = client.payin(payin(tradeNo, "700", url)).dataOrThrow();
        ApiResult<Boolean> submitted = client.payinSubmit(created.platFormTradeNo(), "8N7A6D5C4C");
        assertThat(submitted.accepted()).as(submitted.msg()).isTrue();
        assertThat(submitted.data()).isTrue();
        assertThat(verifiedCallback(url, merchant).status()).isEqualTo("0000");
        assertThat(client.queryPayin(tradeNo).dataOrThrow().status()).isEqualTo("0000");
    }

    @Test
    void payinSubmit_with_both_keys_must_name_one_payin_of_the_merchant_or_changes_nothing() {
        PayProClient client = client(BD, payinMerchant);
        String first = tradeNo("BDK1");
        String second = tradeNo("BDK2");
        PayinData one = client.payin(payin(first, "500", NOTIFY)).dataOrThrow();
        client.payin(payin(second, "500", NOTIFY)).dataOrThrow();
        TestMerchant stranger = merchant(BD, null, Map.of());
        Map<String, Long> before = gateway.snapshot();
        assertRejected(client.call("payinSubmit", Map.of("tradeNo", second, "platFormTradeNo", one.platFormTradeNo(),
                "trxId", "ABCD1234")), "tradeNo and platFormTradeNo name different orders", before);
        assertRejected(client(BD, stranger).call("payinSubmit", Map.of("platFormTradeNo", one.platFormTradeNo(),
                "trxId", "ABCD1234")), "order not found", before);
        assertRejected(client.call("payinSubmit", Map.of("platFormTradeNo", "zzzzzzzzzzzzzzzz", "trxId",
                "ABCD1234")), "order not found", before);
        assertRejected(client.call("payinSubmit", Map.of("platFormTradeNo", "NOT-OURS", "trxId", "ABCD1234")),
                "invalid platFormTradeNo: must be 16 characters of 0-9 and a-z", before);
        assertThat(client.queryPayin(first).dataOrThrow().status()).isEqualTo("0015");
        assertThat(client.queryPayin(second).dataOrThrow().status()).isEqualTo("0015");
        ApiResult<Boolean> agreed = client.call("payinSubmit", Map.of("tradeNo", first, "platFormTradeNo",
                one.platFormTradeNo(), "trxId", "ABCD1234"), Boolean.class);
        assertThat(agreed.data()).as(agreed.msg()).isTrue();
        assertThat(client.queryPayin(first).dataOrThrow().status()).isEqualTo("0000");
    }

    @Test
    void the_brands_way_codes_are_stored_and_echoed_exactly_as_sent() {
        PayProClient client = client(BD, payinMerchant);
        for (String wayCode : List.of("BKASH", "NAGAD", "BKASH_OFFICIAL", "NAGAD_OFFICIAL", "EWALLET_BKASH")) {
            Map<String, String> body = payin(tradeNo("BDW"), "300", NOTIFY);
            body.put("wayCode", wayCode);
            ApiResult<Map<String, Object>> result = client.call("payin", body);
            assertThat(result.accepted()).as(result.msg()).isTrue();
            @SuppressWarnings("unchecked")
            Map<String, Object> info = (Map<String, Object>) result.data().get("paymentInfo");
            assertThat(info).containsEntry("wayCode", wayCode);
            assertThat(result.data().get("paymentLink")).isEqualTo(result.data().get("paymentUrl"));
        }
        Map<String, String> payout = payout(tradeNo("BDWO"), "300", NOTIFY);
        payout.put("wayCode", "BKASH");
        assertThat(client(BD, payoutMerchant).payout(payout).accepted()).isTrue();
        String stored = gateway.app().database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT details->>'wayCode' FROM trade WHERE trade_no = :no").bind("no", payout.get("tradeNo"))
                .mapTo(String.class).one());
        assertThat(stored).isEqualTo("BKASH");
    }

    @Test
    void a_payin_completed_by_the_sandbox_succeeds_and_one_that_fails_moves_no_money() throws Exception {
        TestMerchant merchant = merchant(BD, null, Map.of());
        PayProClient client = client(BD, merchant);
        String paid = tradeNo("BDP");
        String paidUrl = notifyUrl("bd-payin");
        Map<String, String> body = payin(paid, "150.25", paidUrl);
        body.put("wayCode", "EWALLET_NAGAD");
        PayinData created = client.payin(body).dataOrThrow();
        complete(created.platFormTradeNo(), Map.of("status", "0000"));
        Notification callback = verifiedCallback(paidUrl, merchant);
        assertThat(callback.status()).isEqualTo("0000");
        assertThat(callback.amount()).isEqualTo("150.25");
        TradeResult result = client.queryPayin(paid).dataOrThrow();
        assertThat(result.status()).isEqualTo("0000");
        assertThat(result.successTime()).isEqualTo(callback.successTime());

        String failed = tradeNo("BDPF");
        String failedUrl = notifyUrl("bd-payin-fail");
        PayinData second = client.payin(payin(failed, "80", failedUrl)).dataOrThrow();
        complete(second.platFormTradeNo(), Map.of("status", "00029", "message", "payer cancelled"));
        assertThat(verifiedCallback(failedUrl, merchant).status()).isEqualTo("00029");
        assertThat(client.queryPayin(failed).dataOrThrow().message()).isEqualTo("payer cancelled");
        assertThat(client.queryBalance().dataOrThrow().unsettledAmount()).isEqualTo("150.2500");
    }

    @Test
    void payout_to_a_rocket_wallet_succeeds_with_a_signed_callback() throws Exception {
        TestMerchant merchant = merchant(BD, "5000", Map.of("payoutFeeFixed", "15"));
        PayProClient client = client(BD, merchant);
        String tradeNo = tradeNo("BDO");
        String url = notifyUrl("bd-payout");
        Map<String, String> body = payout(tradeNo, "1200", url);
        body.put("wayCode", "EWALLET_ROCKET");
        PayoutData created = client.payout(body).dataOrThrow();
        BalanceData frozen = client.queryBalance().dataOrThrow();
        assertThat(frozen.availableAmount()).isEqualTo("3785.0000");
        assertThat(frozen.freezeAmount()).isEqualTo("1215.0000");
        complete(created.platFormTradeNo(), Map.of("status", "0000"));
        Notification callback = verifiedCallback(url, merchant);
        assertThat(callback.status()).isEqualTo("0000");
        assertThat(callback.amount()).isEqualTo("1200");
        TradeResult result = client.queryPayout(tradeNo).dataOrThrow();
        assertThat(result.status()).isEqualTo("0000");
        assertThat(result.successTime()).isNotNull();
        BalanceData after = client.queryBalance().dataOrThrow();
        assertThat(after.availableAmount()).isEqualTo("3785.0000");
        assertThat(after.freezeAmount()).isEqualTo("0.0000");
    }

    @Test
    void a_failed_payout_returns_everything_to_available() throws Exception {
        TestMerchant merchant = merchant(BD, "1000", Map.of("payoutFeeFixed", "15"));
        PayProClient client = client(BD, merchant);
        String tradeNo = tradeNo("BDOF");
        String url = notifyUrl("bd-payout-fail");
        PayoutData created = client.payout(payout(tradeNo, "313", url)).dataOrThrow();
        complete(created.platFormTradeNo(), Map.of("status", "00029", "message", "simulated bank rejection"));
        Notification callback = verifiedCallback(url, merchant);
        assertThat(callback.status()).isEqualTo("00029");
        assertThat(client.queryPayout(tradeNo).dataOrThrow().status()).isEqualTo("00029");
        BalanceData after = client.queryBalance().dataOrThrow();
        assertThat(after.availableAmount()).isEqualTo("1000.0000");
        assertThat(after.freezeAmount()).isEqualTo("0.0000");
    }

    // ---- (c) field rules -----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("payinRejections")
    void a_payin_breaking_a_rule_is_refused_and_writes_nothing(Case rule) {
        assertRefused(client(BD, payinMerchant), "payin", payin(tradeNo("BDR"), "1000", NOTIFY), rule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payoutRejections")
    void a_payout_breaking_a_rule_is_refused_and_writes_nothing(Case rule) {
        assertRefused(client(BD, payoutMerchant), "payout", payout(tradeNo("BDR"), "1000", NOTIFY), rule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validVariants")
    void requests_within_the_rules_are_accepted(Case variant) {
        boolean isPayout = variant.msg().equals("payout");
        Map<String, String> base = isPayout ? payout(tradeNo("BDV"), "1000", NOTIFY)
                : payin(tradeNo("BDV"), "1000", NOTIFY);
        ApiResult<Map<String, Object>> result = client(BD, isPayout ? payoutMerchant : payinMerchant)
                .call(variant.msg(), apply(base, variant.changes()));
        assertThat(result.accepted()).as(result.msg()).isTrue();
    }

    Stream<Case> payinRejections() {
        List<Case> cases = new ArrayList<>(amountRejections());
        cases.add(missing("wayCode"));
        cases.add(invalid("wayCode Rocket is payout only", "wayCode", "EWALLET_ROCKET", "invalid wayCode: "
                + PAYIN_WAYS));
        cases.add(invalid("wayCode in lower case", "wayCode", "ewallet_bkash", "invalid wayCode: " + PAYIN_WAYS));
        cases.add(invalid("wayCode ROCKET of neither vocabulary", "wayCode", "ROCKET", "invalid wayCode: "
                + PAYIN_WAYS));
        cases.add(invalid("brand wayCode in lower case", "wayCode", "bkash_official", "invalid wayCode: "
                + PAYIN_WAYS));
        cases.add(invalid("returnUrl javascript:", "returnUrl", "javascript:alert(1)",
                "invalid returnUrl: must be an http(s) URL with a host, at most 2048 characters"));
        return cases.stream();
    }

    Stream<Case> payoutRejections() {
        List<Case> cases = new ArrayList<>(amountRejections());
        cases.add(missing("walletId"));
        cases.add(missing("wayCode"));
        cases.add(invalid("walletId of 10 digits", "walletId", "1712345678", "invalid walletId: " + WALLET_RULE));
        cases.add(invalid("walletId with +880", "walletId", "+8801712345678", "invalid walletId: " + WALLET_RULE));
        cases.add(invalid("walletId with 880", "walletId", "8801712345678", "invalid walletId: " + WALLET_RULE));
        cases.add(invalid("walletId with a dash", "walletId", "01712-345678", "invalid walletId: " + WALLET_RULE));
        cases.add(invalid("wayCode Upay", "wayCode", "EWALLET_UPAY", "invalid wayCode: " + PAYOUT_WAYS));
        cases.add(invalid("wayCode a bank", "wayCode", "DBBL", "invalid wayCode: " + PAYOUT_WAYS));
        cases.add(invalid("P2C code is pay-in only", "wayCode", "BKASH_OFFICIAL", "invalid wayCode: "
                + PAYOUT_WAYS));
        return cases.stream();
    }

    private static List<Case> amountRejections() {
        List<Case> cases = new ArrayList<>();
        cases.add(invalid("amount with 3 decimals", "amount", "10.125",
                "invalid amount: amount has more than 2 decimals"));
        cases.add(invalid("amount 0", "amount", "0", "amount must be greater than 0"));
        cases.add(invalid("amount below 1", "amount", "0.50", "amount is below the minimum of 1.00"));
        cases.add(invalid("remark of 257 characters", "remark", "r".repeat(257),
                "invalid remark: must be 1-256 characters without control characters"));
        return cases;
    }

    /** Variants the rules must accept; {@code msg} names the endpoint. */
    Stream<Case> validVariants() {
        return Stream.of(
                new Case("payin with only wayCode", changes("remark", null, "returnUrl", null), "payin"),
                new Case("payin Nagad", changes("wayCode", "EWALLET_NAGAD"), "payin"),
                new Case("payin amount 1 (minimum)", changes("amount", "1"), "payin"),
                new Case("payout bKash", changes("wayCode", "EWALLET_BKASH"), "payout"),
                new Case("payout without remark", changes("remark", null), "payout"),
                new Case("payout amount with 2 decimals", changes("amount", "99.95"), "payout"),
                new Case("payin brand code BKASH (P2P)", changes("wayCode", "BKASH"), "payin"),
                new Case("payin brand code NAGAD (P2P)", changes("wayCode", "NAGAD"), "payin"),
                new Case("payin brand code BKASH_OFFICIAL (P2C)", changes("wayCode", "BKASH_OFFICIAL"), "payin"),
                new Case("payin brand code NAGAD_OFFICIAL (P2C)", changes("wayCode", "NAGAD_OFFICIAL"), "payin"),
                new Case("payout brand code BKASH", changes("wayCode", "BKASH"), "payout"),
                new Case("payout brand code NAGAD", changes("wayCode", "NAGAD"), "payout"));
    }

    // ---- (d) paths -----------------------------------------------------------------------------------------------

    @Test
    void the_country_base_path_and_the_bare_family_path_reach_the_same_endpoints() {
        String tradeNo = tradeNo("BDB");
        assertThat(bareClient(BD, payinMerchant).payin(payin(tradeNo, "300", NOTIFY)).accepted()).isTrue();
        assertThat(client(BD, payinMerchant).queryPayin(tradeNo).dataOrThrow().tradeNo()).isEqualTo(tradeNo);
        assertThat(bareClient(BD, payinMerchant).call("payinSubmit", Map.of("tradeNo", tradeNo, "trxId", "BK1234"))
                .accepted()).isTrue();
        assertThat(client(BD, payinMerchant).queryPayin(tradeNo).dataOrThrow().status()).isEqualTo("0000");
    }

    @Test
    void a_merchant_of_another_country_is_refused_on_the_bangladesh_base_path() {
        TestMerchant indian = merchant(Country.INDIA, null, Map.of());
        Map<String, Long> before = gateway.snapshot();
        PayProClient client = PayProClient.builder().baseUrl(gateway.baseUrl()).country(BD)
                .basePath(BD.basePath()).merchantNo(indian.merchantNo()).secretKey(indian.secret()).build();
        assertRejected(client.payin(payin(tradeNo("BDX"), "300", NOTIFY)),
                "merchant belongs to country IN, not to this BD endpoint", before);
        PayProClient bare = PayProClient.builder().baseUrl(gateway.baseUrl()).country(BD)
                .merchantNo(indian.merchantNo()).secretKey(indian.secret()).build();
        assertRejected(bare.call("payinSubmit", Map.of("tradeNo", "x1234", "trxId", "ABCD1234")),
                "endpoint /v1/paypro/payinSubmit is not available for country IN", before);
    }
}
