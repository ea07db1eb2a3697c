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
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * India end to end through the SDK (docs/countries/IN.md): the field lists of the guide (and its example bodies,
 * which break the guide's own mobile and e-mail rules), pay-in ({@code payinApi} and the {@code payin} cashier) and
 * payout to success and failure with signed callbacks, the payout {@code utr} in query and callback, balance and
 * settlement, every field rule of spec §6.2, and the paths.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndiaIT extends CountryScenarioIT {
    private static final Country IN = Country.INDIA;
    private static final String NOTIFY = "http://localhost:9/notify";
    private static final String MOBILE_RULE = "must be 10 digits starting with 6, 7, 8 or 9, optionally preceded by "
            + "91 (e.g. 8234567890)";
    private static final String IP_RULE = "must be an IPv4 or IPv6 address";
    private static final String IFSC_RULE = "must be an IFSC of 11 characters: 4 letters, 0, 6 letters or digits "
            + "(e.g. SBIN0001234)";
    private static final String URL_RULE = "must be an http(s) URL with a host, at most 2048 characters";

    private TestMerchant payinMerchant;
    private TestMerchant payoutMerchant;

    @BeforeAll
    void create_merchants() {
        payinMerchant = merchant(IN, null, Map.of());
        payoutMerchant = merchant(IN, "100000000", Map.of());
    }

    static Map<String, String> payin(String tradeNo, String amount, String notifyUrl) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("tradeNo", tradeNo);
        body.put("amount", amount);
        body.put("notifyUrl", notifyUrl);
        body.put("name", "Rahul Sharma");
        body.put("mobile", "9876543210");
        body.put("email", "rahul.sharma@gmail.com");
        body.put("ipAddress", "14.155.28.59");
        body.put("returnUrl", "https://merchant.example/done");
        body.put("remark", "order 7");
        return body;
    }

    static Map<String, String> payout(String tradeNo, String amount, String notifyUrl) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("ipAddress", "14.155.28.59");
        body.put("tradeNo", tradeNo);
        body.put("amount", amount);
        body.put("name", "Priya Nair");
        body.put("mobile", "8234567890");
        body.put("email", "priya.nair@gmail.com");
        body.put("bankNumber", "10094038292");
        body.put("bankCode", "IDFB0043121");
        body.put("notifyUrl", notifyUrl);
        body.put("remark", "refund 3");
        return body;
    }

    /** The guide's pay-in example (payinApi and payin pages), without sign and timestamp. */
    static Map<String, String> guidePayinExample() {
        Map<String, String> example = new LinkedHashMap<>();
        example.put("tradeNo", "00000007");
        example.put("amount", "300");
        example.put("name", "abc");
        example.put("mobile", "918234567890");
        example.put("email", "123@qq.com");
        example.put("ipAddress", "14.155.28.59");
        example.put("remark", "000000");
        example.put("notifyUrl", "https://google.com");
        example.put("returnUrl", "http://abc.com/callback_page");
        return example;
    }

    // ---- (a) the guide's bodies ----------------------------------------------------------------------------------

    @Test
    void the_guides_payin_example_is_accepted_verbatim_on_both_payin_endpoints() {
        PayProClient client = client(IN, payinMerchant);
        for (String endpoint : List.of("payinApi", "payin")) {
            Map<String, String> example = guidePayinExample();
            example.put("tradeNo", "0000000" + endpoint.length());
            ApiResult<PayinData> result = client.call(endpoint, example, PayinData.class);
            assertThat(result.accepted()).as(result.msg()).isTrue();
            assertThat(result.data().status()).isEqualTo("0015");
            assertThat(result.data().remark()).isEqualTo("000000");
            assertThat(result.data().paymentUrl()).endsWith("/cashier/" + result.data().platFormTradeNo());
        }
    }

    @Test
    void the_guides_payout_example_is_accepted_verbatim() {
        Map<String, String> example = new LinkedHashMap<>();
        example.put("tradeNo", "123231222");
        example.put("amount", "300");
        example.put("name", "abc");
        example.put("mobile", "918234567890");
        example.put("email", "123@qq.com");
        example.put("bankNumber", "10094038292");
        example.put("bankCode", "IDFB0043121");
        example.put("notifyUrl", "https://merchant.example/notify");
        example.put("remark", "000000");
        ApiResult<PayoutData> result = client(IN, payoutMerchant).payout(example);
        assertThat(result.accepted()).as(result.msg()).isTrue();
        assertThat(result.data().status()).isEqualTo("0015");
    }

    // ---- (b) flows ----------------------------------------------------------------------------------------------

    @Test
    void payinApi_succeeds_with_a_signed_callback() throws Exception {
        TestMerchant merchant = merchant(IN, null, Map.of("payinFeeRate", "0.03", "payinFeeFixed", "1"));
        PayProClient client = client(IN, merchant);
        String tradeNo = tradeNo("INP");
        String url = notifyUrl("in-payin");
        PayinData created = client.payin(payin(tradeNo, "1500.50", url)).dataOrThrow();
        assertThat(created.status()).isEqualTo("0015");
        assertThat(client.queryPayin(tradeNo).dataOrThrow().successTime()).isNull();

        complete(created.platFormTradeNo(), Map.of("status", "0000"));
        Notification callback = verifiedCallback(url, merchant);
        assertThat(callback.status()).isEqualTo("0000");
        assertThat(callback.amount()).isEqualTo("1500.50");
        assertThat(callback.successTime()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(callback.fields()).doesNotContainKey("utr");

        TradeResult done = client.queryPayin(tradeNo).dataOrThrow();
        assertThat(done.status()).isEqualTo("0000");
        assertThat(done.amount()).isEqualTo("1500.50");
        assertThat(client.call("queryPayInResult", Map.of("tradeNo", tradeNo)).dataOrThrow())
                .doesNotContainKey("utr");
    }

    @Test
    void a_cashier_payin_that_fails_moves_no_money_and_calls_back_00029() throws Exception {
        TestMerchant merchant = merchant(IN, null, Map.of());
        PayProClient client = client(IN, merchant);
        String tradeNo = tradeNo("INF");
        String url = notifyUrl("in-payin-fail");
        PayinData created = client.call("payin", payin(tradeNo, "499", url), PayinData.class).dataOrThrow();
        complete(created.platFormTradeNo(), Map.of("status", "00029"));
        Notification callback = verifiedCallback(url, merchant);
        assertThat(callback.status()).isEqualTo("00029");
        assertThat(callback.message()).isEqualTo("FAILED");
        assertThat(callback.successTime()).isNull();
        assertThat(client.queryPayin(tradeNo).dataOrThrow().status()).isEqualTo("00029");
        assertThat(client.queryBalance().dataOrThrow().unsettledAmount()).isEqualTo("0.0000");
    }

    @Test
    void a_successful_payout_carries_the_utr_in_query_and_callback() throws Exception {
        TestMerchant merchant = merchant(IN, "20000", Map.of("payoutFeeFixed", "5"));
        PayProClient client = client(IN, merchant);
        String tradeNo = tradeNo("INO");
        String url = notifyUrl("in-payout");
        PayoutData created = client.payout(payout(tradeNo, "7500", url)).dataOrThrow();
        assertThat(created.status()).isEqualTo("0015");
        assertThat(client.call("queryPayOutResult", Map.of("tradeNo", tradeNo)).dataOrThrow())
                .doesNotContainKey("utr");
        BalanceData frozen = client.queryBalance().dataOrThrow();
        assertThat(frozen.availableAmount()).isEqualTo("12495.0000");
        assertThat(frozen.freezeAmount()).isEqualTo("7505.0000");

        complete(created.platFormTradeNo(), Map.of("status", "0000"));
        Notification callback = verifiedCallback(url, merchant);
        assertThat(callback.status()).isEqualTo("0000");
        assertThat(callback.fields().get("utr")).matches("[0-9]{12}");
        Map<String, Object> query = client.call("queryPayOutResult", Map.of("tradeNo", tradeNo)).dataOrThrow();
        assertThat(query).containsEntry("status", "0000").containsEntry("amount", "7500")
                .containsEntry("utr", callback.fields().get("utr"));
        BalanceData after = client.queryBalance().dataOrThrow();
        assertThat(after.availableAmount()).isEqualTo("12495.0000");
        assertThat(after.freezeAmount()).isEqualTo("0.0000");
    }

    @Test
    void a_failed_payout_has_no_utr_and_returns_everything_to_available() throws Exception {
        TestMerchant merchant = merchant(IN, "1000", Map.of("payoutFeeFixed", "5"));
        PayProClient client = client(IN, merchant);
        String tradeNo = tradeNo("INOF");
        String url = notifyUrl("in-payout-fail");
        PayoutData created = client.payout(payout(tradeNo, "513", url)).dataOrThrow();
        complete(created.platFormTradeNo(), Map.of("status", "00029", "message", "account closed"));
        Notification callback = verifiedCallback(url, merchant);
        assertThat(callback.status()).isEqualTo("00029");
        assertThat(callback.message()).isEqualTo("account closed");
        assertThat(callback.fields()).doesNotContainKeys("utr", "successTime");
        Map<String, Object> query = client.call("queryPayOutResult", Map.of("tradeNo", tradeNo)).dataOrThrow();
        assertThat(query).containsEntry("status", "00029").doesNotContainKeys("utr", "successTime");
        BalanceData after = client.queryBalance().dataOrThrow();
        assertThat(after.availableAmount()).isEqualTo("1000.0000");
        assertThat(after.freezeAmount()).isEqualTo("0.0000");
    }

    // ---- (c) field rules -----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "payinApi: {0}")
    @MethodSource("payinRejections")
    void a_payinApi_request_breaking_a_rule_is_refused_and_writes_nothing(Case rule) {
        assertPayinRefused("payinApi", rule);
    }

    @ParameterizedTest(name = "payin: {0}")
    @MethodSource("payinRejections")
    void a_cashier_payin_request_breaking_a_rule_is_refused_and_writes_nothing(Case rule) {
        assertPayinRefused("payin", rule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payoutRejections")
    void a_payout_breaking_a_rule_is_refused_and_writes_nothing(Case rule) {
        assertRefused(client(IN, payoutMerchant), "payout", payout(tradeNo("INR"), "1000", NOTIFY), rule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validVariants")
    void requests_within_the_rules_are_accepted(Case variant) {
        boolean isPayout = variant.msg().equals("payout");
        Map<String, String> base = isPayout ? payout(tradeNo("INV"), "1000", NOTIFY)
                : payin(tradeNo("INV"), "1000", NOTIFY);
        ApiResult<Map<String, Object>> result = client(IN, isPayout ? payoutMerchant : payinMerchant)
                .call(variant.msg(), apply(base, variant.changes()));
        assertThat(result.accepted()).as(result.msg()).isTrue();
    }

    private void assertPayinRefused(String endpoint, Case rule) {
        assertRefused(client(IN, payinMerchant), endpoint, payin(tradeNo("INR"), "1000", NOTIFY), rule);
    }

    Stream<Case> payinRejections() {
        List<Case> cases = new ArrayList<>(personRejections());
        cases.add(missing("ipAddress"));
        cases.add(missing("returnUrl"));
        cases.add(invalid("returnUrl javascript:", "returnUrl", "javascript:alert(1)", "invalid returnUrl: "
                + URL_RULE));
        cases.add(invalid("returnUrl relative", "returnUrl", "/done", "invalid returnUrl: " + URL_RULE));
        return cases.stream();
    }

    Stream<Case> payoutRejections() {
        List<Case> cases = new ArrayList<>(personRejections());
        cases.add(missing("bankNumber"));
        cases.add(missing("bankCode"));
        cases.add(invalid("the table's typo bankNCode instead of bankCode", changes("bankCode", null, "bankNCode",
                "IDFB0043121"), "missing field: bankCode"));
        cases.add(invalid("IFSC fifth character not 0", "bankCode", "SBIN1001234", "invalid bankCode: "
                + IFSC_RULE));
        cases.add(invalid("IFSC in lower case", "bankCode", "sbin0001234", "invalid bankCode: " + IFSC_RULE));
        cases.add(invalid("IFSC of 10 characters", "bankCode", "SBIN000123", "invalid bankCode: " + IFSC_RULE));
        cases.add(invalid("IFSC with 3 letters", "bankCode", "SBI00001234", "invalid bankCode: " + IFSC_RULE));
        cases.add(invalid("IFSC of 12 characters", "bankCode", "SBIN00012345", "invalid bankCode: " + IFSC_RULE));
        cases.add(invalid("account of 8 digits", "bankNumber", "12345678",
                "invalid bankNumber: must be 9-18 digits"));
        cases.add(invalid("account of 19 digits", "bankNumber", "1234567890123456789",
                "invalid bankNumber: must be 9-18 digits"));
        cases.add(invalid("account with letters", "bankNumber", "ACC1234567", "invalid bankNumber: must be 9-18 "
                + "digits"));
        return cases.stream();
    }

    /** Rules of spec §6.2 shared by pay-in and payout: name, mobile, Gmail, ipAddress; amounts. */
    private static List<Case> personRejections() {
        List<Case> cases = new ArrayList<>();
        for (String field : List.of("name", "mobile", "email")) {
            cases.add(missing(field));
        }
        cases.add(invalid("name of 101 characters", "name", "R".repeat(101),
                "invalid name: must be 1-100 characters without control characters"));
        cases.add(invalid("mobile with +91", "mobile", "+919876543210", "invalid mobile: " + MOBILE_RULE));
        cases.add(invalid("mobile starting with 5", "mobile", "5876543210", "invalid mobile: " + MOBILE_RULE));
        cases.add(invalid("mobile of 9 digits", "mobile", "987654321", "invalid mobile: " + MOBILE_RULE));
        cases.add(invalid("mobile with a leading 0", "mobile", "09876543210", "invalid mobile: " + MOBILE_RULE));
        cases.add(invalid("mobile with 91 and 9 digits", "mobile", "91987654321", "invalid mobile: " + MOBILE_RULE));
        cases.add(invalid("email not an address", "email", "rahul@gmail", "invalid email: must be an e-mail "
                + "address"));
        cases.add(invalid("ipAddress octet above 255", "ipAddress", "256.1.1.1", "invalid ipAddress: " + IP_RULE));
        cases.add(invalid("ipAddress of 3 octets", "ipAddress", "14.155.28", "invalid ipAddress: " + IP_RULE));
        cases.add(invalid("ipAddress a host name", "ipAddress", "localhost", "invalid ipAddress: " + IP_RULE));
        cases.add(invalid("ipAddress with a port", "ipAddress", "14.155.28.59:80", "invalid ipAddress: "
                + IP_RULE));
        cases.add(invalid("ipAddress IPv6 with two ::", "ipAddress", "2001::db8::1", "invalid ipAddress: "
                + IP_RULE));
        cases.add(invalid("amount with 3 decimals", "amount", "100.125",
                "invalid amount: amount has more than 2 decimals"));
        cases.add(invalid("remark of 257 characters", "remark", "r".repeat(257),
                "invalid remark: must be 1-256 characters without control characters"));
        return cases;
    }

    /** Variants the rules must accept; {@code msg} names the endpoint. */
    Stream<Case> validVariants() {
        return Stream.of(
                new Case("payinApi without remark", changes("remark", null), "payinApi"),
                new Case("payinApi IPv6 address", changes("ipAddress", "2001:db8::1"), "payinApi"),
                new Case("payinApi IPv4-mapped IPv6 address", changes("ipAddress", "::ffff:14.155.28.59"),
                        "payinApi"),
                new Case("payinApi mobile starting with 6", changes("mobile", "6000000000"), "payinApi"),
                new Case("payin Gmail in upper case", changes("email", "RAHUL@GMAIL.COM"), "payin"),
                new Case("payin amount with 2 decimals", changes("amount", "99.99"), "payin"),
                new Case("payin http returnUrl", changes("returnUrl", "http://abc.com/callback_page"), "payin"),
                new Case("payout IFSC with letters in the branch", changes("bankCode", "HDFC0CAGSBK"), "payout"),
                new Case("payout account of 18 digits", changes("bankNumber", "123456789012345678"), "payout"),
                new Case("payout without remark", changes("remark", null), "payout"),
                new Case("payout without ipAddress (the guide's example)", changes("ipAddress", null), "payout"),
                new Case("payin mobile with 91 (the guide's example)", changes("mobile", "918234567890"), "payin"),
                new Case("payinApi email at qq.com (the guide's example)", changes("email", "123@qq.com"),
                        "payinApi"),
                new Case("payout email at googlemail.com", changes("email", "rahul@googlemail.com"), "payout"));
    }

    // ---- (d) paths -----------------------------------------------------------------------------------------------

    @Test
    void the_country_base_path_and_the_bare_family_path_reach_the_same_endpoints() {
        String tradeNo = tradeNo("INB");
        assertThat(bareClient(IN, payinMerchant).payin(payin(tradeNo, "300", NOTIFY)).accepted()).isTrue();
        assertThat(client(IN, payinMerchant).queryPayin(tradeNo).dataOrThrow().tradeNo()).isEqualTo(tradeNo);
        assertThat(bareClient(IN, payinMerchant).queryPayin(tradeNo).dataOrThrow().status()).isEqualTo("0015");
    }

    @Test
    void a_merchant_of_another_country_is_refused_on_the_india_base_path() {
        TestMerchant pakistani = merchant(Country.PAKISTAN, null, Map.of());
        Map<String, Long> before = gateway.snapshot();
        PayProClient client = PayProClient.builder().baseUrl(gateway.baseUrl()).country(IN)
                .basePath(IN.basePath()).merchantNo(pakistani.merchantNo()).secretKey(pakistani.secret()).build();
        assertRejected(client.payin(payin(tradeNo("INX"), "300", NOTIFY)),
                "merchant belongs to country PK, not to this IN endpoint", before);
    }
}
