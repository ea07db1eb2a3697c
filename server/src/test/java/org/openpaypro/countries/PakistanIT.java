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
 * Pakistan end to end through the SDK (docs/countries/PK.md): the guide's example bodies, pay-in ({@code payinApi}
 * and the {@code payin} page) and payout to success and failure with signed callbacks, queries, balance and
 * settlement, every field rule of spec §6.2 (missing and invalid, nothing written), the custId rule, and the paths.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PakistanIT extends CountryScenarioIT {
    private static final Country PK = Country.PAKISTAN;
    private static final String NOTIFY = "http://localhost:9/notify";
    private static final String MOBILE_RULE = "must be 10 digits starting with 3 or 11 digits starting with 03";
    private static final String CNIC_RULE = "must be a CNIC of 13 digits (optionally written XXXXX-XXXXXXX-X)";
    private static final String TEXT_100 = "must be 1-100 characters without control characters";
    private static final String GMAIL_RULE = "must be a Gmail address (...@gmail.com)";

    private TestMerchant payinMerchant;
    private TestMerchant payoutMerchant;

    @BeforeAll
    void create_merchants() {
        payinMerchant = merchant(PK, null, Map.of());
        payoutMerchant = merchant(PK, "100000000", Map.of());
    }

    static Map<String, String> payinApi(String tradeNo, String amount, String notifyUrl) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("tradeNo", tradeNo);
        body.put("amount", amount);
        body.put("notifyUrl", notifyUrl);
        body.put("paymentType", "easypaisa");
        body.put("name", "Ali Khan");
        body.put("mobile", "3115112345");
        body.put("email", "ali.khan@gmail.com");
        body.put("customerCert", "3520212345671");
        body.put("remark", "order 42");
        return body;
    }

    static Map<String, String> payinPage(String tradeNo, String amount, String notifyUrl) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("tradeNo", tradeNo);
        body.put("amount", amount);
        body.put("notifyUrl", notifyUrl);
        body.put("name", "Sana Malik");
        body.put("customerCert", "4210112345672");
        body.put("email", "sana.malik@gmail.com");
        body.put("mobile", "03001234567");
        body.put("remark", "basket 9");
        body.put("paymentType", "jazzcash");
        body.put("returnUrl", "https://merchant.example/done");
        return body;
    }

    static Map<String, String> payout(String tradeNo, String amount, String notifyUrl) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("tradeNo", tradeNo);
        body.put("amount", amount);
        body.put("notifyUrl", notifyUrl);
        body.put("name", "Ayesha Raza");
        body.put("customerCert", "35202-1234567-1");
        body.put("email", "ayesha@example.pk");
        body.put("mobile", "3001234567");
        body.put("accountType", "BANK");
        body.put("bankName", "HABIB_BANK_LIMITED");
        body.put("bankNumber", "PK36SCBL0000001123456702");
        body.put("remark", "salary");
        return body;
    }

    // ---- (a) the guide's example bodies -------------------------------------------------------------------------

    @Test
    void the_guides_payinApi_example_is_accepted() {
        Map<String, String> example = new LinkedHashMap<>();
        example.put("amount", "10000");
        example.put("tradeNo", "order45692193212we3111");
        example.put("notifyUrl", "https://example.com/notify");
        example.put("name", "John Doe");
        example.put("customerCert", "1730123456789");
        example.put("email", "johndoe@gmail.com");
        example.put("mobile", "3115112345");
        example.put("remark", "Payment for order #456");
        example.put("custId", "m2hkCRuTCK5HKpEkA0ok");
        ApiResult<PayinData> result = client(PK, payinMerchant).payin(example);
        assertThat(result.accepted()).as(result.msg()).isTrue();
        assertThat(result.data().status()).isEqualTo("0015");
        assertThat(result.data().remark()).isEqualTo("Payment for order #456");
        assertThat(result.data().paymentUrl()).contains("/cashier/" + result.data().platFormTradeNo());
    }

    @Test
    void the_payment_page_field_list_is_accepted_on_payin() {
        ApiResult<PayinData> result = client(PK, payinMerchant).call("payin",
                payinPage(tradeNo("PKP"), "2500", NOTIFY), PayinData.class);
        assertThat(result.accepted()).as(result.msg()).isTrue();
        assertThat(result.data().desc()).isEqualTo("Paying");
        assertThat(result.data().paymentUrl()).endsWith("/cashier/" + result.data().platFormTradeNo());
    }

    @Test
    void the_guides_payout_example_is_accepted_with_its_10_digit_timestamp() {
        Map<String, String> example = new LinkedHashMap<>();
        example.put("amount", "5000");
        example.put("tradeNo", "order67890");
        example.put("name", "Jane Doe");
        example.put("customerCert", "1730123456789");
        example.put("email", "janedoe@example.com");
        example.put("mobile", "3115112345");
        example.put("accountType", "BANK");
        example.put("bankName", "ALLIED_BANK_LIMITED");
        example.put("bankNumber", "9876543210");
        example.put("notifyUrl", "https://yourcallbackurl.com/notify");
        example.put("remark", "Payment for invoice #1001");
        example.put("timestamp", Long.toString(System.currentTimeMillis() / 1000));
        TestMerchant merchant = merchant(PK, "6000", Map.of());
        ApiResult<PayoutData> result = client(PK, merchant).payout(example);
        assertThat(result.accepted()).as(result.msg()).isTrue();
        assertThat(result.data().status()).isEqualTo("0015");
        assertThat(client(PK, merchant).queryBalance().dataOrThrow().freezeAmount()).isEqualTo("5000.0000");
    }

    // ---- (b) flows ----------------------------------------------------------------------------------------------

    @Test
    void payinApi_succeeds_with_a_signed_callback_then_settles_net_of_fee() throws Exception {
        TestMerchant merchant = merchant(PK, null, Map.of("payinFeeRate", "0.02"));
        PayProClient client = client(PK, merchant);
        String tradeNo = tradeNo("PKIN");
        String url = notifyUrl("pk-payin");
        PayinData created = client.payin(payinApi(tradeNo, "1000", url)).dataOrThrow();
        assertThat(created.status()).isEqualTo("0015");
        assertThat(client.queryPayin(tradeNo).dataOrThrow().status()).isEqualTo("0015");

        complete(created.platFormTradeNo(), Map.of("status", "0000"));
        Notification callback = verifiedCallback(url, merchant);
        assertThat(callback.status()).isEqualTo("0000");
        assertThat(callback.tradeNo()).isEqualTo(tradeNo);
        assertThat(callback.platFormTradeNo()).isEqualTo(created.platFormTradeNo());
        assertThat(callback.amount()).isEqualTo("1000");
        assertThat(callback.message()).isEqualTo("SUCCESS");
        assertThat(callback.successTime()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(callback.fields()).containsOnlyKeys("status", "message", "platFormTradeNo", "tradeNo", "amount",
                "successTime", "timestamp");

        TradeResult done = client.queryPayin(tradeNo).dataOrThrow();
        assertThat(done.status()).isEqualTo("0000");
        assertThat(done.amount()).isEqualTo("1000");
        assertThat(done.successTime()).isEqualTo(callback.successTime());
        assertThat(client.queryPayout(tradeNo).msg()).isEqualTo("order not found");

        BalanceData unsettled = client.queryBalance().dataOrThrow();
        assertThat(unsettled.availableAmount()).isEqualTo("0.0000");
        assertThat(unsettled.freezeAmount()).isEqualTo("0.0000");
        assertThat(unsettled.unsettledAmount()).isEqualTo("980.0000");
        settleAll();
        BalanceData settled = client.queryBalance().dataOrThrow();
        assertThat(settled.availableAmount()).isEqualTo("980.0000");
        assertThat(settled.unsettledAmount()).isEqualTo("0.0000");
    }

    @Test
    void a_payment_page_payin_that_fails_moves_no_money_and_calls_back_00029() throws Exception {
        TestMerchant merchant = merchant(PK, null, Map.of());
        PayProClient client = client(PK, merchant);
        String tradeNo = tradeNo("PKPF");
        String url = notifyUrl("pk-payin-fail");
        PayinData created = client.call("payin", payinPage(tradeNo, "700", url), PayinData.class).dataOrThrow();
        complete(created.platFormTradeNo(), Map.of("status", "00029", "message", "payer cancelled"));
        Notification callback = verifiedCallback(url, merchant);
        assertThat(callback.status()).isEqualTo("00029");
        assertThat(callback.message()).isEqualTo("payer cancelled");
        assertThat(callback.successTime()).isNull();
        TradeResult result = client.queryPayin(tradeNo).dataOrThrow();
        assertThat(result.status()).isEqualTo("00029");
        assertThat(result.successTime()).isNull();
        BalanceData balance = client.queryBalance().dataOrThrow();
        assertThat(balance.availableAmount()).isEqualTo("0.0000");
        assertThat(balance.unsettledAmount()).isEqualTo("0.0000");
    }

    @Test
    void payout_to_a_wallet_succeeds_releasing_the_frozen_amount_with_a_signed_callback() throws Exception {
        TestMerchant merchant = merchant(PK, "10000", Map.of("payoutFeeFixed", "10"));
        PayProClient client = client(PK, merchant);
        String tradeNo = tradeNo("PKOUT");
        String url = notifyUrl("pk-payout");
        Map<String, String> body = payout(tradeNo, "5000", url);
        body.put("accountType", "WALLET");
        body.put("bankName", "JAZZCASH");
        body.put("bankNumber", "03001234567");
        PayoutData created = client.payout(body).dataOrThrow();
        assertThat(created.status()).isEqualTo("0015");
        BalanceData frozen = client.queryBalance().dataOrThrow();
        assertThat(frozen.availableAmount()).isEqualTo("4990.0000");
        assertThat(frozen.freezeAmount()).isEqualTo("5010.0000");

        complete(created.platFormTradeNo(), Map.of("status", "0000"));
        Notification callback = verifiedCallback(url, merchant);
        assertThat(callback.status()).isEqualTo("0000");
        assertThat(callback.amount()).isEqualTo("5000");
        assertThat(callback.successTime()).isNotNull();
        TradeResult result = client.queryPayout(tradeNo).dataOrThrow();
        assertThat(result.status()).isEqualTo("0000");
        assertThat(result.message()).isEqualTo("SUCCESS");
        BalanceData after = client.queryBalance().dataOrThrow();
        assertThat(after.availableAmount()).isEqualTo("4990.0000");
        assertThat(after.freezeAmount()).isEqualTo("0.0000");
        assertThat(after.unsettledAmount()).isEqualTo("0.0000");
    }

    @Test
    void a_failed_payout_returns_amount_and_fee_to_available_and_calls_back_00029() throws Exception {
        TestMerchant merchant = merchant(PK, "3000", Map.of("payoutFeeRate", "0.01"));
        PayProClient client = client(PK, merchant);
        String tradeNo = tradeNo("PKOF");
        String url = notifyUrl("pk-payout-fail");
        PayoutData created = client.payout(payout(tradeNo, "2013", url)).dataOrThrow();
        assertThat(client.queryBalance().dataOrThrow().freezeAmount()).isEqualTo("2033.1300");
        complete(created.platFormTradeNo(), Map.of("status", "00029", "message", "simulated bank rejection"));
        Notification callback = verifiedCallback(url, merchant);
        assertThat(callback.status()).isEqualTo("00029");
        assertThat(callback.message()).isEqualTo("simulated bank rejection");
        TradeResult result = client.queryPayout(tradeNo).dataOrThrow();
        assertThat(result.status()).isEqualTo("00029");
        assertThat(result.successTime()).isNull();
        BalanceData after = client.queryBalance().dataOrThrow();
        assertThat(after.availableAmount()).isEqualTo("3000.0000");
        assertThat(after.freezeAmount()).isEqualTo("0.0000");
    }

    @Test
    void pakistan_has_no_partial_payment() {
        PayinData created = client(PK, payinMerchant).payin(payinApi(tradeNo("PKPP"), "1000", NOTIFY))
                .dataOrThrow();
        TestGateway.Answer answer = gateway.admin("POST", "/sandbox/v1/trades/" + created.platFormTradeNo()
                + "/complete", Map.of("status", "0001", "paidAmount", "500"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(client(PK, payinMerchant).queryPayin(created.tradeNo()).dataOrThrow().status())
                .isEqualTo("0015");
    }

    // ---- custId: required above 50,000 ----------------------------------------------------------------------------

    @Test
    void custId_is_required_above_50000_on_both_payin_endpoints() {
        PayProClient client = client(PK, payinMerchant);
        Map<String, Long> before = gateway.snapshot();
        String msg = "missing field: custId (required when amount exceeds 50000)";
        assertRejected(client.payin(payinApi(tradeNo("PKC"), "50001", NOTIFY)), msg, before);
        assertRejected(client.call("payin", payinPage(tradeNo("PKC"), "60000", NOTIFY)), msg, before);
    }

    @Test
    void custId_is_optional_up_to_50000_and_accepted_above() {
        PayProClient client = client(PK, payinMerchant);
        assertThat(client.payin(payinApi(tradeNo("PKC"), "50000", NOTIFY)).accepted()).isTrue();
        Map<String, String> large = payinApi(tradeNo("PKC"), "75000", NOTIFY);
        large.put("custId", "m2hkCRuTCK5HKpEkA0ok");
        assertThat(client.payin(large).accepted()).isTrue();
    }

    /** Our decision (PK.md): "same customer + same amount once per hour" is the wallet's rule, not enforced here. */
    @Test
    void the_same_custId_and_amount_twice_within_an_hour_is_not_refused_by_the_gateway() {
        PayProClient client = client(PK, payinMerchant);
        for (int i = 0; i < 2; i++) {
            Map<String, String> body = payinPage(tradeNo("PKH"), "80000", NOTIFY);
            body.put("custId", "repeat-customer-1");
            ApiResult<PayinData> result = client.call("payin", body, PayinData.class);
            assertThat(result.accepted()).as(result.msg()).isTrue();
        }
    }

    // ---- (c) field rules -----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("payinApiRejections")
    void a_payinApi_request_breaking_a_rule_is_refused_and_writes_nothing(Case rule) {
        assertRefused(client(PK, payinMerchant), "payinApi", payinApi(tradeNo("PKR"), "1000", NOTIFY), rule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payinPageRejections")
    void a_payment_page_request_breaking_a_rule_is_refused_and_writes_nothing(Case rule) {
        assertRefused(client(PK, payinMerchant), "payin", payinPage(tradeNo("PKR"), "1000", NOTIFY), rule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payoutRejections")
    void a_payout_breaking_a_rule_is_refused_and_writes_nothing(Case rule) {
        assertRefused(client(PK, payoutMerchant), "payout", payout(tradeNo("PKR"), "1000", NOTIFY), rule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validVariants")
    void requests_within_the_rules_are_accepted(Case variant) {
        String endpoint = variant.msg();
        Map<String, String> base = switch (endpoint) {
            case "payinApi" -> payinApi(tradeNo("PKV"), "1000", NOTIFY);
            case "payin" -> payinPage(tradeNo("PKV"), "1000", NOTIFY);
            default -> payout(tradeNo("PKV"), "1000", NOTIFY);
        };
        TestMerchant merchant = endpoint.equals("payout") ? payoutMerchant : payinMerchant;
        ApiResult<Map<String, Object>> result = client(PK, merchant).call(endpoint, apply(base, variant.changes()));
        assertThat(result.accepted()).as(result.msg()).isTrue();
    }

    Stream<Case> payinApiRejections() {
        List<Case> cases = new ArrayList<>(payerRejections());
        cases.add(invalid("paymentType upper case", "paymentType", "EASYPAISA",
                "invalid paymentType: must be one of easypaisa, jazzcash"));
        cases.add(invalid("paymentType card", "paymentType", "card",
                "invalid paymentType: must be one of easypaisa, jazzcash"));
        cases.add(invalid("amount below 100", "amount", "99", "amount is below the minimum of 100"));
        return cases.stream();
    }

    Stream<Case> payinPageRejections() {
        List<Case> cases = new ArrayList<>(payerRejections());
        cases.add(missing("customerCert"));
        cases.add(missing("remark"));
        cases.add(invalid("paymentType unknown", "paymentType", "upaisa",
                "invalid paymentType: must be one of easypaisa, jazzcash"));
        cases.add(invalid("returnUrl javascript:", "returnUrl", "javascript:alert(1)",
                "invalid returnUrl: must be an http(s) URL with a host, at most 2048 characters"));
        return cases.stream();
    }

    /** Rules shared by both pay-in endpoints (spec §6.2: name, mobile, Gmail, CNIC, custId; no decimals). */
    private static List<Case> payerRejections() {
        List<Case> cases = new ArrayList<>();
        for (String field : List.of("name", "mobile", "email")) {
            cases.add(missing(field));
        }
        cases.add(invalid("name with a control character", "name", "Ali\u0007Khan", "invalid name: " + TEXT_100));
        cases.add(invalid("name of 101 characters", "name", "A".repeat(101), "invalid name: " + TEXT_100));
        cases.add(invalid("mobile with 92", "mobile", "923115112345", "invalid mobile: " + MOBILE_RULE));
        cases.add(invalid("mobile starting with 4", "mobile", "4115112345", "invalid mobile: " + MOBILE_RULE));
        cases.add(invalid("mobile of 9 digits", "mobile", "311511234", "invalid mobile: " + MOBILE_RULE));
        cases.add(invalid("mobile 11 digits not 03", "mobile", "93115112345", "invalid mobile: " + MOBILE_RULE));
        cases.add(invalid("email not gmail", "email", "ali@yahoo.com", "invalid email: " + GMAIL_RULE));
        cases.add(invalid("email gmail as subdomain", "email", "ali@gmail.com.pk", "invalid email: " + GMAIL_RULE));
        cases.add(invalid("email not an address", "email", "ali.gmail.com",
                "invalid email: must be an e-mail address"));
        cases.add(invalid("CNIC of 12 digits", "customerCert", "352021234567", "invalid customerCert: " + CNIC_RULE));
        cases.add(invalid("CNIC with letters", "customerCert", "35202123456AB", "invalid customerCert: "
                + CNIC_RULE));
        cases.add(invalid("CNIC dashed wrongly", "customerCert", "352021-234567-1", "invalid customerCert: "
                + CNIC_RULE));
        cases.add(invalid("custId with a space", "custId", "cust 1",
                "invalid custId: must be 1-64 visible ASCII characters without spaces"));
        cases.add(invalid("custId of 65 characters", "custId", "c".repeat(65),
                "invalid custId: must be 1-64 visible ASCII characters without spaces"));
        cases.add(invalid("amount with decimals", "amount", "150.50", "invalid amount: amount must be a whole number"));
        cases.add(invalid("remark of 257 characters", "remark", "r".repeat(257),
                "invalid remark: must be 1-256 characters without control characters"));
        return cases;
    }

    Stream<Case> payoutRejections() {
        List<Case> cases = new ArrayList<>();
        for (String field : List.of("name", "customerCert", "email", "mobile", "accountType", "bankName",
                "bankNumber", "remark")) {
            cases.add(missing(field));
        }
        cases.add(invalid("name with a control character", "name", "Ayesha\nRaza", "invalid name: " + TEXT_100));
        cases.add(invalid("CNIC of 14 digits", "customerCert", "35202123456712", "invalid customerCert: "
                + CNIC_RULE));
        cases.add(invalid("email not an address", "email", "ayesha@", "invalid email: must be an e-mail address"));
        cases.add(invalid("mobile with +92", "mobile", "+923001234567", "invalid mobile: " + MOBILE_RULE));
        cases.add(invalid("accountType lower case", "accountType", "bank",
                "invalid accountType: must be one of BANK, WALLET"));
        cases.add(invalid("accountType CARD", "accountType", "CARD", "invalid accountType: must be one of BANK, "
                + "WALLET"));
        cases.add(invalid("bankName not in the bank list", "bankName", "MY_BANK",
                "invalid bankName: must be a code of the PK banks list (17 codes, see docs/countries/PK.md) "
                        + "for accountType BANK"));
        cases.add(invalid("wallet code as bank", "bankName", "EASYPAISA",
                "invalid bankName: must be a code of the PK banks list (17 codes, see docs/countries/PK.md) "
                        + "for accountType BANK"));
        cases.add(invalid("bank code as wallet", changes("accountType", "WALLET", "bankName", "ALLIED_BANK_LIMITED",
                "bankNumber", "03001234567"),
                "invalid bankName: must be a code of the PK wallets list (EASYPAISA, JAZZCASH) "
                        + "for accountType WALLET"));
        cases.add(invalid("bank account with a dash", "bankNumber", "1234-5678",
                "invalid bankNumber: must be 6-24 letters and digits (account number or IBAN) for accountType BANK"));
        cases.add(invalid("bank account of 5 digits", "bankNumber", "12345",
                "invalid bankNumber: must be 6-24 letters and digits (account number or IBAN) for accountType BANK"));
        cases.add(invalid("wallet number not a mobile", changes("accountType", "WALLET", "bankName", "EASYPAISA",
                "bankNumber", "12345678"), "invalid bankNumber: " + MOBILE_RULE + " for accountType WALLET"));
        cases.add(invalid("bankNumber of 35 characters", "bankNumber", "1".repeat(35),
                "invalid bankNumber: must be 1-34 characters without control characters"));
        cases.add(invalid("amount with decimals", "amount", "10.5", "invalid amount: amount must be a whole number"));
        cases.add(invalid("amount 0", "amount", "0", "amount must be greater than 0"));
        return cases.stream();
    }

    /** Variants the rules must accept; {@code msg} names the endpoint. */
    Stream<Case> validVariants() {
        return Stream.of(
                new Case("payinApi with only the required fields", changes("paymentType", null, "customerCert",
                        null, "remark", null), "payinApi"),
                new Case("payinApi mobile of 11 digits with 03", changes("mobile", "03115112345"), "payinApi"),
                new Case("payinApi Gmail in upper case", changes("email", "ALI.KHAN@GMAIL.COM"), "payinApi"),
                new Case("payinApi jazzcash", changes("paymentType", "jazzcash"), "payinApi"),
                new Case("payinApi amount 100 (minimum)", changes("amount", "100"), "payinApi"),
                new Case("payin page without optional fields", changes("custId", null, "paymentType", null,
                        "returnUrl", null), "payin"),
                new Case("payin page mobile of 10 digits", changes("mobile", "3001234567"), "payin"),
                new Case("payin page dashed CNIC", changes("customerCert", "42101-1234567-2"), "payin"),
                new Case("payout amount 1 (minimum)", changes("amount", "1"), "payout"),
                new Case("payout plain CNIC", changes("customerCert", "3520212345671"), "payout"),
                new Case("payout to an Easypaisa wallet", changes("accountType", "WALLET", "bankName", "EASYPAISA",
                        "bankNumber", "3001234567"), "payout"),
                new Case("payout any e-mail domain", changes("email", "payee@company.com.pk"), "payout"));
    }

    // ---- (d) paths -----------------------------------------------------------------------------------------------

    @Test
    void the_country_base_path_and_the_bare_family_path_reach_the_same_endpoints() {
        String tradeNo = tradeNo("PKB");
        assertThat(bareClient(PK, payinMerchant).payin(payinApi(tradeNo, "300", NOTIFY)).accepted()).isTrue();
        assertThat(client(PK, payinMerchant).queryPayin(tradeNo).dataOrThrow().tradeNo()).isEqualTo(tradeNo);
        assertThat(bareClient(PK, payinMerchant).call("checkout", payinPage(tradeNo("PKB"), "300", NOTIFY))
                .accepted()).isTrue();
    }

    @Test
    void a_merchant_of_another_country_is_refused_on_the_pakistan_base_path() {
        TestMerchant brazilian = merchant(Country.BRAZIL, null, Map.of());
        Map<String, Long> before = gateway.snapshot();
        assertRejected(client(PK, brazilian).payin(payinApi(tradeNo("PKX"), "300", NOTIFY)),
                "merchant belongs to country BR, not to this PK endpoint", before);
    }

    @Test
    void the_pakistan_endpoints_exist_only_under_the_payproPK_family() {
        PayProClient wrongFamily = PayProClient.builder().baseUrl(gateway.baseUrl()).country(PK)
                .family("/v1/paypro").merchantNo(payinMerchant.merchantNo()).secretKey(payinMerchant.secret())
                .build();
        Map<String, Long> before = gateway.snapshot();
        assertRejected(wrongFamily.payin(payinApi(tradeNo("PKF"), "300", NOTIFY)),
                "endpoint /v1/paypro/payinApi is not available for country PK", before);
    }
}
