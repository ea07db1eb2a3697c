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
 * Vietnam end to end (spec §6.1, docs/countries/VN.md): the {@code /v1/payproVN} family, the documented example
 * bodies, VietQR pay-in and bank payout to success and failure, queries, balance, settlement, signed callbacks, and
 * one refusal per field rule (nothing written).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VietnamIT extends CountryScenarioIT {
    private static final String BASE = "/vietnam-pay/v1/payproVN/";
    private static final String LATIN_RULE = "must be 1-100 Latin letters without Vietnamese diacritics "
            + "(A-Z, a-z, space, . ' -), starting with a letter";
    private static final String BANKS_RULE = "must be a code of the VN banks list (20 codes, see docs/countries/VN.md)";

    private TestMerchant validationMerchant;

    @BeforeAll
    void create_validation_merchant() {
        validationMerchant = merchant(Country.VIETNAM, "10000000", Map.of());
    }

    static Map<String, String> payin(String tradeNo, String amount, String notifyUrl) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("tradeNo", tradeNo);
        fields.put("amount", amount);
        fields.put("bankName", "VietQR");
        fields.put("notifyUrl", notifyUrl);
        fields.put("remark", "order 9");
        return fields;
    }

    static Map<String, String> payout(String tradeNo, String amount, String notifyUrl) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("tradeNo", tradeNo);
        fields.put("amount", amount);
        fields.put("accountName", "NGUYEN THE VIET");
        fields.put("bankName", "ACB");
        fields.put("bankNumber", "18199852");
        fields.put("notifyUrl", notifyUrl);
        fields.put("remark", "test");
        return fields;
    }

    @Test
    void the_documented_payin_and_payout_example_bodies_are_accepted() {
        TestMerchant merchant = merchant(Country.VIETNAM, "100000", Map.of());
        // The guide's examples send notifyUrl "1", which is no URL; ours point at the test receiver instead.
        Map<String, Object> payin = new LinkedHashMap<>();
        payin.put("amount", "50000");
        payin.put("tradeNo", "133323392");
        payin.put("notifyUrl", notifyUrl("vn-doc"));
        payin.put("bankName", "VietQR");
        payin.put("timestamp", Long.toString(System.currentTimeMillis()));
        payin.put("remark", "test");
        TestGateway.Answer in = gateway.signed(BASE + "payin", merchant.merchantNo(), merchant.secret(), payin);
        assertThat(in.code()).as(in.body()).isEqualTo("0000");
        assertThat(in.json().get("data").get("status").asText()).isEqualTo("0015");
        assertThat(in.json().get("data").get("remark").asText()).isEqualTo("test");

        Map<String, Object> payout = new LinkedHashMap<>();
        payout.put("accountName", "NGUYEN THE VIET");
        payout.put("amount", "50000");
        payout.put("bankName", "ACB");
        payout.put("bankNumber", "18199852");
        payout.put("tradeNo", "933323381");
        payout.put("notifyUrl", notifyUrl("vn-doc"));
        payout.put("timestamp", Long.toString(System.currentTimeMillis()));
        payout.put("remark", "test");
        TestGateway.Answer out = gateway.signed(BASE + "payout", merchant.merchantNo(), merchant.secret(), payout);
        assertThat(out.code()).as(out.body()).isEqualTo("0000");
        assertThat(out.json().get("data").get("status").asText()).isEqualTo("0015");
    }

    @Test
    void payin_succeeds_with_a_signed_callback() throws Exception {
        TestMerchant merchant = merchant(Country.VIETNAM, null, Map.of("payinFeeRate", "0.01", "payinFeeFixed", "500"));
        PayProClient client = client(Country.VIETNAM, merchant);
        String url = notifyUrl("vn-payin");
        String tradeNo = tradeNo("vnin");
        ApiResult<PayinData> created = client.payin(payin(tradeNo, "200000", url));
        assertThat(created.accepted()).as(created.msg()).isTrue();
        assertThat(created.data().status()).isEqualTo("0015");
        assertThat(created.data().paymentUrl()).endsWith("/cashier/" + created.data().platFormTradeNo());
        assertThat(client.queryPayin(tradeNo).dataOrThrow().status()).isEqualTo("0015");

        complete(created.data().platFormTradeNo(), Map.of("status", "0000"));
        Notification callback = verifiedCallback(url, merchant);
        assertThat(callback.status()).isEqualTo("0000");
        assertThat(callback.amount()).isEqualTo("200000");
        assertThat(callback.fields()).doesNotContainKeys("channelCode", "wayCode");
        TradeResult done = client.queryPayin(tradeNo).dataOrThrow();
        assertThat(done.status()).isEqualTo("0000");
        assertThat(done.successTime()).isEqualTo(callback.successTime());
    }

    @Test
    void payin_failure_sends_a_failure_callback_and_moves_no_money() throws Exception {
        TestMerchant merchant = merchant(Country.VIETNAM, null, Map.of());
        PayProClient client = client(Country.VIETNAM, merchant);
        String url = notifyUrl("vn-payin-fail");
        String tradeNo = tradeNo("vninf");
        PayinData data = client.payin(payin(tradeNo, "50000", url)).dataOrThrow();
        complete(data.platFormTradeNo(), Map.of("status", "00029"));
        Notification callback = verifiedCallback(url, merchant);
        assertThat(callback.status()).isEqualTo("00029");
        assertThat(callback.message()).isEqualTo("FAILED");
        assertThat(client.queryPayin(tradeNo).dataOrThrow().status()).isEqualTo("00029");
        assertThat(trade(data.platFormTradeNo()).get("postings")).isEmpty();
    }

    @Test
    void a_partial_payment_is_refused_for_vietnam() {
        TestMerchant merchant = merchant(Country.VIETNAM, null, Map.of());
        PayinData data = client(Country.VIETNAM, merchant).payin(payin(tradeNo("vnp"), "60000", notifyUrl("vn-p")))
                .dataOrThrow();
        TestGateway.Answer answer = gateway.admin("POST", "/sandbox/v1/trades/" + data.platFormTradeNo()
                + "/complete", Map.of("status", "0001", "paidAmount", "50000"));
        assertThat(answer.status()).isNotEqualTo(200);
        assertThat(trade(data.platFormTradeNo()).get("status").asText()).isEqualTo("0015");
    }

    @Test
    void payout_success_and_failure_with_signed_callbacks_and_exact_balances() throws Exception {
        TestMerchant merchant = merchant(Country.VIETNAM, "1000000", Map.of("payoutFeeFixed", "5000"));
        PayProClient client = client(Country.VIETNAM, merchant);
        String okUrl = notifyUrl("vn-out-ok");
        String okTradeNo = tradeNo("vnout");
        ApiResult<PayoutData> ok = client.payout(payout(okTradeNo, "300000", okUrl));
        assertThat(ok.accepted()).as(ok.msg()).isTrue();
        BalanceData frozen = client.queryBalance().dataOrThrow();
        assertThat(frozen.availableAmount()).isEqualTo("695000.0000");
        assertThat(frozen.freezeAmount()).isEqualTo("305000.0000");
        complete(ok.data().platFormTradeNo(), Map.of("status", "0000"));
        assertThat(verifiedCallback(okUrl, merchant).status()).isEqualTo("0000");
        TradeResult done = client.queryPayout(okTradeNo).dataOrThrow();
        assertThat(done.status()).isEqualTo("0000");
        assertThat(done.amount()).isEqualTo("300000");

        String failUrl = notifyUrl("vn-out-fail");
        String failTradeNo = tradeNo("vnoutf");
        PayoutData failing = client.payout(payout(failTradeNo, "100013", failUrl)).dataOrThrow();
        complete(failing.platFormTradeNo(), Map.of("status", "00029", "message", "simulated bank rejection"));
        Notification failed = verifiedCallback(failUrl, merchant);
        assertThat(failed.status()).isEqualTo("00029");
        assertThat(failed.message()).isEqualTo("simulated bank rejection");
        assertThat(client.queryPayout(failTradeNo).dataOrThrow().status()).isEqualTo("00029");
        BalanceData after = client.queryBalance().dataOrThrow();
        assertThat(after.availableAmount()).isEqualTo("695000.0000");
        assertThat(after.freezeAmount()).isEqualTo("0.0000");
        assertThat(after.unsettledAmount()).isEqualTo("0.0000");
    }

    @Test
    void the_bare_payproVN_path_works_and_other_countries_are_refused_on_the_vietnam_path() {
        TestMerchant merchant = merchant(Country.VIETNAM, null, Map.of());
        PayProClient bare = bareClient(Country.VIETNAM, merchant);
        String tradeNo = tradeNo("vnbare");
        assertThat(bare.payin(payin(tradeNo, "50000", notifyUrl("vn-bare"))).accepted()).isTrue();
        assertThat(bare.queryPayin(tradeNo).dataOrThrow().tradeNo()).isEqualTo(tradeNo);
        assertThat(bare.queryBalance().dataOrThrow().availableAmount()).isEqualTo("0.0000");
        // Vietnam lives only under its own family, not /v1/paypro.
        var before = gateway.snapshot();
        PayProClient wrongFamily = PayProClient.builder().baseUrl(gateway.baseUrl()).family("/v1/paypro")
                .merchantNo(merchant.merchantNo()).secretKey(merchant.secret()).build();
        assertRejected(wrongFamily.call("payin", payin(tradeNo("vnw"), "50000", notifyUrl("vn-w"))),
                "endpoint /v1/paypro/payin is not available for country VN", before);

        TestMerchant indonesian = merchant(Country.INDONESIA, null, Map.of());
        before = gateway.snapshot();
        PayProClient intruder = PayProClient.builder().baseUrl(gateway.baseUrl()).country(Country.VIETNAM)
                .basePath(Country.VIETNAM.basePath()).merchantNo(indonesian.merchantNo())
                .secretKey(indonesian.secret()).build();
        assertRejected(intruder.payin(payin(tradeNo("vnx"), "50000", notifyUrl("vn-x"))),
                "merchant belongs to country ID, not to this VN endpoint", before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void a_request_breaking_a_field_rule_is_refused_and_writes_nothing(Case rule) {
        String tradeNo = tradeNo("vnr");
        Map<String, String> base = rule.endpoint().equals("payout") ? payout(tradeNo, "50000", notifyUrl("vn-r"))
                : payin(tradeNo, "50000", notifyUrl("vn-r"));
        assertSignedRejected(BASE + rule.endpoint(), validationMerchant, apply(base, rule.changes()),
                rule.msg());
    }

    Stream<Case> rejections() {
        List<Case> cases = new ArrayList<>();
        for (String endpoint : List.of("payin", "payout")) {
            for (String field : List.of("tradeNo", "amount", "notifyUrl", "bankName")) {
                cases.add(missing(endpoint, field));
            }
            cases.add(invalidValue(endpoint, "amount", "49999", "amount is below the minimum of 50000"));
            cases.add(invalidValue(endpoint, "amount", "50000.5", "invalid amount: amount must be a whole number"));
            cases.add(invalidValue(endpoint, "amount", "500000001", "amount exceeds the maximum of 500000000"));
            cases.add(invalidValue(endpoint, "remark", "x".repeat(257),
                    "invalid remark: must be 1-256 characters without control characters"));
        }
        cases.add(invalidValue("payin", "bankName", "VIETQR", "invalid bankName: must be one of VietQR"));
        cases.add(invalidValue("payin", "bankName", "ACB", "invalid bankName: must be one of VietQR"));
        for (String field : List.of("accountName", "bankNumber")) {
            cases.add(missing("payout", field));
        }
        cases.add(invalidValue("payout", "accountName", "NGUYỄN THẾ VIỆT", "invalid accountName: " + LATIN_RULE));
        cases.add(invalidValue("payout", "accountName", "NGUYEN 2", "invalid accountName: " + LATIN_RULE));
        cases.add(invalidValue("payout", "accountName", " NGUYEN", "invalid accountName: " + LATIN_RULE));
        cases.add(invalidValue("payout", "bankName", "VietQR", "invalid bankName: " + BANKS_RULE));
        cases.add(invalidValue("payout", "bankName", "acb", "invalid bankName: " + BANKS_RULE));
        cases.add(invalidValue("payout", "bankNumber", "12345", "invalid bankNumber: must be 6-20 digits"));
        cases.add(invalidValue("payout", "bankNumber", "1819 9852", "invalid bankNumber: must be 6-20 digits"));
        return cases.stream();
    }
}
