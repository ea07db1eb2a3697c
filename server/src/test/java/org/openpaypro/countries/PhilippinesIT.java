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
import org.junit.jupiter.params.provider.ValueSource;
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
 * Philippines end to end (spec §6.1-§6.2, docs/countries/PH.md): the documented pay-in fields, {@code payIn} and
 * {@code paymentLink} with every {@code payType}, payout (our field decision) to success and failure, queries,
 * balance, settlement, signed callbacks, and one refusal per field rule (nothing written).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhilippinesIT extends CountryScenarioIT {
    private static final String BASE = "/ph-pay/v1/paypro/";
    private static final String PAY_TYPES = "must be one of GCash, GrabPay, Maya, QRPH, GCash QR, Maya QR, "
            + "Gotyme QR, UnionBank, BPI, RCBC";
    private static final String URL_RULE = "must be an http(s) URL with a host, or a host name with an optional path "
            + "(e.g. www.example.com/done), at most 2048 characters";
    private static final String BANKS_RULE = "must be a code of the PH banks list (16 codes, see docs/countries/PH.md)";

    private TestMerchant validationMerchant;

    @BeforeAll
    void create_validation_merchant() {
        validationMerchant = merchant(Country.PHILIPPINES, "100000", Map.of());
    }

    static Map<String, String> payin(String tradeNo, String amount, String payType, String notifyUrl) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("tradeNo", tradeNo);
        fields.put("amount", amount);
        fields.put("payType", payType);
        fields.put("notifyUrl", notifyUrl);
        fields.put("returnUrl", "https://merchant.example/ph/done");
        fields.put("remark", "order 5");
        return fields;
    }

    static Map<String, String> payout(String tradeNo, String amount, String notifyUrl) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("tradeNo", tradeNo);
        fields.put("amount", amount);
        fields.put("customerName", "Juan Dela Cruz");
        fields.put("bankCode", "GCASH");
        fields.put("bankAccountNo", "09171234567");
        fields.put("notifyUrl", notifyUrl);
        fields.put("remark", "cash out");
        return fields;
    }

    @Test
    void the_guides_payIn_example_is_accepted_verbatim_with_its_scheme_less_returnUrl() {
        TestMerchant merchant = merchant(Country.PHILIPPINES, null, Map.of());
        // The guide's example: amount "200", payType GrabPay, without remark, returnUrl "www.google.com".
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", "200");
        body.put("payType", "GrabPay");
        body.put("tradeNo", "99333213852");
        body.put("notifyUrl", notifyUrl("ph-doc"));
        body.put("returnUrl", "www.google.com");
        body.put("timestamp", Long.toString(System.currentTimeMillis()));
        TestGateway.Answer answer = gateway.signed(BASE + "payIn", merchant.merchantNo(), merchant.secret(), body);
        assertThat(answer.code()).as(answer.body()).isEqualTo("0000");
        assertThat(answer.json().get("data").get("status").asText()).isEqualTo("0015");
        assertThat(answer.json().get("data").get("paymentUrl").asText()).contains("/cashier/");
    }

    @Test
    void the_guides_cashier_example_with_a_numeric_payType_is_accepted_on_paymentLink() {
        TestMerchant merchant = merchant(Country.PHILIPPINES, null, Map.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", "200");
        body.put("payType", "3");
        body.put("tradeNo", "99333213853");
        body.put("notifyUrl", notifyUrl("ph-doc-link"));
        body.put("returnUrl", "www.google.com");
        body.put("timestamp", Long.toString(System.currentTimeMillis()));
        TestGateway.Answer answer = gateway.signed(BASE + "paymentLink", merchant.merchantNo(), merchant.secret(),
                body);
        assertThat(answer.code()).as(answer.body()).isEqualTo("0000");
        assertThat(answer.json().get("data").get("paymentInfo").get("payType").asText()).isEqualTo("3");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GCash", "GrabPay", "Maya", "QRPH", "GCash QR", "Maya QR", "Gotyme QR", "UnionBank", "BPI",
            "RCBC"})
    void every_documented_payType_is_accepted_on_payIn_and_paymentLink(String payType) {
        TestMerchant merchant = validationMerchant;
        PayProClient client = client(Country.PHILIPPINES, merchant);
        ApiResult<PayinData> h2h = client.payin(payin(tradeNo("phpt"), "100", payType, notifyUrl("ph-pt")));
        assertThat(h2h.accepted()).as(h2h.msg()).isTrue();
        ApiResult<PayinData> link = client.call("paymentLink", payin(tradeNo("phpt"), "100.50", payType,
                notifyUrl("ph-pt")), PayinData.class);
        assertThat(link.accepted()).as(link.msg()).isTrue();
    }

    @Test
    void payIn_succeeds_with_a_signed_callback_then_settles_net_of_fee() throws Exception {
        TestMerchant merchant = merchant(Country.PHILIPPINES, null, Map.of("payinFeeRate", "0.025"));
        PayProClient client = client(Country.PHILIPPINES, merchant);
        String url = notifyUrl("ph-in");
        String tradeNo = tradeNo("phin");
        ApiResult<PayinData> created = client.payin(payin(tradeNo, "1000.50", "GCash", url));
        assertThat(created.accepted()).as(created.msg()).isTrue();
        assertThat(created.data().status()).isEqualTo("0015");
        assertThat(client.queryPayin(tradeNo).dataOrThrow().status()).isEqualTo("0015");
        complete(created.data().platFormTradeNo(), Map.of("status", "0000"));
        Notification callback = verifiedCallback(url, merchant);
        assertThat(callback.status()).isEqualTo("0000");
        assertThat(callback.amount()).isEqualTo("1000.50");
        TradeResult done = client.queryPayin(tradeNo).dataOrThrow();
        assertThat(done.status()).isEqualTo("0000");
        assertThat(done.amount()).isEqualTo("1000.50");
        assertThat(done.successTime()).isEqualTo(callback.successTime());
        // fee = 1000.50 * 2.5% = 25.0125
        BalanceData unsettled = client.queryBalance().dataOrThrow();
        assertThat(unsettled.unsettledAmount()).isEqualTo("975.4875");
        assertThat(unsettled.availableAmount()).isEqualTo("0.0000");
        settleAll();
        BalanceData settled = client.queryBalance().dataOrThrow();
        assertThat(settled.availableAmount()).isEqualTo("975.4875");
        assertThat(settled.unsettledAmount()).isEqualTo("0.0000");
        assertThat(settled.freezeAmount()).isEqualTo("0.0000");
    }

    @Test
    void paymentLink_failure_sends_a_failure_callback_and_moves_no_money() throws Exception {
        TestMerchant merchant = merchant(Country.PHILIPPINES, null, Map.of());
        PayProClient client = client(Country.PHILIPPINES, merchant);
        String url = notifyUrl("ph-in-fail");
        String tradeNo = tradeNo("phinf");
        PayinData data = client.call("paymentLink", payin(tradeNo, "300", "Maya QR", url), PayinData.class)
                .dataOrThrow();
        assertThat(data.paymentUrl()).endsWith("/cashier/" + data.platFormTradeNo());
        complete(data.platFormTradeNo(), Map.of("status", "00029", "message", "expired"));
        Notification callback = verifiedCallback(url, merchant);
        assertThat(callback.status()).isEqualTo("00029");
        assertThat(callback.message()).isEqualTo("expired");
        assertThat(client.queryPayin(tradeNo).dataOrThrow().status()).isEqualTo("00029");
        assertThat(trade(data.platFormTradeNo()).get("postings")).isEmpty();
    }

    @Test
    void payOut_success_and_failure_with_signed_callbacks_and_exact_balances() throws Exception {
        TestMerchant merchant = merchant(Country.PHILIPPINES, "5000.00", Map.of("payoutFeeFixed", "15.00"));
        PayProClient client = client(Country.PHILIPPINES, merchant);
        String okUrl = notifyUrl("ph-out-ok");
        String okTradeNo = tradeNo("phout");
        ApiResult<PayoutData> ok = client.payout(payout(okTradeNo, "1200.25", okUrl));
        assertThat(ok.accepted()).as(ok.msg()).isTrue();
        BalanceData frozen = client.queryBalance().dataOrThrow();
        assertThat(frozen.availableAmount()).isEqualTo("3784.7500");
        assertThat(frozen.freezeAmount()).isEqualTo("1215.2500");
        complete(ok.data().platFormTradeNo(), Map.of("status", "0000"));
        assertThat(verifiedCallback(okUrl, merchant).status()).isEqualTo("0000");
        assertThat(client.queryPayout(okTradeNo).dataOrThrow().status()).isEqualTo("0000");

        String failUrl = notifyUrl("ph-out-fail");
        String failTradeNo = tradeNo("phoutf");
        Map<String, String> fields = payout(failTradeNo, "113", failUrl);
        fields.put("bankCode", "BDO");
        fields.put("bankAccountNo", "001234567890");
        PayoutData failing = client.payout(fields).dataOrThrow();
        complete(failing.platFormTradeNo(), Map.of("status", "00029", "message", "simulated bank rejection"));
        Notification failed = verifiedCallback(failUrl, merchant);
        assertThat(failed.status()).isEqualTo("00029");
        assertThat(failed.successTime()).isNull();
        assertThat(client.queryPayout(failTradeNo).dataOrThrow().message()).isEqualTo("simulated bank rejection");
        BalanceData after = client.queryBalance().dataOrThrow();
        assertThat(after.availableAmount()).isEqualTo("3784.7500");
        assertThat(after.freezeAmount()).isEqualTo("0.0000");
        assertThat(after.unsettledAmount()).isEqualTo("0.0000");
    }

    @Test
    void the_bare_family_path_works_and_other_countries_are_refused_on_the_philippines_path() {
        TestMerchant merchant = merchant(Country.PHILIPPINES, null, Map.of());
        PayProClient bare = bareClient(Country.PHILIPPINES, merchant);
        String tradeNo = tradeNo("phbare");
        assertThat(bare.payin(payin(tradeNo, "50", "QRPH", notifyUrl("ph-bare"))).accepted()).isTrue();
        assertThat(client(Country.PHILIPPINES, merchant).queryPayin(tradeNo).dataOrThrow().tradeNo())
                .isEqualTo(tradeNo);
        TestMerchant vietnamese = merchant(Country.VIETNAM, null, Map.of());
        var before = gateway.snapshot();
        PayProClient intruder = PayProClient.builder().baseUrl(gateway.baseUrl()).country(Country.PHILIPPINES)
                .basePath(Country.PHILIPPINES.basePath()).merchantNo(vietnamese.merchantNo())
                .secretKey(vietnamese.secret()).build();
        assertRejected(intruder.payin(payin(tradeNo("phx"), "50", "GCash", notifyUrl("ph-x"))),
                "merchant belongs to country VN, not to this PH endpoint", before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void a_request_breaking_a_field_rule_is_refused_and_writes_nothing(Case rule) {
        Map<String, String> base = rule.endpoint().equals("payOut") ? payout(tradeNo("phr"), "100", notifyUrl("ph-r"))
                : payin(tradeNo("phr"), "100", "GCash", notifyUrl("ph-r"));
        assertSignedRejected(BASE + rule.endpoint(), validationMerchant, apply(base, rule.changes()),
                rule.msg());
    }

    Stream<Case> rejections() {
        List<Case> cases = new ArrayList<>();
        for (String endpoint : List.of("payIn", "paymentLink", "payOut")) {
            for (String field : List.of("tradeNo", "amount", "notifyUrl")) {
                cases.add(missing(endpoint, field));
            }
            cases.add(invalidValue(endpoint, "amount", "10.505", "invalid amount: amount has more than 2 decimals"));
            cases.add(invalidValue(endpoint, "amount", "0.99", "amount is below the minimum of 1.00"));
            cases.add(invalidValue(endpoint, "amount", "1000000.01", "amount exceeds the maximum of 1000000.00"));
            cases.add(invalidValue(endpoint, "remark", "a\nb",
                    "invalid remark: must be 1-256 characters without control characters"));
        }
        for (String endpoint : List.of("payIn", "paymentLink")) {
            cases.add(missing(endpoint, "payType"));
            cases.add(missing(endpoint, "returnUrl"));
            String payTypes = endpoint.equals("payIn") ? PAY_TYPES : PAY_TYPES + ", or a numeric code";
            cases.add(invalidValue(endpoint, "payType", "gcash", "invalid payType: " + payTypes));
            cases.add(invalidValue(endpoint, "payType", "GCashQR", "invalid payType: " + payTypes));
            cases.add(invalidValue(endpoint, "payType", "1234", "invalid payType: " + payTypes));
            cases.add(invalidValue(endpoint, "returnUrl", "google", "invalid returnUrl: " + URL_RULE));
            cases.add(invalidValue(endpoint, "returnUrl", "www.google.com/a b", "invalid returnUrl: " + URL_RULE));
            cases.add(invalidValue(endpoint, "returnUrl", "javascript:alert(1)", "invalid returnUrl: " + URL_RULE));
        }
        cases.add(invalidValue("payIn", "payType", "3", "invalid payType: " + PAY_TYPES));
        for (String field : List.of("customerName", "bankCode", "bankAccountNo")) {
            cases.add(missing("payOut", field));
        }
        cases.add(invalidValue("payOut", "customerName", "x".repeat(101),
                "invalid customerName: must be 1-100 characters without control characters"));
        cases.add(invalidValue("payOut", "bankCode", "gcash", "invalid bankCode: " + BANKS_RULE));
        cases.add(invalidValue("payOut", "bankCode", "GCash", "invalid bankCode: " + BANKS_RULE));
        cases.add(invalidValue("payOut", "bankAccountNo", "+639171234567",
                "invalid bankAccountNo: must be 6-20 digits"));
        cases.add(invalidValue("payOut", "bankAccountNo", "12345", "invalid bankAccountNo: must be 6-20 digits"));
        return cases.stream();
    }
}
