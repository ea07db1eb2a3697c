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
import org.openpaypro.sdk.TradeResult;
import org.openpaypro.testing.CountryScenarioIT;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Nigeria end to end (spec §6.1, §6.2 [D-NG], docs/countries/NG.md): {@code payIn} by e-wallet (EWALLET / PALMPAY)
 * or virtual account (VA / VA) with username, mobile and e-mail, our {@code payOut} to a bank account of the list,
 * amounts with kobo, signed callbacks echoing channelCode and wayCode, and one refusal per field rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NigeriaIT extends CountryScenarioIT {
    private static final Country NG = Country.NIGERIA;
    private static final String BASE = "/ng-pay/v1/paypro/";
    private static final String NOTIFY = "http://localhost:9/notify";
    private static final ZoneId LAGOS = ZoneId.of("Africa/Lagos");
    private static final String MOBILE_RULE = "must be 6-15 digits, optionally preceded by +";
    private static final String BANKS = "must be a code of the NG banks list (22 codes, see docs/countries/NG.md)";

    private TestMerchant rulesMerchant;

    @BeforeAll
    void create_merchant() {
        rulesMerchant = merchant(NG, "1000000", Map.of());
    }

    @Test
    void the_documented_fields_of_pay_in_and_our_payout_fields_are_accepted_with_our_signature() {
        TestMerchant merchant = merchant(NG, "10000", Map.of());
        assertAccepted(gateway.signed(BASE + "payIn", merchant.merchantNo(), merchant.secret(),
                Map.of("tradeNo", tradeNo("NG"), "amount", 1000, "channelCode", "EWALLET", "wayCode", "PALMPAY",
                        "username", "Chinedu Okafor", "mobile", "08012345678", "email", "chinedu@example.com",
                        "notifyUrl", NOTIFY, "remark", "o1")));
        assertAccepted(gateway.signed(BASE + "payIn", merchant.merchantNo(), merchant.secret(),
                Map.of("tradeNo", tradeNo("NG"), "amount", "2500.50", "channelCode", "VA", "wayCode", "VA",
                        "username", "Chinedu Okafor", "mobile", "2348012345678", "email", "chinedu@example.com",
                        "notifyUrl", NOTIFY)));
        assertAccepted(gateway.signed(BASE + "payIn", merchant.merchantNo(), merchant.secret(),
                Map.of("tradeNo", tradeNo("NG"), "amount", "700", "channelCode", "VA",
                        "username", "Chinedu Okafor", "mobile", "09012345678", "email", "chinedu@example.com",
                        "notifyUrl", NOTIFY)));
        for (String mobile : List.of("123456789", "+2348012345678", "0801234567", "06012345678")) {
            assertAccepted(gateway.signed(BASE + "payIn", merchant.merchantNo(), merchant.secret(),
                    Map.of("tradeNo", tradeNo("NG"), "amount", "700", "channelCode", "VA",
                            "username", "Chinedu Okafor", "mobile", mobile, "email", "chinedu@example.com",
                            "notifyUrl", NOTIFY)));
        }
        assertAccepted(gateway.signed(BASE + "payOut", merchant.merchantNo(), merchant.secret(),
                Map.of("tradeNo", tradeNo("NG"), "amount", "1500.25", "bankCode", "058",
                        "bankAccountNo", "0123456789", "customerName", "Ngozi Adeyemi", "notifyUrl", NOTIFY)));
    }

    @Test
    void payin_succeeds_and_its_signed_callback_echoes_channel_and_way_code() throws Exception {
        TestMerchant merchant = merchant(NG, null, Map.of("payinFeeRate", "0.015", "payinFeeFixed", "0.50"));
        PayProClient client = client(NG, merchant);
        String tradeNo = tradeNo("NG");
        String url = notifyUrl("ng-payin");
        ApiResult<PayinData> created = client.payin(payin(tradeNo, "2000.50", url));
        assertThat(created.accepted()).as(created.msg()).isTrue();
        assertThat(created.data().status()).isEqualTo("0015");
        assertThat(client.queryPayin(tradeNo).dataOrThrow().status()).isEqualTo("0015");
        complete(created.data().platFormTradeNo(), Map.of("status", "0000"));
        TradeResult done = client.queryPayin(tradeNo).dataOrThrow();
        assertThat(done.status()).isEqualTo("0000");
        assertThat(done.amount()).isEqualTo("2000.50");
        assertLocalNow(done.successTime(), LAGOS);

        Notification notification = verifiedTextualCallback(url, merchant);
        assertThat(notification.status()).isEqualTo("0000");
        assertThat(notification.amount()).isEqualTo("2000.50");
        assertThat(notification.fields()).containsEntry("channelCode", "EWALLET").containsEntry("wayCode", "PALMPAY");
        assertThat(notification.successTime()).isEqualTo(done.successTime());
    }

    @Test
    void payin_failure_credits_nothing_and_a_callback_without_way_code_leaves_it_out() throws Exception {
        TestMerchant merchant = merchant(NG, null, Map.of());
        PayProClient client = client(NG, merchant);
        String tradeNo = tradeNo("NG");
        String url = notifyUrl("ng-payin-fail");
        Map<String, String> body = payin(tradeNo, "500", url);
        body.put("channelCode", "VA");
        body.remove("wayCode");
        PayinData data = client.payin(body).dataOrThrow();
        complete(data.platFormTradeNo(), Map.of("status", "00029", "message", "transfer not received"));
        TradeResult result = client.queryPayin(tradeNo).dataOrThrow();
        assertThat(result.status()).isEqualTo("00029");
        assertThat(result.message()).isEqualTo("transfer not received");
        assertThat(result.successTime()).isNull();
        Notification notification = verifiedTextualCallback(url, merchant);
        assertThat(notification.status()).isEqualTo("00029");
        assertThat(notification.fields()).containsEntry("channelCode", "VA").doesNotContainKey("wayCode");
        assertThat(trade(data.platFormTradeNo()).get("postings")).isEmpty();
        assertThat(client.queryBalance().dataOrThrow().unsettledAmount()).isEqualTo("0.0000");
    }

    @Test
    void payout_freezes_amount_and_fee_then_succeeds_with_a_signed_callback_without_way_codes() throws Exception {
        TestMerchant merchant = merchant(NG, "10000", Map.of("payoutFeeFixed", "25.50"));
        PayProClient client = client(NG, merchant);
        String tradeNo = tradeNo("NG");
        String url = notifyUrl("ng-payout");
        ApiResult<PayoutData> created = client.payout(payout(tradeNo, "3000.75", url));
        assertThat(created.accepted()).as(created.msg()).isTrue();
        BalanceData frozen = client.queryBalance().dataOrThrow();
        assertThat(frozen.availableAmount()).isEqualTo("6973.7500");
        assertThat(frozen.freezeAmount()).isEqualTo("3026.2500");
        complete(created.data().platFormTradeNo(), Map.of("status", "0000"));
        TradeResult result = client.queryPayout(tradeNo).dataOrThrow();
        assertThat(result.status()).isEqualTo("0000");
        assertThat(result.amount()).isEqualTo("3000.75");
        assertLocalNow(result.successTime(), LAGOS);
        BalanceData after = client.queryBalance().dataOrThrow();
        assertThat(after.availableAmount()).isEqualTo("6973.7500");
        assertThat(after.freezeAmount()).isEqualTo("0.0000");
        Notification notification = verifiedTextualCallback(url, merchant);
        assertThat(notification.status()).isEqualTo("0000");
        assertThat(notification.fields()).doesNotContainKeys("channelCode", "wayCode");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void a_request_breaking_a_field_rule_is_refused_with_8000_and_writes_nothing(Case rule) {
        Map<String, String> base = rule.endpoint().equals("payIn") ? payin(tradeNo("NG"), "100", NOTIFY)
                : payout(tradeNo("NG"), "100", NOTIFY);
        assertRefused(client(NG, rulesMerchant), rule.endpoint(), base, rule);
    }

    Stream<Case> rejections() {
        List<Case> cases = new ArrayList<>();
        for (String endpoint : List.of("payIn", "payOut")) {
            for (String field : List.of("tradeNo", "amount", "notifyUrl")) {
                cases.add(missing(endpoint, field));
            }
            cases.add(new Case("amount with 3 decimals", endpoint, Map.of("amount", "100.125"),
                    "invalid amount: amount has more than 2 decimals"));
            cases.add(new Case("amount 0.50", endpoint, Map.of("amount", "0.50"),
                    "amount is below the minimum of 1.00"));
            cases.add(new Case("amount 0", endpoint, Map.of("amount", "0"), "amount must be greater than 0"));
            cases.add(new Case("amount above the maximum", endpoint, Map.of("amount", "100000000.01"),
                    "amount exceeds the maximum of 100000000.00"));
            cases.add(new Case("remark of 257 characters", endpoint, Map.of("remark", "r".repeat(257)),
                    "invalid remark: must be 1-256 characters without control characters"));
        }
        for (String field : List.of("channelCode", "username", "mobile", "email")) {
            cases.add(missing("payIn", field));
        }
        cases.add(new Case("wayCode without channelCode", "payIn", Map.of("channelCode", ABSENT),
                "missing field: channelCode"));
        cases.add(new Case("channelCode QRIS", "payIn", Map.of("channelCode", "QRIS"),
                "invalid channelCode: must be one of EWALLET, VA"));
        cases.add(new Case("channelCode in lower case", "payIn", Map.of("channelCode", "ewallet"),
                "invalid channelCode: must be one of EWALLET, VA"));
        cases.add(new Case("wayCode VA for EWALLET", "payIn", Map.of("wayCode", "VA"),
                "invalid wayCode: must be a code of the NG waycodes-EWALLET list (PALMPAY) for channelCode EWALLET"));
        cases.add(new Case("wayCode PALMPAY for VA", "payIn", Map.of("channelCode", "VA"),
                "invalid wayCode: must be a code of the NG waycodes-VA list (VA) for channelCode VA"));
        cases.add(new Case("wayCode of 33 characters", "payIn", Map.of("wayCode", "W".repeat(33)),
                "invalid wayCode: must be 1-32 characters without control characters"));
        cases.add(new Case("username of 101 characters", "payIn", Map.of("username", "U".repeat(101)),
                "invalid username: must be 1-100 characters without control characters"));
        cases.add(new Case("mobile of 5 digits", "payIn", Map.of("mobile", "08012"),
                "invalid mobile: " + MOBILE_RULE));
        cases.add(new Case("mobile with letters", "payIn", Map.of("mobile", "0801234567a"),
                "invalid mobile: " + MOBILE_RULE));
        cases.add(new Case("mobile with spaces", "payIn", Map.of("mobile", "0801 234 5678"),
                "invalid mobile: " + MOBILE_RULE));
        cases.add(new Case("email without domain", "payIn", Map.of("email", "chinedu@"),
                "invalid email: must be an e-mail address"));
        for (String field : List.of("bankCode", "bankAccountNo", "customerName")) {
            cases.add(missing("payOut", field));
        }
        cases.add(new Case("bankCode not in the list", "payOut", Map.of("bankCode", "999"), "invalid bankCode: "
                + BANKS));
        cases.add(new Case("bankCode by name", "payOut", Map.of("bankCode", "GTBANK"), "invalid bankCode: " + BANKS));
        cases.add(new Case("account of 9 digits", "payOut", Map.of("bankAccountNo", "012345678"),
                "invalid bankAccountNo: must be a 10-digit NUBAN account number"));
        cases.add(new Case("account with letters", "payOut", Map.of("bankAccountNo", "01234567AB"),
                "invalid bankAccountNo: must be a 10-digit NUBAN account number"));
        cases.add(new Case("customerName of 101 characters", "payOut", Map.of("customerName", "C".repeat(101)),
                "invalid customerName: must be 1-100 characters without control characters"));
        return cases.stream();
    }

    @Test
    void the_bare_path_works_and_a_merchant_of_another_country_is_refused_on_the_nigeria_path() {
        TestMerchant merchant = merchant(NG, null, Map.of());
        String tradeNo = tradeNo("NG");
        assertThat(bareClient(NG, merchant).payin(payin(tradeNo, "100", NOTIFY)).accepted()).isTrue();
        assertThat(client(NG, merchant).queryPayin(tradeNo).dataOrThrow().tradeNo()).isEqualTo(tradeNo);
        assertThat(bareClient(NG, merchant).queryBalance().accepted()).isTrue();
        TestMerchant brazilian = merchant(Country.BRAZIL, null, Map.of());
        var before = gateway.snapshot();
        assertRejected(client(NG, brazilian).payin(payin(tradeNo("NG"), "100", NOTIFY)),
                "merchant belongs to country BR, not to this NG endpoint", before);
        assertRejected(bareClient(NG, brazilian).payin(payin(tradeNo("NG"), "100", NOTIFY)),
                "endpoint /v1/paypro/payIn is not available for country BR", before);
    }

    static Map<String, String> payin(String tradeNo, String amount, String notifyUrl) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("tradeNo", tradeNo);
        body.put("amount", amount);
        body.put("channelCode", "EWALLET");
        body.put("wayCode", "PALMPAY");
        body.put("username", "Chinedu Okafor");
        body.put("mobile", "08012345678");
        body.put("email", "chinedu@example.com");
        body.put("notifyUrl", notifyUrl);
        body.put("remark", "r");
        return body;
    }

    static Map<String, String> payout(String tradeNo, String amount, String notifyUrl) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("tradeNo", tradeNo);
        body.put("amount", amount);
        body.put("bankCode", "058");
        body.put("bankAccountNo", "0123456789");
        body.put("customerName", "Ngozi Adeyemi");
        body.put("notifyUrl", notifyUrl);
        body.put("remark", "r");
        return body;
    }
}
