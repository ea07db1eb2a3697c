package org.openpaypro.countries;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
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
import org.openpaypro.sdk.NotifyVerifier;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayinData;
import org.openpaypro.sdk.PayoutData;
import org.openpaypro.sdk.RawResponse;
import org.openpaypro.sdk.TradeResult;
import org.openpaypro.testing.CountryScenarioIT;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Kenya end to end (spec §6.1, §6.2 [D-KE], docs/countries/KE.md): the {@code /api} family under {@code /kenya-pay}
 * and bare, M-Pesa pay-in H2H and hosted, payout by mobile, timestamp-less queries, query by M-Pesa receipt code,
 * unsigned callbacks with a numeric 4-decimal amount in Nairobi time, and one refusal per field rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KenyaIT extends CountryScenarioIT {
    private static final Country KE = Country.KENYA;
    private static final String BASE = "/kenya-pay/api/";
    private static final String NOTIFY = "http://localhost:9/notify";
    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
    private static final String MOBILE_RULE = "must be 12 digits starting 2547 or 2541 (e.g. 254712345678)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestMerchant rulesMerchant;

    @BeforeAll
    void create_merchant() {
        rulesMerchant = merchant(KE, "1000000", Map.of());
    }

    @Test
    void the_documented_fields_of_every_endpoint_are_accepted_with_our_signature() {
        TestMerchant merchant = merchant(KE, "10000", Map.of());
        String payinNo = tradeNo("KE");
        TestGateway.Answer payin = gateway.signed(BASE + "payin", merchant.merchantNo(), merchant.secret(),
                Map.of("tradeNo", payinNo, "amount", 100, "mobile", "254712345678", "notifyUrl", NOTIFY,
                        "remark", "order 1"));
        assertAccepted(payin);
        assertThat(payin.json().at("/data/serialNumber").asText()).matches("[A-Z0-9]{10}");
        TestGateway.Answer console = gateway.signed(BASE + "payinConsole", merchant.merchantNo(), merchant.secret(),
                Map.of("tradeNo", tradeNo("KE"), "amount", "51", "notifyUrl", NOTIFY,
                        "returnUrl", "https://merchant.example/done"));
        assertAccepted(console);
        assertThat(console.json().at("/data/paymentUrl").asText()).contains("/cashier/");
        String payoutNo = tradeNo("KE");
        assertAccepted(gateway.signed(BASE + "payout", merchant.merchantNo(), merchant.secret(),
                Map.of("tradeNo", payoutNo, "amount", "200", "mobile", "254112345678", "notifyUrl", NOTIFY)));
        // the two queries and the code query carry no timestamp (spec §6.1), balance keeps its timestamp
        assertThat(unsignedTimestamp(merchant, "queryPayinResult", Map.of("tradeNo", payinNo))
                .at("/data/status").asText()).isEqualTo("0015");
        assertThat(unsignedTimestamp(merchant, "queryPayOutResult", Map.of("tradeNo", payoutNo))
                .at("/data/status").asText()).isEqualTo("0015");
        String code = payin.json().at("/data/serialNumber").asText();
        assertThat(unsignedTimestamp(merchant, "queryResultByCode", Map.of("code", code))
                .at("/data/tradeNo").asText()).isEqualTo(payinNo);
        TestGateway.Answer balance = gateway.signed(BASE + "queryBalance", merchant.merchantNo(), merchant.secret(),
                Map.of());
        assertThat(balance.code()).as(balance.body()).isEqualTo("0000");
        assertThat(balance.json().at("/data/availableAmount").asText()).isEqualTo("9800.0000");
    }

    @Test
    void payin_succeeds_and_sends_an_unsigned_callback_with_a_numeric_amount_in_nairobi_time()
            throws Exception {
        TestMerchant merchant = merchant(KE, null, Map.of("payinFeeRate", "0.02", "payinFeeFixed", "1"));
        PayProClient client = client(KE, merchant);
        String tradeNo = tradeNo("KE");
        String url = notifyUrl("ke-payin");
        ApiResult<PayinData> created = client.payin(Map.of("tradeNo", tradeNo, "amount", "1000",
                "mobile", "254712345678", "notifyUrl", url, "remark", "order 7"));
        assertThat(created.accepted()).as(created.msg()).isTrue();
        assertThat(created.data().status()).isEqualTo("0015");
        assertThat(created.data().remark()).isEqualTo("order 7");
        String platformNo = created.data().platFormTradeNo();
        assertThat(client.queryPayin(tradeNo).dataOrThrow().status()).isEqualTo("0015");

        complete(platformNo, Map.of("status", "0000"));
        TradeResult done = client.queryPayin(tradeNo).dataOrThrow();
        assertThat(done.status()).isEqualTo("0000");
        assertThat(done.amount()).isEqualTo("1000");
        assertThat(done.message()).isEqualTo("SUCCESS");
        assertLocalNow(done.successTime(), NAIROBI);

        String raw = callbackBody(url);
        JsonNode callback = JSON.readTree(raw);
        assertThat(callback.has("sign")).isFalse();
        assertThat(callback.has("timestamp")).isFalse();
        assertThat(callback.get("amount").isNumber()).isTrue();
        assertThat(raw).contains("\"amount\":1000.0000");
        for (String field : List.of("status", "message", "platFormTradeNo", "tradeNo", "successTime")) {
            assertThat(callback.get(field).isTextual()).as(field).isTrue();
        }
        Notification notification = new NotifyVerifier(merchant.secret())
                .verifyUnsigned(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(notification.tradeNo()).isEqualTo(tradeNo);
        assertThat(notification.status()).isEqualTo("0000");
        assertThat(notification.amount()).isEqualTo("1000.0000");
        assertThat(notification.platFormTradeNo()).isEqualTo(platformNo);
        assertThat(notification.successTime()).isEqualTo(done.successTime());
        assertThat(notification.timestamp()).isNull();
    }

    @Test
    void payin_failure_credits_nothing_and_its_callback_has_no_success_time() throws Exception {
        TestMerchant merchant = merchant(KE, null, Map.of());
        PayProClient client = client(KE, merchant);
        String tradeNo = tradeNo("KE");
        String url = notifyUrl("ke-payin-fail");
        PayinData data = client.call("payinConsole", Map.of("tradeNo", tradeNo, "amount", "60", "notifyUrl", url),
                PayinData.class).dataOrThrow();
        complete(data.platFormTradeNo(), Map.of("status", "00029", "message", "payer cancelled"));
        TradeResult result = client.queryPayin(tradeNo).dataOrThrow();
        assertThat(result.status()).isEqualTo("00029");
        assertThat(result.message()).isEqualTo("payer cancelled");
        assertThat(result.successTime()).isNull();
        String raw = callbackBody(url);
        assertThat(raw).contains("\"amount\":60.0000").doesNotContain("successTime").doesNotContain("\"sign\"");
        assertThat(new NotifyVerifier(merchant.secret()).verifyUnsigned(raw.getBytes(StandardCharsets.UTF_8))
                .status()).isEqualTo("00029");
        assertThat(trade(data.platFormTradeNo()).get("postings")).isEmpty();
        assertThat(client.queryBalance().dataOrThrow().unsettledAmount()).isEqualTo("0.0000");
    }

    @Test
    void payout_freezes_amount_and_fee_then_succeeds_with_an_unsigned_callback() throws Exception {
        TestMerchant merchant = merchant(KE, "5000", Map.of("payoutFeeFixed", "10"));
        PayProClient client = client(KE, merchant);
        String tradeNo = tradeNo("KE");
        String url = notifyUrl("ke-payout");
        ApiResult<PayoutData> created = client.payout(Map.of("tradeNo", tradeNo, "amount", "1000",
                "mobile", "254712345678", "name", "Wanjiru Kamau", "notifyUrl", url));
        assertThat(created.accepted()).as(created.msg()).isTrue();
        assertThat(created.data().status()).isEqualTo("0015");
        BalanceData frozen = client.queryBalance().dataOrThrow();
        assertThat(frozen.availableAmount()).isEqualTo("3990.0000");
        assertThat(frozen.freezeAmount()).isEqualTo("1010.0000");

        complete(created.data().platFormTradeNo(), Map.of("status", "0000"));
        TradeResult result = client.queryPayout(tradeNo).dataOrThrow();
        assertThat(result.status()).isEqualTo("0000");
        assertLocalNow(result.successTime(), NAIROBI);
        BalanceData after = client.queryBalance().dataOrThrow();
        assertThat(after.availableAmount()).isEqualTo("3990.0000");
        assertThat(after.freezeAmount()).isEqualTo("0.0000");
        String raw = callbackBody(url);
        assertThat(raw).contains("\"amount\":1000.0000").doesNotContain("\"timestamp\"");
        Notification notification = new NotifyVerifier(merchant.secret())
                .verifyUnsigned(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(notification.status()).isEqualTo("0000");
        assertThat(notification.successTime()).isEqualTo(result.successTime());
    }

    @Test
    void payout_failure_returns_amount_and_fee_to_available() throws Exception {
        TestMerchant merchant = merchant(KE, "500", Map.of("payoutFeeFixed", "5"));
        PayProClient client = client(KE, merchant);
        String tradeNo = tradeNo("KE");
        String url = notifyUrl("ke-payout-fail");
        PayoutData data = client.payout(Map.of("tradeNo", tradeNo, "amount", "113", "mobile", "254112345678",
                "notifyUrl", url)).dataOrThrow();
        assertThat(client.queryBalance().dataOrThrow().freezeAmount()).isEqualTo("118.0000");
        complete(data.platFormTradeNo(), Map.of("status", "00029", "message", "simulated bank rejection"));
        TradeResult result = client.queryPayout(tradeNo).dataOrThrow();
        assertThat(result.status()).isEqualTo("00029");
        assertThat(result.message()).isEqualTo("simulated bank rejection");
        BalanceData after = client.queryBalance().dataOrThrow();
        assertThat(after.availableAmount()).isEqualTo("500.0000");
        assertThat(after.freezeAmount()).isEqualTo("0.0000");
        assertThat(new NotifyVerifier(merchant.secret()).verifyUnsigned(callbackBody(url)
                .getBytes(StandardCharsets.UTF_8)).status()).isEqualTo("00029");
    }

    @Test
    void queries_without_timestamp_and_the_query_by_mpesa_code_find_the_trade() {
        TestMerchant merchant = merchant(KE, null, Map.of());
        PayProClient client = client(KE, merchant);
        String tradeNo = tradeNo("KE");
        PayinData data = client.payin(Map.of("tradeNo", tradeNo, "amount", "75", "mobile", "254712345678",
                "notifyUrl", NOTIFY)).dataOrThrow();
        complete(data.platFormTradeNo(), Map.of("status", "0000"));
        JsonNode byTradeNo = unsignedTimestamp(merchant, "queryPayinResult", Map.of("tradeNo", tradeNo));
        assertThat(byTradeNo.at("/data/status").asText()).isEqualTo("0000");
        assertThat(byTradeNo.at("/data/amount").asText()).isEqualTo("75");

        String secondNo = tradeNo("KE");
        Map<String, Object> created = client.call("payin", Map.of("tradeNo", secondNo, "amount", "80",
                "mobile", "254712345678", "notifyUrl", NOTIFY)).dataOrThrow();
        String serial = (String) created.get("serialNumber");
        assertThat(serial).matches("[A-Z0-9]{10}");
        ApiResult<TradeResult> byCode = client.call("queryResultByCode", Map.of("code", serial), TradeResult.class);
        assertThat(byCode.dataOrThrow().tradeNo()).isEqualTo(secondNo);
        assertThat(byCode.data().status()).isEqualTo("0015");
        assertThat(byCode.data().amount()).isEqualTo("80");

        var before = gateway.snapshot();
        assertRejected(client.call("queryResultByCode", Map.of("code", "SZZZZZZZZZ")), "order not found", before);
        TestMerchant stranger = merchant(KE, null, Map.of());
        assertRejected(client(KE, stranger).call("queryResultByCode", Map.of("code", serial)), "order not found",
                null);
        assertThat(client.queryPayout(tradeNo).msg()).isEqualTo("order not found");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void a_request_breaking_a_field_rule_is_refused_with_8000_and_writes_nothing(Case rule) {
        assertRefused(client(KE, rulesMerchant), rule.endpoint(), base(rule.endpoint()), rule);
    }

    Stream<Case> rejections() {
        List<Case> cases = new java.util.ArrayList<>();
        for (String endpoint : List.of("payin", "payinConsole", "payout")) {
            for (String field : List.of("tradeNo", "amount", "notifyUrl")) {
                cases.add(missing(endpoint, field));
            }
            cases.add(new Case("amount with decimals", endpoint, Map.of("amount", "100.50"),
                    "invalid amount: amount must be a whole number"));
            cases.add(new Case("amount 100.0", endpoint, Map.of("amount", "100.0"),
                    "invalid amount: amount must be a whole number"));
            cases.add(new Case("amount 0", endpoint, Map.of("amount", "0"), "amount must be greater than 0"));
            cases.add(new Case("amount above the maximum", endpoint, Map.of("amount", "250001"),
                    "amount exceeds the maximum of 250000"));
            cases.add(new Case("amount not plain", endpoint, Map.of("amount", "1e3"),
                    "invalid amount: amount must be a plain decimal number"));
            cases.add(new Case("tradeNo with a space", endpoint, Map.of("tradeNo", "order 1"),
                    "invalid tradeNo: must be 1-64 characters of A-Z, a-z, 0-9, _ and -"));
            cases.add(new Case("mobile of 11 digits", endpoint, Map.of("mobile", "25471234567"),
                    "invalid mobile: " + MOBILE_RULE));
            cases.add(new Case("mobile starting 2548", endpoint, Map.of("mobile", "254812345678"),
                    "invalid mobile: " + MOBILE_RULE));
            cases.add(new Case("mobile in national form", endpoint, Map.of("mobile", "0712345678"),
                    "invalid mobile: " + MOBILE_RULE));
            cases.add(new Case("mobile with +", endpoint, Map.of("mobile", "+254712345678"),
                    "invalid mobile: " + MOBILE_RULE));
            cases.add(new Case("name of 101 characters", endpoint, Map.of("name", "N".repeat(101)),
                    "invalid name: must be 1-100 characters without control characters"));
            cases.add(new Case("remark of 257 characters", endpoint, Map.of("remark", "r".repeat(257)),
                    "invalid remark: must be 1-256 characters without control characters"));
        }
        cases.add(missing("payin", "mobile"));
        cases.add(missing("payout", "mobile"));
        cases.add(new Case("returnUrl javascript:", "payinConsole", Map.of("returnUrl", "javascript:alert(1)"),
                "invalid returnUrl: must be an http(s) URL with a host, at most 2048 characters"));
        cases.add(new Case("missing tradeNo", "queryPayinResult", Map.of(), "missing field: tradeNo"));
        cases.add(new Case("missing tradeNo", "queryPayOutResult", Map.of(), "missing field: tradeNo"));
        cases.add(new Case("missing code", "queryResultByCode", Map.of(), "missing field: code"));
        cases.add(new Case("code too short", "queryResultByCode", Map.of("code", "ABC12"),
                "invalid code: must be 6-32 letters and digits"));
        cases.add(new Case("code with a dash", "queryResultByCode", Map.of("code", "SABC-12345"),
                "invalid code: must be 6-32 letters and digits"));
        return cases.stream();
    }

    @Test
    void the_console_payin_without_mobile_and_amounts_below_fifty_are_accepted() {
        PayProClient client = client(KE, rulesMerchant);
        assertThat(client.call("payinConsole", Map.of("tradeNo", tradeNo("KE"), "amount", "1",
                "notifyUrl", NOTIFY)).accepted()).isTrue();
        assertThat(client.call("payin", Map.of("tradeNo", tradeNo("KE"), "amount", "250000",
                "mobile", "254112345678", "notifyUrl", NOTIFY)).accepted()).isTrue();
    }

    @Test
    void the_bare_api_path_works_and_a_merchant_of_another_country_is_refused_on_the_kenya_path() {
        TestMerchant merchant = merchant(KE, null, Map.of());
        String tradeNo = tradeNo("KE");
        PayProClient bare = bareClient(KE, merchant);
        assertThat(bare.payin(Map.of("tradeNo", tradeNo, "amount", "100", "mobile", "254712345678",
                "notifyUrl", NOTIFY)).accepted()).isTrue();
        assertThat(client(KE, merchant).queryPayin(tradeNo).dataOrThrow().tradeNo()).isEqualTo(tradeNo);
        assertThat(bare.queryBalance().accepted()).isTrue();

        TestMerchant brazilian = merchant(Country.BRAZIL, null, Map.of());
        var before = gateway.snapshot();
        assertRejected(client(KE, brazilian).payin(Map.of("tradeNo", tradeNo("KE"), "amount", "100",
                "mobile", "254712345678", "notifyUrl", NOTIFY)),
                "merchant belongs to country BR, not to this KE endpoint", before);
        // the bare /api family resolves by the merchant's country, and Brazil has no /api family
        assertRejected(bareClient(KE, brazilian).payin(Map.of("tradeNo", tradeNo("KE"), "amount", "100",
                "mobile", "254712345678", "notifyUrl", NOTIFY)), "endpoint /api/payin is not available for country BR",
                before);
    }

    /** Posts a signed body without {@code timestamp} to a Kenya path; asserts acceptance and returns the answer. */
    private JsonNode unsignedTimestamp(TestMerchant merchant, String endpoint, Map<String, String> body) {
        PayProClient client = client(KE, merchant);
        RawResponse raw = client.send(BASE + endpoint, body, true);
        try {
            JsonNode answer = JSON.readTree(raw.body());
            assertThat(answer.get("code").asText()).as(raw.body()).isEqualTo("0000");
            return answer;
        } catch (java.io.IOException e) {
            throw new AssertionError(raw.body(), e);
        }
    }

    static Map<String, Object> base(String endpoint) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (endpoint) {
            case "payin", "payinConsole", "payout" -> {
                body.put("tradeNo", tradeNo("KE"));
                body.put("amount", "100");
                body.put("notifyUrl", NOTIFY);
                body.put("mobile", "254712345678");
                body.put("name", "Wanjiru Kamau");
                body.put("remark", "r");
                if (endpoint.equals("payinConsole")) {
                    body.put("returnUrl", "https://merchant.example/done");
                }
            }
            default -> {
            }
        }
        return body;
    }
}
