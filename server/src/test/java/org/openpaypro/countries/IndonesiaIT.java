package org.openpaypro.countries;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * Indonesia end to end (spec §6.1-§6.3, docs/countries/ID.md): the documented example bodies, pay-in through
 * {@code payIn} and {@code paymentLink} to success, failure and partial payment ({@code 0001}), payout, queries,
 * balance, settlement, signed callbacks with {@code channelCode}/{@code wayCode}, {@code accountVerify}, the proof
 * voucher PDF, and one refusal per field rule (nothing written).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndonesiaIT extends CountryScenarioIT {
    private static final String BASE = "/indonesia-pay/v1/paypro/";
    private static final String MOBILE_RULE = "must be 10-13 digits starting with 08 or 628";
    private static final String BANKS_RULE = "must be a code of the ID banks list (14 codes, see docs/countries/ID.md)";

    private TestMerchant validationMerchant;

    @BeforeAll
    void create_validation_merchant() {
        validationMerchant = merchant(Country.INDONESIA, "10000000", Map.of());
    }

    static Map<String, String> payin(String tradeNo, String amount, String notifyUrl) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("tradeNo", tradeNo);
        fields.put("amount", amount);
        fields.put("username", "Budi Santoso");
        fields.put("mobile", "081234567890");
        fields.put("email", "budi@example.co.id");
        fields.put("channelCode", "EWALLET");
        fields.put("wayCode", "DANA");
        fields.put("notifyUrl", notifyUrl);
        fields.put("returnUrl", "https://merchant.example/done");
        fields.put("remark", "order 7");
        return fields;
    }

    static Map<String, String> payout(String tradeNo, String amount, String notifyUrl) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("tradeNo", tradeNo);
        fields.put("amount", amount);
        fields.put("customerName", "Siti Rahayu");
        fields.put("mobile", "6281245907765");
        fields.put("email", "siti@example.co.id");
        fields.put("bankAccountNo", "5464438554636");
        fields.put("bankCode", "0002");
        fields.put("notifyUrl", notifyUrl);
        fields.put("remark", "salary");
        return fields;
    }

    // --- (a) the documented example bodies, with our signature ---

    @Test
    void the_documented_payIn_example_body_is_accepted() {
        TestMerchant merchant = merchant(Country.INDONESIA, null, Map.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", Long.toString(System.currentTimeMillis()));
        body.put("tradeNo", "0b4ece82fa9749e8b8e57fa64931b7f8");
        body.put("username", "kevin");
        body.put("amount", 1000000);
        body.put("channelCode", "EWALLET");
        body.put("wayCode", "DANA");
        body.put("email", "kevin@example.com");
        body.put("mobile", "6281245907765");
        body.put("notifyUrl", notifyUrl("id-doc"));
        body.put("returnUrl", "http://abc.com/callback_page");
        body.put("remark", "test");
        TestGateway.Answer answer = gateway.signed(BASE + "payIn", merchant.merchantNo(), merchant.secret(), body);
        assertThat(answer.code()).as(answer.body()).isEqualTo("0000");
        JsonNode data = answer.json().get("data");
        assertThat(data.get("tradeNo").asText()).isEqualTo("0b4ece82fa9749e8b8e57fa64931b7f8");
        assertThat(data.get("status").asText()).isEqualTo("0015");
        assertThat(data.get("desc").asText()).isEqualTo("Paying");
        assertThat(data.get("remark").asText()).isEqualTo("test");
        assertThat(data.get("paymentUrl").asText()).endsWith("/cashier/" + data.get("platFormTradeNo").asText());
    }

    @Test
    void the_documented_paymentLink_fields_without_channel_are_accepted() {
        TestMerchant merchant = merchant(Country.INDONESIA, null, Map.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tradeNo", tradeNo("idlink"));
        body.put("amount", 50000);
        body.put("mobile", "08123456789");
        body.put("email", "kevin@example.com");
        body.put("username", "kevin");
        body.put("notifyUrl", notifyUrl("id-doc"));
        TestGateway.Answer answer = gateway.signed(BASE + "paymentLink", merchant.merchantNo(), merchant.secret(),
                body);
        assertThat(answer.code()).as(answer.body()).isEqualTo("0000");
        assertThat(answer.json().get("data").get("paymentUrl").asText()).contains("/cashier/");
    }

    @Test
    void the_documented_payOut_example_body_with_numeric_timestamp_and_amount_is_accepted() {
        TestMerchant merchant = merchant(Country.INDONESIA, "200000", Map.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", 100000);
        body.put("bankAccountNo", "5464438554636");
        body.put("bankCode", "0002");
        body.put("customerName", "kevin");
        body.put("email", "kevin@example.com");
        body.put("mobile", "6281245907765");
        body.put("notifyUrl", notifyUrl("id-doc"));
        body.put("remark", "remark");
        body.put("timestamp", System.currentTimeMillis());
        body.put("tradeNo", "39fa354542824ee789faf526f27c024f");
        TestGateway.Answer answer = gateway.signed(BASE + "payOut", merchant.merchantNo(), merchant.secret(), body);
        assertThat(answer.code()).as(answer.body()).isEqualTo("0000");
        assertThat(answer.json().get("data").get("status").asText()).isEqualTo("0015");
    }

    @Test
    void the_documented_accountVerify_body_answers_the_holders_name() {
        TestMerchant merchant = merchant(Country.INDONESIA, null, Map.of());
        ApiResult<Map<String, Object>> known = client(Country.INDONESIA, merchant).call("accountVerify",
                Map.of("bankAccountNo", "5464438554636", "bankCode", "0002"));
        assertThat(known.code()).as(known.msg()).isEqualTo("0000");
        assertThat(known.data()).containsEntry("bankAccountNo", "5464438554636");
        assertThat((String) known.data().get("bankAccountName")).isNotBlank();
        // deterministic: the same account gives the same name
        assertThat(client(Country.INDONESIA, merchant).call("accountVerify",
                Map.of("bankAccountNo", "5464438554636", "bankCode", "0002")).data().get("bankAccountName"))
                .isEqualTo(known.data().get("bankAccountName"));
        var before = gateway.snapshot();
        assertRejected(client(Country.INDONESIA, merchant).call("accountVerify",
                Map.of("bankAccountNo", "5464438550000", "bankCode", "0002")), "bank account not found", before);
    }

    // --- (b) flows ---

    @Test
    void payIn_succeeds_with_a_signed_callback_carrying_channel_and_way_code()
            throws Exception {
        TestMerchant merchant = merchant(Country.INDONESIA, null, Map.of("payinFeeRate", "0.02"));
        PayProClient client = client(Country.INDONESIA, merchant);
        String url = notifyUrl("id-payin");
        String tradeNo = tradeNo("idin");
        ApiResult<PayinData> created = client.payin(payin(tradeNo, "100000", url));
        assertThat(created.accepted()).as(created.msg()).isTrue();
        assertThat(created.data().status()).isEqualTo("0015");
        assertThat(created.data().paymentUrl()).endsWith("/cashier/" + created.data().platFormTradeNo());
        TradeResult processing = client.queryPayin(tradeNo).dataOrThrow();
        assertThat(processing.status()).isEqualTo("0015");
        assertThat(processing.orderAmount()).isEqualTo("100000");
        assertThat(processing.payAmount()).as("nothing is paid yet: no payAmount").isNull();

        complete(created.data().platFormTradeNo(), Map.of("status", "0000"));
        Notification callback = verifiedCallback(url, merchant);
        assertThat(callback.status()).isEqualTo("0000");
        assertThat(callback.amount()).isEqualTo("100000");
        assertThat(callback.successTime()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(callback.fields()).containsEntry("channelCode", "EWALLET").containsEntry("wayCode", "DANA");

        TradeResult done = client.queryPayin(tradeNo).dataOrThrow();
        assertThat(done.status()).isEqualTo("0000");
        assertThat(done.amount()).isEqualTo("100000");
        assertThat(done.successTime()).isEqualTo(callback.successTime());
        assertThat(done.orderAmount()).isEqualTo("100000");
        assertThat(done.payAmount()).isEqualTo("100000");
        assertThat(done.channelCode()).isEqualTo("EWALLET");
        assertThat(done.wayCode()).isEqualTo("DANA");
    }

    @Test
    void payIn_failure_sends_a_signed_failure_callback_and_moves_no_money() throws Exception {
        TestMerchant merchant = merchant(Country.INDONESIA, null, Map.of());
        PayProClient client = client(Country.INDONESIA, merchant);
        String url = notifyUrl("id-payin-fail");
        String tradeNo = tradeNo("idinf");
        Map<String, String> fields = payin(tradeNo, "25000", url);
        fields.put("channelCode", "QRIS");
        fields.put("wayCode", "QRIS");
        PayinData data = client.payin(fields).dataOrThrow();
        complete(data.platFormTradeNo(), Map.of("status", "00029", "message", "payer declined"));
        Notification callback = verifiedCallback(url, merchant);
        assertThat(callback.status()).isEqualTo("00029");
        assertThat(callback.message()).isEqualTo("payer declined");
        assertThat(callback.successTime()).isNull();
        assertThat(callback.fields()).containsEntry("channelCode", "QRIS");
        TradeResult result = client.queryPayin(tradeNo).dataOrThrow();
        assertThat(result.status()).isEqualTo("00029");
        assertThat(result.orderAmount()).isEqualTo("25000");
        assertThat(result.payAmount()).isEqualTo("0");
        assertThat(result.channelCode()).isEqualTo("QRIS");
        assertThat(result.wayCode()).isEqualTo("QRIS");
        assertThat(trade(data.platFormTradeNo()).get("postings")).isEmpty();
        assertThat(client.queryBalance().dataOrThrow().unsettledAmount()).isEqualTo("0.0000");
    }

    @Test
    void a_partly_paid_paymentLink_ends_0001_and_the_ledger_credits_only_what_was_paid() throws Exception {
        TestMerchant merchant = merchant(Country.INDONESIA, null, Map.of("payinFeeRate", "0.02"));
        PayProClient client = client(Country.INDONESIA, merchant);
        String url = notifyUrl("id-partial");
        String tradeNo = tradeNo("idpart");
        Map<String, String> fields = payin(tradeNo, "100000", url);
        fields.put("channelCode", "VA");
        fields.put("wayCode", "BCA");
        ApiResult<PayinData> created = client.call("paymentLink", fields, PayinData.class);
        assertThat(created.accepted()).as(created.msg()).isTrue();
        complete(created.data().platFormTradeNo(), Map.of("status", "0001", "paidAmount", "60000"));
        Notification callback = verifiedCallback(url, merchant);
        assertThat(callback.status()).isEqualTo("0001");
        assertThat(callback.amount()).isEqualTo("60000");
        assertThat(callback.fields()).containsEntry("channelCode", "VA").containsEntry("wayCode", "BCA");
        TradeResult result = client.queryPayin(tradeNo).dataOrThrow();
        assertThat(result.status()).isEqualTo("0001");
        assertThat(result.amount()).isEqualTo("100000");
        assertThat(result.orderAmount()).isEqualTo("100000");
        assertThat(result.payAmount()).isEqualTo("60000");
        // fee in proportion: 2% of 60000 = 1200
        assertThat(client.queryBalance().dataOrThrow().unsettledAmount()).isEqualTo("58800.0000");
        settleAll();
        assertThat(client.queryBalance().dataOrThrow().availableAmount()).isEqualTo("58800.0000");
    }

    @Test
    void payOut_success_and_failure_freeze_release_and_refund_with_signed_callbacks() throws Exception {
        TestMerchant merchant = merchant(Country.INDONESIA, "500000", Map.of("payoutFeeFixed", "2500"));
        PayProClient client = client(Country.INDONESIA, merchant);
        String okUrl = notifyUrl("id-payout-ok");
        String okTradeNo = tradeNo("idout");
        ApiResult<PayoutData> ok = client.payout(payout(okTradeNo, "100000", okUrl));
        assertThat(ok.accepted()).as(ok.msg()).isTrue();
        assertThat(ok.data().status()).isEqualTo("0015");
        BalanceData frozen = client.queryBalance().dataOrThrow();
        assertThat(frozen.availableAmount()).isEqualTo("397500.0000");
        assertThat(frozen.freezeAmount()).isEqualTo("102500.0000");
        complete(ok.data().platFormTradeNo(), Map.of("status", "0000"));
        Notification okCallback = verifiedCallback(okUrl, merchant);
        assertThat(okCallback.status()).isEqualTo("0000");
        assertThat(okCallback.fields()).doesNotContainKeys("channelCode", "wayCode");
        TradeResult paidOut = client.queryPayout(okTradeNo).dataOrThrow();
        assertThat(paidOut.status()).isEqualTo("0000");
        assertThat(paidOut.payAmount()).isEqualTo(paidOut.orderAmount()).isNotNull();
        assertThat(paidOut.channelCode()).as("payouts have no channel").isNull();

        String failUrl = notifyUrl("id-payout-fail");
        String failTradeNo = tradeNo("idoutf");
        PayoutData failing = client.payout(payout(failTradeNo, "50013", failUrl)).dataOrThrow();
        assertThat(client.queryBalance().dataOrThrow().freezeAmount()).isEqualTo("52513.0000");
        complete(failing.platFormTradeNo(), Map.of("status", "00029", "message", "simulated bank rejection"));
        Notification failCallback = verifiedCallback(failUrl, merchant);
        assertThat(failCallback.status()).isEqualTo("00029");
        TradeResult failed = client.queryPayout(failTradeNo).dataOrThrow();
        assertThat(failed.status()).isEqualTo("00029");
        assertThat(failed.message()).isEqualTo("simulated bank rejection");
        BalanceData after = client.queryBalance().dataOrThrow();
        assertThat(after.availableAmount()).isEqualTo("397500.0000");
        assertThat(after.freezeAmount()).isEqualTo("0.0000");
        assertThat(after.unsettledAmount()).isEqualTo("0.0000");
    }

    @Test
    void the_voucher_of_a_successful_trade_is_a_pdf_and_the_sign_may_travel_in_the_header() throws Exception {
        TestMerchant merchant = merchant(Country.INDONESIA, null, Map.of());
        PayProClient headerSigned = PayProClient.builder().baseUrl(gateway.baseUrl()).country(Country.INDONESIA)
                .basePath(Country.INDONESIA.basePath()).signInHeader(true)
                .merchantNo(merchant.merchantNo()).secretKey(merchant.secret()).build();
        String tradeNo = tradeNo("idv");
        PayinData data = client(Country.INDONESIA, merchant).payin(payin(tradeNo, "75000", notifyUrl("id-v")))
                .dataOrThrow();
        var before = gateway.snapshot();
        assertRejected(headerSigned.call("indonesia/query/voucher", Map.of("tradeNo", tradeNo)),
                "a voucher exists only for a successful trade", before);
        complete(data.platFormTradeNo(), Map.of("status", "0000"));
        ApiResult<Map<String, Object>> voucher = headerSigned.call("indonesia/query/voucher",
                Map.of("tradeNo", tradeNo));
        assertThat(voucher.code()).as(voucher.msg()).isEqualTo("0000");
        assertThat(voucher.data()).containsEntry("message", "success");
        URI pdfUrl = URI.create((String) voucher.data().get("url"));
        assertThat(pdfUrl.getPath()).isEqualTo("/voucher/" + data.platFormTradeNo());
        // The url names OPENPAYPRO_PUBLIC_URL; the test gateway listens on a random port, so fetch the same path there.
        URI local = URI.create(gateway.baseUrl() + pdfUrl.getRawPath() + "?" + pdfUrl.getRawQuery());
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(local).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("%PDF");
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pdf");
        String text = new String(pdf.body(), StandardCharsets.ISO_8859_1);
        assertThat(text).contains(tradeNo).contains("75000").contains("IDR").contains("Asia/Jakarta");
        HttpResponse<byte[]> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                gateway.baseUrl() + pdfUrl.getRawPath() + "?token=00")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(forged.statusCode()).isEqualTo(404);
        assertRejected(headerSigned.call("indonesia/query/voucher", Map.of("tradeNo", "nope" + tradeNo)),
                "order not found", null);
    }

    // --- (d) paths ---

    @Test
    void the_bare_family_path_serves_the_merchant_and_other_countries_are_refused_on_the_indonesia_path()
            throws IOException {
        TestMerchant merchant = merchant(Country.INDONESIA, null, Map.of());
        String tradeNo = tradeNo("idbare");
        PayProClient bare = bareClient(Country.INDONESIA, merchant);
        assertThat(bare.payin(payin(tradeNo, "10000", notifyUrl("id-bare"))).accepted()).isTrue();
        assertThat(bare.queryPayin(tradeNo).dataOrThrow().tradeNo()).isEqualTo(tradeNo);
        assertThat(client(Country.INDONESIA, merchant).queryPayin(tradeNo).dataOrThrow().status()).isEqualTo("0015");
        assertThat(bare.call("paymentLink", payin(tradeNo("idbare"), "10000", notifyUrl("id-bare"))).accepted())
                .isTrue();

        TestMerchant brazilian = merchant(Country.BRAZIL, null, Map.of());
        var before = gateway.snapshot();
        PayProClient intruder = PayProClient.builder().baseUrl(gateway.baseUrl()).country(Country.INDONESIA)
                .basePath(Country.INDONESIA.basePath()).merchantNo(brazilian.merchantNo())
                .secretKey(brazilian.secret()).build();
        assertRejected(intruder.payin(payin(tradeNo("idx"), "10000", notifyUrl("id-x"))),
                "merchant belongs to country BR, not to this ID endpoint", before);
        // A Brazilian merchant on the bare path gets its own profile, which has no payIn endpoint.
        PayProClient brazilBare = PayProClient.builder().baseUrl(gateway.baseUrl()).country(Country.INDONESIA)
                .merchantNo(brazilian.merchantNo()).secretKey(brazilian.secret()).build();
        assertRejected(brazilBare.call("accountVerify", Map.of("bankAccountNo", "123456789", "bankCode", "0002")),
                "endpoint /v1/paypro/accountVerify is not available for country BR", before);
    }

    // --- (c) one refusal per field rule ---

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void a_request_breaking_a_field_rule_is_refused_and_writes_nothing(Case rule) {
        Map<String, String> base = switch (rule.endpoint()) {
            case "payOut" -> payout(tradeNo("idr"), "10000", notifyUrl("id-r"));
            case "accountVerify" -> Map.of("bankAccountNo", "5464438554636", "bankCode", "0002");
            default -> payin(tradeNo("idr"), "10000", notifyUrl("id-r"));
        };
        assertSignedRejected(BASE + rule.endpoint(), validationMerchant, apply(base, rule.changes()),
                rule.msg());
    }

    Stream<Case> rejections() {
        List<Case> cases = new ArrayList<>();
        for (String endpoint : List.of("payIn", "paymentLink")) {
            for (String field : List.of("tradeNo", "amount", "notifyUrl", "username", "mobile", "email")) {
                cases.add(missing(endpoint, field));
            }
            cases.add(invalidValue(endpoint, "amount", "10000.50", "invalid amount: amount must be a whole number"));
            cases.add(invalidValue(endpoint, "amount", "0", "amount must be greater than 0"));
            cases.add(invalidValue(endpoint, "amount", "100000001", "amount exceeds the maximum of 100000000"));
            cases.add(invalidValue(endpoint, "username", "x".repeat(101),
                    "invalid username: must be 1-100 characters without control characters"));
            cases.add(invalidValue(endpoint, "mobile", "0712345678", "invalid mobile: " + MOBILE_RULE));
            cases.add(invalidValue(endpoint, "mobile", "081234567", "invalid mobile: " + MOBILE_RULE));
            cases.add(invalidValue(endpoint, "mobile", "62812345678901", "invalid mobile: " + MOBILE_RULE));
            cases.add(invalidValue(endpoint, "mobile", "+6281234567890", "invalid mobile: " + MOBILE_RULE));
            cases.add(invalidValue(endpoint, "email", "budi@example", "invalid email: must be an e-mail address"));
            cases.add(invalidValue(endpoint, "channelCode", "CARD",
                    "invalid channelCode: must be one of QRIS, EWALLET, VA"));
            cases.add(invalidValue(endpoint, "channelCode", "ewallet",
                    "invalid channelCode: must be one of QRIS, EWALLET, VA"));
            cases.add(invalidValue(endpoint, "wayCode", "BCA",
                    "invalid wayCode: must be one of DANA, OVO, SHOPEEPAY, LINKAJA, GOPAY for channelCode EWALLET"));
            cases.add(new Case("VA with a wallet wayCode", endpoint, Map.of("channelCode", "VA", "wayCode", "OVO"),
                    "invalid wayCode: must be one of BCA, BNI, BRI, MANDIRI, PERMATA, CIMB, BSI, DANAMON "
                            + "for channelCode VA"));
            cases.add(invalidValue(endpoint, "returnUrl", "javascript:alert(1)",
                    "invalid returnUrl: must be an http(s) URL with a host, at most 2048 characters"));
            cases.add(invalidValue(endpoint, "remark", "a\u0000b",
                    "invalid remark: must be 1-256 characters without control characters"));
        }
        cases.add(new Case("missing channelCode", "payIn", Map.of("channelCode", ABSENT, "wayCode", ABSENT),
                "missing field: channelCode"));
        cases.add(new Case("wayCode without channelCode", "paymentLink", Map.of("channelCode", ABSENT),
                "invalid wayCode: only valid together with channelCode"));
        for (String field : List.of("tradeNo", "amount", "notifyUrl", "customerName", "mobile", "email",
                "bankAccountNo", "bankCode")) {
            cases.add(missing("payOut", field));
        }
        cases.add(invalidValue("payOut", "amount", "10000.5", "invalid amount: amount must be a whole number"));
        cases.add(invalidValue("payOut", "customerName", "a\tb",
                "invalid customerName: must be 1-100 characters without control characters"));
        cases.add(invalidValue("payOut", "mobile", "+628123456789", "invalid mobile: " + MOBILE_RULE));
        cases.add(invalidValue("payOut", "email", "siti.example.com", "invalid email: must be an e-mail address"));
        cases.add(invalidValue("payOut", "bankAccountNo", "12345", "invalid bankAccountNo: must be 6-20 digits"));
        cases.add(invalidValue("payOut", "bankAccountNo", "1234-5678", "invalid bankAccountNo: must be 6-20 digits"));
        cases.add(invalidValue("payOut", "bankCode", "002", "invalid bankCode: " + BANKS_RULE));
        cases.add(invalidValue("payOut", "bankCode", "BCA", "invalid bankCode: " + BANKS_RULE));
        cases.add(missing("accountVerify", "bankAccountNo"));
        cases.add(missing("accountVerify", "bankCode"));
        cases.add(invalidValue("accountVerify", "bankAccountNo", "ABC123456",
                "invalid bankAccountNo: must be 6-20 digits"));
        cases.add(invalidValue("accountVerify", "bankCode", "9999", "invalid bankCode: " + BANKS_RULE));
        return cases.stream();
    }
}
