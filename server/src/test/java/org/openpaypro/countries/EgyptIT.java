package org.openpaypro.countries;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
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
import org.openpaypro.testing.CountryScenarioIT;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Egypt end to end (spec §6.1, §6.2 [D-EG], docs/countries/EG.md): {@code payIn} with payer, mobile and e-mail,
 * {@code payOut} to a wallet, whole pounds from 100 to 10,000, queries with {@code createTime} and
 * {@code receivedAmount}, signed callbacks in Cairo time, and one refusal per field rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EgyptIT extends CountryScenarioIT {
    private static final Country EG = Country.EGYPT;
    private static final String BASE = "/egypt-pay/v1/paypro/";
    private static final String NOTIFY = "http://localhost:9/notify";
    private static final ZoneId CAIRO = ZoneId.of("Africa/Cairo");
    private static final String MOBILE_RULE = "must be 11 digits starting 010 to 018 (e.g. 01012345678)";
    private static final String WALLET_RULE =
            "must be the wallet's mobile number, 11 digits starting 010 to 018 (e.g. 01012345678)";
    private static final String TEXT_100 = "must be 1-100 characters without control characters";

    private TestMerchant rulesMerchant;

    @BeforeAll
    void create_merchant() {
        rulesMerchant = merchant(EG, "1000000", Map.of());
    }

    @Test
    void the_documented_fields_of_pay_in_and_payout_are_accepted_with_our_signature() {
        TestMerchant merchant = merchant(EG, "10000", Map.of());
        TestGateway.Answer payin = gateway.signed(BASE + "payIn", merchant.merchantNo(), merchant.secret(),
                Map.of("tradeNo", tradeNo("EG"), "amount", 100, "payer", "Ahmed Hassan", "mobile", "01012345678",
                        "email", "ahmed@example.com", "notifyUrl", NOTIFY, "remark", "order 1"));
        assertThat(payin.code()).as(payin.body()).isEqualTo("0000");
        assertThat(payin.json().at("/data/status").asText()).isEqualTo("0015");
        TestGateway.Answer payout = gateway.signed(BASE + "payOut", merchant.merchantNo(), merchant.secret(),
                Map.of("tradeNo", tradeNo("EG"), "amount", "10000", "walletId", "01112345678",
                        "customerName", "Mona Ali", "notifyUrl", NOTIFY));
        assertThat(payout.code()).as(payout.body()).isEqualTo("0000");
        assertThat(payout.json().at("/data/status").asText()).isEqualTo("0015");
    }

    @Test
    void payin_succeeds_with_create_time_and_received_amount_and_sends_a_signed_callback() throws Exception {
        TestMerchant merchant = merchant(EG, null, Map.of("payinFeeRate", "0.03", "payinFeeFixed", "2"));
        PayProClient client = client(EG, merchant);
        String tradeNo = tradeNo("EG");
        String url = notifyUrl("eg-payin");
        ApiResult<PayinData> created = client.payin(payin(tradeNo, "500", url));
        assertThat(created.accepted()).as(created.msg()).isTrue();
        assertThat(created.data().status()).isEqualTo("0015");
        Map<String, Object> processing = client.call("queryPayInResult", Map.of("tradeNo", tradeNo)).dataOrThrow();
        assertThat(processing.get("status")).isEqualTo("0015");
        assertLocalNow((String) processing.get("createTime"), CAIRO);
        assertThat(processing).doesNotContainKeys("receivedAmount", "successTime");

        complete(created.data().platFormTradeNo(), Map.of("status", "0000"));
        Map<String, Object> done = client.call("queryPayInResult", Map.of("tradeNo", tradeNo)).dataOrThrow();
        assertThat(done).containsEntry("status", "0000").containsEntry("amount", "500")
                .containsEntry("receivedAmount", "500").containsEntry("message", "SUCCESS")
                .containsEntry("createTime", processing.get("createTime"));
        assertLocalNow((String) done.get("successTime"), CAIRO);

        Notification notification = verifiedTextualCallback(url, merchant);
        assertThat(notification.tradeNo()).isEqualTo(tradeNo);
        assertThat(notification.status()).isEqualTo("0000");
        assertThat(notification.amount()).isEqualTo("500");
        assertThat(notification.successTime()).isEqualTo(done.get("successTime"));
        assertThat(notification.timestamp()).matches("[0-9]{13}");
    }

    @Test
    void payin_failure_credits_nothing_and_has_no_received_amount() throws Exception {
        TestMerchant merchant = merchant(EG, null, Map.of());
        PayProClient client = client(EG, merchant);
        String tradeNo = tradeNo("EG");
        String url = notifyUrl("eg-payin-fail");
        PayinData data = client.payin(payin(tradeNo, "100", url)).dataOrThrow();
        complete(data.platFormTradeNo(), Map.of("status", "00029", "message", "wallet declined"));
        Map<String, Object> result = client.call("queryPayInResult", Map.of("tradeNo", tradeNo)).dataOrThrow();
        assertThat(result).containsEntry("status", "00029").containsEntry("message", "wallet declined")
                .containsKey("createTime").doesNotContainKeys("receivedAmount", "successTime");
        Notification notification = verifiedTextualCallback(url, merchant);
        assertThat(notification.status()).isEqualTo("00029");
        assertThat(notification.successTime()).isNull();
        assertThat(trade(data.platFormTradeNo()).get("postings")).isEmpty();
        assertThat(client.queryBalance().dataOrThrow().unsettledAmount()).isEqualTo("0.0000");
    }

    @Test
    void payout_freezes_amount_and_fee_then_succeeds_with_a_signed_callback() throws Exception {
        TestMerchant merchant = merchant(EG, "20000", Map.of("payoutFeeRate", "0.01", "payoutFeeFixed", "3"));
        PayProClient client = client(EG, merchant);
        String tradeNo = tradeNo("EG");
        String url = notifyUrl("eg-payout");
        ApiResult<PayoutData> created = client.payout(payout(tradeNo, "2000", url));
        assertThat(created.accepted()).as(created.msg()).isTrue();
        // fee 2000 * 1% + 3 = 23
        BalanceData frozen = client.queryBalance().dataOrThrow();
        assertThat(frozen.availableAmount()).isEqualTo("17977.0000");
        assertThat(frozen.freezeAmount()).isEqualTo("2023.0000");
        complete(created.data().platFormTradeNo(), Map.of("status", "0000"));
        Map<String, Object> result = client.call("queryPayOutResult", Map.of("tradeNo", tradeNo)).dataOrThrow();
        // receivedAmount is what a payer paid: pay-ins only (docs/countries/EG.md)
        assertThat(result).containsEntry("status", "0000").containsEntry("amount", "2000")
                .containsKey("createTime").doesNotContainKey("receivedAmount");
        assertLocalNow((String) result.get("successTime"), CAIRO);
        BalanceData after = client.queryBalance().dataOrThrow();
        assertThat(after.availableAmount()).isEqualTo("17977.0000");
        assertThat(after.freezeAmount()).isEqualTo("0.0000");
        Notification notification = verifiedTextualCallback(url, merchant);
        assertThat(notification.status()).isEqualTo("0000");
        assertThat(notification.amount()).isEqualTo("2000");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void a_request_breaking_a_field_rule_is_refused_with_8000_and_writes_nothing(Case rule) {
        assertRefused(client(EG, rulesMerchant), rule.endpoint(), rule.endpoint().equals("payIn")
                ? payin(tradeNo("EG"), "100", NOTIFY) : payout(tradeNo("EG"), "100", NOTIFY), rule);
    }

    Stream<Case> rejections() {
        List<Case> cases = new ArrayList<>();
        for (String endpoint : List.of("payIn", "payOut")) {
            for (String field : List.of("tradeNo", "amount", "notifyUrl")) {
                cases.add(missing(endpoint, field));
            }
            cases.add(new Case("amount with decimals", endpoint, Map.of("amount", "150.50"),
                    "invalid amount: amount must be a whole number"));
            cases.add(new Case("amount 99", endpoint, Map.of("amount", "99"),
                    "amount is below the minimum of 100"));
            cases.add(new Case("amount 10001", endpoint, Map.of("amount", "10001"),
                    "amount exceeds the maximum of 10000"));
            cases.add(new Case("amount 0", endpoint, Map.of("amount", "0"), "amount must be greater than 0"));
            cases.add(new Case("remark of 257 characters", endpoint, Map.of("remark", "r".repeat(257)),
                    "invalid remark: must be 1-256 characters without control characters"));
        }
        for (String field : List.of("payer", "mobile", "email")) {
            cases.add(missing("payIn", field));
        }
        cases.add(new Case("payer of 101 characters", "payIn", Map.of("payer", "P".repeat(101)),
                "invalid payer: " + TEXT_100));
        cases.add(new Case("mobile of 10 digits", "payIn", Map.of("mobile", "0101234567"),
                "invalid mobile: " + MOBILE_RULE));
        cases.add(new Case("mobile starting 019", "payIn", Map.of("mobile", "01912345678"),
                "invalid mobile: " + MOBILE_RULE));
        cases.add(new Case("mobile with country code", "payIn", Map.of("mobile", "201012345678"),
                "invalid mobile: " + MOBILE_RULE));
        cases.add(new Case("email without domain", "payIn", Map.of("email", "ahmed@example"),
                "invalid email: must be an e-mail address"));
        cases.add(new Case("returnUrl ftp", "payIn", Map.of("returnUrl", "ftp://x"),
                "invalid returnUrl: must be an http(s) URL with a host, at most 2048 characters"));
        cases.add(missing("payOut", "walletId"));
        cases.add(missing("payOut", "customerName"));
        cases.add(new Case("walletId starting 019", "payOut", Map.of("walletId", "01912345678"),
                "invalid walletId: " + WALLET_RULE));
        cases.add(new Case("walletId with letters", "payOut", Map.of("walletId", "0101234567a"),
                "invalid walletId: " + WALLET_RULE));
        cases.add(new Case("customerName with a control character", "payOut", Map.of("customerName", "Mona\u0007"),
                "invalid customerName: " + TEXT_100));
        return cases.stream();
    }

    @Test
    void the_amount_bounds_are_inclusive() {
        PayProClient client = client(EG, rulesMerchant);
        assertThat(client.payin(payin(tradeNo("EG"), "10000", NOTIFY)).accepted()).isTrue();
        assertThat(client.payout(payout(tradeNo("EG"), "100", NOTIFY)).accepted()).isTrue();
        Map<String, String> allMobiles = payin(tradeNo("EG"), "100", NOTIFY);
        allMobiles.put("mobile", "01812345678");
        assertThat(client.payin(allMobiles).accepted()).isTrue();
    }

    @Test
    void the_bare_path_works_and_a_merchant_of_another_country_is_refused_on_the_egypt_path() {
        TestMerchant merchant = merchant(EG, null, Map.of());
        String tradeNo = tradeNo("EG");
        assertThat(bareClient(EG, merchant).payin(payin(tradeNo, "100", NOTIFY)).accepted()).isTrue();
        assertThat(client(EG, merchant).queryPayin(tradeNo).dataOrThrow().tradeNo()).isEqualTo(tradeNo);
        TestMerchant brazilian = merchant(Country.BRAZIL, null, Map.of());
        var before = gateway.snapshot();
        assertRejected(client(EG, brazilian).payin(payin(tradeNo("EG"), "100", NOTIFY)),
                "merchant belongs to country BR, not to this EG endpoint", before);
        assertRejected(bareClient(EG, brazilian).payin(payin(tradeNo("EG"), "100", NOTIFY)),
                "endpoint /v1/paypro/payIn is not available for country BR", before);
    }

    static Map<String, String> payin(String tradeNo, String amount, String notifyUrl) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("tradeNo", tradeNo);
        body.put("amount", amount);
        body.put("payer", "Ahmed Hassan");
        body.put("mobile", "01012345678");
        body.put("email", "ahmed@example.com");
        body.put("notifyUrl", notifyUrl);
        body.put("remark", "r");
        return body;
    }

    static Map<String, String> payout(String tradeNo, String amount, String notifyUrl) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("tradeNo", tradeNo);
        body.put("amount", amount);
        body.put("walletId", "01112345678");
        body.put("customerName", "Mona Ali");
        body.put("notifyUrl", notifyUrl);
        body.put("remark", "r");
        return body;
    }
}
