package org.openpaypro.countries;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Mexico end to end (spec §6.1, §6.2 [D-MX], §5.3, docs/countries/MX.md): {@code payInApi} and hosted
 * {@code paymentLink} with way codes store / va, {@code payOut} by CLABE or debit card to a bank of the list, whole
 * pesos, partial pay-ins ({@code 0001}) crediting what was paid, queries with {@code receivedAmount} and
 * {@code createTime}, {@code utr} on payouts, signed callbacks, and one refusal per field rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MexicoIT extends CountryScenarioIT {
    private static final Country MX = Country.MEXICO;
    private static final String BASE = "/mex-pay/v1/paypro/";
    private static final String NOTIFY = "http://localhost:9/notify";
    private static final ZoneId MEXICO_CITY = ZoneId.of("America/Mexico_City");
    private static final String MOBILE_RULE = "must be 10 digits, optionally preceded by 52 (e.g. 5512345678)";
    private static final String CLABE = "012180001234567897";
    private static final String CARD = "4152313412345678";

    private TestMerchant rulesMerchant;

    @BeforeAll
    void create_merchant() {
        rulesMerchant = merchant(MX, "1000000", Map.of());
    }

    @Test
    void the_documented_fields_of_every_endpoint_are_accepted_with_our_signature() {
        TestMerchant merchant = merchant(MX, "10000", Map.of());
        TestGateway.Answer h2h = gateway.signed(BASE + "payInApi", merchant.merchantNo(), merchant.secret(),
                Map.of("tradeNo", tradeNo("MX"), "amount", 500, "wayCode", "store", "payer", "Juan Perez",
                        "mobile", "5512345678", "email", "juan@example.com", "notifyUrl", NOTIFY, "remark", "o1"));
        assertAccepted(h2h);
        assertAccepted(gateway.signed(BASE + "payInApi", merchant.merchantNo(), merchant.secret(),
                Map.of("tradeNo", tradeNo("MX"), "amount", "500", "wayCode", "va", "notifyUrl", NOTIFY)));
        TestGateway.Answer link = gateway.signed(BASE + "paymentLink", merchant.merchantNo(), merchant.secret(),
                Map.of("tradeNo", tradeNo("MX"), "amount", "300", "notifyUrl", NOTIFY,
                        "returnUrl", "https://merchant.example/done"));
        assertAccepted(link);
        assertThat(link.json().at("/data/paymentUrl").asText()).contains("/cashier/");
        assertAccepted(gateway.signed(BASE + "payOut", merchant.merchantNo(), merchant.secret(),
                Map.of("tradeNo", tradeNo("MX"), "amount", "200", "wayCode", "012", "customerAccountType", "CLABE",
                        "customerAccount", CLABE, "notifyUrl", NOTIFY)));
        assertAccepted(gateway.signed(BASE + "payOut", merchant.merchantNo(), merchant.secret(),
                Map.of("tradeNo", tradeNo("MX"), "amount", "200", "wayCode", "014",
                        "customerAccountType", "DebitCard", "customerAccount", CARD, "customerName", "Ana Lopez",
                        "notifyUrl", NOTIFY)));
    }

    @Test
    void a_body_with_the_paypro_trade_no_alias_is_accepted_and_answers_use_plat_form_trade_no() {
        TestMerchant merchant = merchant(MX, null, Map.of());
        TestGateway.Answer answer = gateway.signed(BASE + "payInApi", merchant.merchantNo(), merchant.secret(),
                Map.of("tradeNo", tradeNo("MX"), "amount", "100", "wayCode", "va", "notifyUrl", NOTIFY,
                        "payproTradeNo", "ignored"));
        assertAccepted(answer);
        assertThat(answer.json().at("/data/platFormTradeNo").asText()).matches("[0-9a-z]{16}");
        assertThat(answer.json().at("/data").has("payproTradeNo")).isFalse();
    }

    @Test
    void payin_succeeds_with_received_amount_and_create_time_and_sends_a_signed_callback() throws Exception {
        TestMerchant merchant = merchant(MX, null, Map.of("payinFeeRate", "0.02"));
        PayProClient client = client(MX, merchant);
        String tradeNo = tradeNo("MX");
        String url = notifyUrl("mx-payin");
        ApiResult<PayinData> created = client.payin(payin(tradeNo, "1000", url));
        assertThat(created.accepted()).as(created.msg()).isTrue();
        assertThat(created.data().status()).isEqualTo("0015");
        Map<String, Object> processing = query(client, "queryPayInResult", tradeNo);
        assertThat(processing).containsEntry("status", "0015").containsEntry("orderAmount", "1000")
                .doesNotContainKeys("receivedAmount", "successTime", "payAmount");
        assertLocalNow((String) processing.get("createTime"), MEXICO_CITY);

        complete(created.data().platFormTradeNo(), Map.of("status", "0000"));
        Map<String, Object> done = query(client, "queryPayInResult", tradeNo);
        assertThat(done).containsEntry("status", "0000").containsEntry("amount", "1000")
                .containsEntry("receivedAmount", "1000").containsEntry("createTime", processing.get("createTime"))
                .containsEntry("orderAmount", "1000").containsEntry("payAmount", "1000");
        assertLocalNow((String) done.get("successTime"), MEXICO_CITY);
        Notification notification = verifiedTextualCallback(url, merchant);
        assertThat(notification.status()).isEqualTo("0000");
        assertThat(notification.amount()).isEqualTo("1000");
        assertThat(notification.fields()).doesNotContainKey("utr");
    }

    @Test
    void a_partial_payment_0001_reports_what_was_paid_as_received_amount() throws Exception {
        TestMerchant merchant = merchant(MX, null, Map.of("payinFeeRate", "0.02"));
        PayProClient client = client(MX, merchant);
        String tradeNo = tradeNo("MX");
        String url = notifyUrl("mx-partial");
        PayinData data = client.call("paymentLink", payin(tradeNo, "1000", url), PayinData.class).dataOrThrow();
        JsonNode after = complete(data.platFormTradeNo(), Map.of("status", "0001", "paidAmount", "600"));
        assertThat(after.get("status").asText()).isEqualTo("0001");
        Map<String, Object> result = query(client, "queryPayInResult", tradeNo);
        assertThat(result).containsEntry("status", "0001").containsEntry("amount", "1000")
                .containsEntry("receivedAmount", "600").containsEntry("orderAmount", "1000")
                .containsEntry("payAmount", "600");
        assertLocalNow((String) result.get("successTime"), MEXICO_CITY);
        Notification notification = verifiedTextualCallback(url, merchant);
        assertThat(notification.status()).isEqualTo("0001");
        assertThat(notification.amount()).isEqualTo("600");
    }

    @Test
    void payin_failure_credits_nothing() throws Exception {
        TestMerchant merchant = merchant(MX, null, Map.of());
        PayProClient client = client(MX, merchant);
        String tradeNo = tradeNo("MX");
        String url = notifyUrl("mx-payin-fail");
        PayinData data = client.payin(payin(tradeNo, "100", url)).dataOrThrow();
        complete(data.platFormTradeNo(), Map.of("status", "00029", "message", "reference expired"));
        Map<String, Object> result = query(client, "queryPayInResult", tradeNo);
        assertThat(result).containsEntry("status", "00029").containsEntry("message", "reference expired")
                .doesNotContainKeys("receivedAmount", "successTime")
                .containsEntry("orderAmount", "100").containsEntry("payAmount", "0");
        assertThat(verifiedTextualCallback(url, merchant).status()).isEqualTo("00029");
        assertThat(trade(data.platFormTradeNo()).get("postings")).isEmpty();
        assertThat(client.queryBalance().dataOrThrow().unsettledAmount()).isEqualTo("0.0000");
    }

    @Test
    void payout_succeeds_with_a_utr_in_query_and_callback() throws Exception {
        TestMerchant merchant = merchant(MX, "5000", Map.of("payoutFeeFixed", "7"));
        PayProClient client = client(MX, merchant);
        String tradeNo = tradeNo("MX");
        String url = notifyUrl("mx-payout");
        ApiResult<PayoutData> created = client.payout(payout(tradeNo, "1500", url));
        assertThat(created.accepted()).as(created.msg()).isTrue();
        BalanceData frozen = client.queryBalance().dataOrThrow();
        assertThat(frozen.availableAmount()).isEqualTo("3493.0000");
        assertThat(frozen.freezeAmount()).isEqualTo("1507.0000");
        assertThat(query(client, "queryPayOutResult", tradeNo)).containsEntry("status", "0015")
                .doesNotContainKey("utr");
        complete(created.data().platFormTradeNo(), Map.of("status", "0000"));
        Map<String, Object> result = query(client, "queryPayOutResult", tradeNo);
        assertThat(result).containsEntry("status", "0000").containsKey("createTime");
        assertThat((String) result.get("utr")).matches("[0-9]{12}");
        Notification notification = verifiedTextualCallback(url, merchant);
        assertThat(notification.status()).isEqualTo("0000");
        assertThat(notification.fields()).containsEntry("utr", (String) result.get("utr"));
        BalanceData after = client.queryBalance().dataOrThrow();
        assertThat(after.availableAmount()).isEqualTo("3493.0000");
        assertThat(after.freezeAmount()).isEqualTo("0.0000");
    }

    @Test
    void payout_failure_returns_amount_and_fee_and_has_no_utr() throws Exception {
        TestMerchant merchant = merchant(MX, "1000", Map.of("payoutFeeFixed", "7"));
        PayProClient client = client(MX, merchant);
        String tradeNo = tradeNo("MX");
        String url = notifyUrl("mx-payout-fail");
        PayoutData data = client.payout(payout(tradeNo, "213", url)).dataOrThrow();
        complete(data.platFormTradeNo(), Map.of("status", "00029", "message", "simulated bank rejection"));
        assertThat(query(client, "queryPayOutResult", tradeNo)).containsEntry("status", "00029")
                .doesNotContainKey("utr");
        Notification notification = verifiedTextualCallback(url, merchant);
        assertThat(notification.status()).isEqualTo("00029");
        assertThat(notification.fields()).doesNotContainKey("utr");
        BalanceData after = client.queryBalance().dataOrThrow();
        assertThat(after.availableAmount()).isEqualTo("1000.0000");
        assertThat(after.freezeAmount()).isEqualTo("0.0000");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void a_request_breaking_a_field_rule_is_refused_with_8000_and_writes_nothing(Case rule) {
        Map<String, String> base = rule.endpoint().equals("payOut") ? payout(tradeNo("MX"), "100", NOTIFY)
                : payin(tradeNo("MX"), "100", NOTIFY);
        if (rule.endpoint().equals("paymentLink")) {
            base.put("returnUrl", "https://merchant.example/done");
        }
        assertRefused(client(MX, rulesMerchant), rule.endpoint(), base, rule);
    }

    Stream<Case> rejections() {
        List<Case> cases = new ArrayList<>();
        for (String endpoint : List.of("payInApi", "paymentLink", "payOut")) {
            for (String field : List.of("tradeNo", "amount", "notifyUrl")) {
                cases.add(missing(endpoint, field));
            }
            cases.add(new Case("amount with decimals", endpoint, Map.of("amount", "100.50"),
                    "invalid amount: amount must be a whole number"));
            cases.add(new Case("amount 0", endpoint, Map.of("amount", "0"), "amount must be greater than 0"));
            cases.add(new Case("amount above the maximum", endpoint, Map.of("amount", "100000001"),
                    "amount exceeds the maximum of 100000000"));
            cases.add(new Case("remark of 257 characters", endpoint, Map.of("remark", "r".repeat(257)),
                    "invalid remark: must be 1-256 characters without control characters"));
        }
        String wayCodes = "invalid wayCode: must be a code of the MX waycodes list (store, va)";
        for (String endpoint : List.of("payInApi", "paymentLink")) {
            cases.add(new Case("wayCode in upper case", endpoint, Map.of("wayCode", "STORE"), wayCodes));
            cases.add(new Case("wayCode spei", endpoint, Map.of("wayCode", "spei"), wayCodes));
            cases.add(new Case("payer of 101 characters", endpoint, Map.of("payer", "P".repeat(101)),
                    "invalid payer: must be 1-100 characters without control characters"));
            cases.add(new Case("mobile of 9 digits", endpoint, Map.of("mobile", "551234567"),
                    "invalid mobile: " + MOBILE_RULE));
            cases.add(new Case("mobile with +52", endpoint, Map.of("mobile", "+525512345678"),
                    "invalid mobile: " + MOBILE_RULE));
            cases.add(new Case("email without @", endpoint, Map.of("email", "juan.example.com"),
                    "invalid email: must be an e-mail address"));
        }
        cases.add(missing("payInApi", "wayCode"));
        cases.add(new Case("returnUrl javascript:", "paymentLink", Map.of("returnUrl", "javascript:alert(1)"),
                "invalid returnUrl: must be an http(s) URL with a host, at most 2048 characters"));
        for (String field : List.of("wayCode", "customerAccountType", "customerAccount")) {
            cases.add(missing("payOut", field));
        }
        cases.add(new Case("bank not in the list", "payOut", Map.of("wayCode", "999"),
                "invalid wayCode: must be a code of the MX banks list (14 codes, see docs/countries/MX.md)"));
        cases.add(new Case("pay-in way code as bank", "payOut", Map.of("wayCode", "va"),
                "invalid wayCode: must be a code of the MX banks list (14 codes, see docs/countries/MX.md)"));
        cases.add(new Case("customerAccountType in lower case", "payOut", Map.of("customerAccountType", "clabe"),
                "invalid customerAccountType: must be one of DebitCard, CLABE"));
        cases.add(new Case("customerAccountType IBAN", "payOut", Map.of("customerAccountType", "IBAN"),
                "invalid customerAccountType: must be one of DebitCard, CLABE"));
        cases.add(new Case("CLABE of 17 digits", "payOut", Map.of("customerAccount", "01218000123456789"),
                "invalid customerAccount: must be 18 digits for customerAccountType CLABE"));
        cases.add(new Case("CLABE given a card", "payOut", Map.of("customerAccount", CARD),
                "invalid customerAccount: must be 18 digits for customerAccountType CLABE"));
        cases.add(new Case("debit card given a CLABE", "payOut",
                Map.of("customerAccountType", "DebitCard", "customerAccount", CLABE),
                "invalid customerAccount: must be 16 digits for customerAccountType DebitCard"));
        cases.add(new Case("debit card with spaces", "payOut",
                Map.of("customerAccountType", "DebitCard", "customerAccount", "4152 3134 1234 5678"),
                "invalid customerAccount: must be 16 digits for customerAccountType DebitCard"));
        cases.add(new Case("customerName of 101 characters", "payOut", Map.of("customerName", "C".repeat(101)),
                "invalid customerName: must be 1-100 characters without control characters"));
        return cases.stream();
    }

    @Test
    void optional_payer_fields_may_be_left_out_and_mobile_may_carry_52() {
        PayProClient client = client(MX, rulesMerchant);
        assertThat(client.payin(Map.of("tradeNo", tradeNo("MX"), "amount", "1", "wayCode", "store",
                "notifyUrl", NOTIFY)).accepted()).isTrue();
        assertThat(client.payin(Map.of("tradeNo", tradeNo("MX"), "amount", "1", "wayCode", "va",
                "mobile", "525512345678", "notifyUrl", NOTIFY)).accepted()).isTrue();
        assertThat(client.call("paymentLink", Map.of("tradeNo", tradeNo("MX"), "amount", "1", "wayCode", "store",
                "notifyUrl", NOTIFY)).accepted()).isTrue();
    }

    @Test
    void the_bare_path_works_and_a_merchant_of_another_country_is_refused_on_the_mexico_path() {
        TestMerchant merchant = merchant(MX, null, Map.of());
        String tradeNo = tradeNo("MX");
        assertThat(bareClient(MX, merchant).payin(payin(tradeNo, "100", NOTIFY)).accepted()).isTrue();
        assertThat(client(MX, merchant).queryPayin(tradeNo).dataOrThrow().tradeNo()).isEqualTo(tradeNo);
        assertThat(bareClient(MX, merchant).queryBalance().accepted()).isTrue();
        TestMerchant brazilian = merchant(Country.BRAZIL, null, Map.of());
        var before = gateway.snapshot();
        assertRejected(client(MX, brazilian).payin(payin(tradeNo("MX"), "100", NOTIFY)),
                "merchant belongs to country BR, not to this MX endpoint", before);
        assertRejected(bareClient(MX, brazilian).payin(payin(tradeNo("MX"), "100", NOTIFY)),
                "endpoint /v1/paypro/payInApi is not available for country BR", before);
    }

    private static Map<String, Object> query(PayProClient client, String endpoint, String tradeNo) {
        return client.call(endpoint, Map.of("tradeNo", tradeNo)).dataOrThrow();
    }

    static Map<String, String> payin(String tradeNo, String amount, String notifyUrl) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("tradeNo", tradeNo);
        body.put("amount", amount);
        body.put("wayCode", "store");
        body.put("payer", "Juan Perez");
        body.put("mobile", "5512345678");
        body.put("email", "juan@example.com");
        body.put("notifyUrl", notifyUrl);
        body.put("remark", "r");
        return body;
    }

    static Map<String, String> payout(String tradeNo, String amount, String notifyUrl) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("tradeNo", tradeNo);
        body.put("amount", amount);
        body.put("wayCode", "012");
        body.put("customerAccountType", "CLABE");
        body.put("customerAccount", CLABE);
        body.put("customerName", "Ana Lopez");
        body.put("notifyUrl", notifyUrl);
        body.put("remark", "r");
        return body;
    }
}
