package org.openpaypro.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openpaypro.countries.CountryExamples;
import org.openpaypro.country.CountryData;
import org.openpaypro.protocol.Signer;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Every entry of the merchant error catalogue ({@link Rejection}) is produced by one real request here, answered
 * with exactly its code and message; a new entry without a case fails {@link #every_entry_has_a_case}. Most cases
 * run on the shared sandbox gateway; live-mode refusals and a slow body on a live gateway with a short body
 * deadline and an ID way-code list without VA codes; an outcome unknown on a gateway whose database pool was closed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RejectionCoverageIT {
    private static final String NOTIFY = "http://localhost:9/notify";
    /** A guard no merchant request can reach today (see the reason); the operator API's twin is produced. */
    private static final Map<Rejection, String> UNREACHABLE = Map.of(Rejection.BALANCE_LIMIT,
            "no merchant request raises a balance: pay-ins credit on a channel result, payouts move money out; "
                    + "the same overflow is AdminError.BALANCE_LIMIT, produced in AdminErrorCoverageIT");
    private static final Map<String, String> PATHS = Map.ofEntries(Map.entry("BR", "/brz-pay/v1/paypro/"),
            Map.entry("BD", "/bd-pay/v1/paypro/"), Map.entry("EG", "/egypt-pay/v1/paypro/"),
            Map.entry("IN", "/india-pay/v1/paypro/"), Map.entry("ID", "/indonesia-pay/v1/paypro/"),
            Map.entry("KE", "/kenya-pay/api/"), Map.entry("MX", "/mex-pay/v1/paypro/"),
            Map.entry("NG", "/ng-pay/v1/paypro/"), Map.entry("PK", "/pak-pay/v1/payproPK/"),
            Map.entry("PH", "/ph-pay/v1/paypro/"), Map.entry("VN", "/vietnam-pay/v1/payproVN/"));
    private static final Map<String, String> AMOUNTS = Map.ofEntries(Map.entry("BR", "100.00"),
            Map.entry("BD", "500"), Map.entry("EG", "500"), Map.entry("IN", "500"), Map.entry("ID", "10000"),
            Map.entry("KE", "100"), Map.entry("MX", "500"), Map.entry("NG", "2500"), Map.entry("PK", "500"),
            Map.entry("PH", "500"), Map.entry("VN", "60000"));

    private final TestGateway gateway = TestGateway.get();
    private final Map<String, TestMerchant> merchants = new LinkedHashMap<>();
    private final Map<Rejection, Supplier<Produced>> cases = new EnumMap<>(Rejection.class);
    private TestGateway live;
    private TestMerchant liveBrazil;
    private TestMerchant liveIndonesia;

    /** What one request got, and the message its entry must have said. */
    record Produced(Answer answer, String msg) {
    }

    @BeforeAll
    void start_the_live_gateway_and_write_the_table() throws IOException {
        Path data = Files.createTempDirectory("openpaypro-countries");
        Files.createDirectories(data.resolve("ID"));
        Files.writeString(data.resolve("ID/waycodes.csv"), "QRIS,QRIS\nDANA,EWALLET\n");
        live = TestGateway.startNew(Map.of("OPENPAYPRO_MODE", "live", "OPENPAYPRO_BODY_DEADLINE", "1s",
                "OPENPAYPRO_COUNTRY_DATA_DIR", data.toString(),
                "OPENPAYPRO_MASTER_KEY", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));
        liveBrazil = live.createMerchant(Map.of("name", "Live BR", "country", "BR"));
        liveIndonesia = live.createMerchant(Map.of("name", "Live ID", "country", "ID"));
        transport();
        signing();
        fields();
        countryFields();
        amounts();
        orders();
        access();
        liveMode();
    }

    @AfterAll
    void stop_the_live_gateway() {
        live.close();
    }

    @Test
    void every_entry_has_a_case() {
        assertThat(Arrays.stream(Rejection.values()).filter(r -> !cases.containsKey(r) && !UNREACHABLE.containsKey(r)))
                .as("entries without a request that produces them").isEmpty();
        assertThat(UNREACHABLE.keySet()).doesNotContainAnyElementsOf(cases.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Rejection.class)
    void each_entry_is_answered_with_exactly_its_code_and_message(Rejection rejection) {
        if (UNREACHABLE.containsKey(rejection)) {
            return;
        }
        Produced produced = cases.get(rejection).get();
        Answer answer = produced.answer();
        assertThat(answer.json()).as(answer.body()).isNotNull();
        assertThat(answer.code()).as(answer.body()).isEqualTo(rejection.code());
        assertThat(answer.msg()).isEqualTo(produced.msg());
        assertThat(answer.json().get("success").asBoolean()).isFalse();
        assertThat(answer.json().get("data").isNull()).isTrue();
        assertThat(produced.msg()).as("the case's message is one of " + rejection)
                .matches(pattern(rejection.template()));
    }

    // ---- the table, by topic -----------------------------------------------------------------------------------

    private void transport() {
        TestMerchant br = merchant("BR");
        String balance = "/v1/paypro/queryBalance";
        on(Rejection.MISSING_MERCHANT_NO, () -> gateway.post(balance, Map.of(), "{}"), "missing merchantNo header");
        on(Rejection.UNKNOWN_MERCHANT, () -> gateway.post(balance, Map.of("merchantNo", "999999999"), "{}"),
                "unknown merchantNo");
        on(Rejection.UNSUPPORTED_CONTENT_TYPE, () -> gateway.post(balance, Map.of("merchantNo", br.merchantNo(),
                "Content-Type", "text/plain"), "{}"), "Content-Type must be application/json");
        on(Rejection.UNSUPPORTED_CHARSET, () -> gateway.post(balance, Map.of("merchantNo", br.merchantNo(),
                "Content-Type", "application/json; charset=iso-8859-1"), "{}"), "Content-Type charset must be utf-8");
        on(Rejection.BODY_TOO_LARGE, () -> gateway.post(balance, Map.of("merchantNo", br.merchantNo()),
                "{\"remark\":\"" + "x".repeat(70_000) + "\"}"), "body is larger than 65536 bytes");
        on(Rejection.BODY_NOT_JSON, () -> raw(br, "{"), "body is not valid JSON");
        on(Rejection.BODY_NOT_OBJECT, () -> raw(br, "[1]"), "body must be a JSON object");
        on(Rejection.BODY_NOT_UTF8, () -> raw(br, "\uFEFF{}"), Rejection.BODY_NOT_UTF8.template());
        on(Rejection.DUPLICATE_KEY, () -> raw(br, "{\"a\":1,\"a\":2}"), "duplicate field in body: a");
        on(Rejection.NESTED_VALUE, () -> raw(br, "{\"remark\":{\"x\":1}}"),
                "field remark must be a string or a number");
        on(Rejection.NUMBER_TOO_LONG, () -> raw(br, "{\"amount\":1e999}"),
                "invalid amount: number needs more than 64 digits as plain text");
        on(Rejection.UNPAIRED_SURROGATE, () -> raw(br, "{\"remark\":\"\\ud800\"}"),
                "invalid remark: contains an unpaired UTF-16 surrogate (\\ud800-\\udfff)");
        on(Rejection.BODY_TOO_SLOW, this::slowBody, "body not received within 1 seconds");
        on(Rejection.OUTCOME_UNKNOWN, RejectionCoverageIT::withTheDatabaseGone, Rejection.OUTCOME_UNKNOWN.template());
    }

    private void signing() {
        TestMerchant br = merchant("BR");
        on(Rejection.MISSING_SIGN, () -> raw(br, "{\"timestamp\":\"" + TestGateway.uniqueTimestamp() + "\"}"),
                "missing sign (body field or header)");
        on(Rejection.FIELD_NOT_TEXT, () -> raw(br, "{\"sign\":5}"), "invalid sign: must be a string");
        on(Rejection.SIGN_CONFLICT, () -> gateway.post("/v1/paypro/queryBalance", Map.of("merchantNo",
                br.merchantNo(), "sign", "0".repeat(32)), signedJson(br, Map.of())), "sign in body and header differ");
        on(Rejection.SIGN_MISMATCH, () -> raw(br, "{\"timestamp\":\"" + TestGateway.uniqueTimestamp()
                + "\",\"sign\":\"" + "0".repeat(32) + "\"}"), "sign mismatch");
        on(Rejection.BAD_TIMESTAMP, () -> signed("BR", "queryBalance", Map.of("timestamp", "12345")),
                "timestamp must be 10 or 13 digits");
        String stale = Long.toString(System.currentTimeMillis() - 3_600_000);
        on(Rejection.STALE_TIMESTAMP, () -> signed("BR", "queryBalance", Map.of("timestamp", stale)),
                "timestamp outside window of 15 minutes");
        on(Rejection.QUERY_NOT_LOOKED_UP, () -> signed("BR", "queryPayInResult", Map.of("tradeNo", "T1",
                "timestamp", stale)), "system error: nothing was looked up (timestamp outside window of 15 minutes), "
                + "the order's status is unknown to this answer; retry the query with a fresh timestamp");
        on(Rejection.SIGN_REPLAYED, () -> {
            String body = signedJson(br, Map.of());
            gateway.post("/v1/paypro/queryBalance", Map.of("merchantNo", br.merchantNo()), body);
            return gateway.post("/v1/paypro/queryBalance", Map.of("merchantNo", br.merchantNo()), body);
        }, Rejection.SIGN_REPLAYED.template());
    }

    private void fields() {
        on(Rejection.MISSING_FIELD, () -> create("BR", "payin", "name", null), "missing field: name");
        on(Rejection.TEXT_MALFORMED, () -> create("BR", "payin", "name", "x".repeat(101)),
                "invalid name: must be 1-100 characters without control characters");
        on(Rejection.TEXT_MALFORMED_FOR_SELECTOR, () -> create("BR", "payout", "bankType", "EMAIL",
                "bankNumber", "a".repeat(71) + "@ex.com"),
                "invalid bankNumber: must be 1-77 characters without control characters for bankType EMAIL");
        on(Rejection.NOT_ONE_OF, () -> create("BR", "payin", "identityType", "RG"),
                "invalid identityType: must be one of CPF, CNPJ");
        on(Rejection.NOT_ONE_OF_FOR_SELECTOR, () -> create("ID", "payIn", "channelCode", "EWALLET", "wayCode", "BCA"),
                "invalid wayCode: must be one of DANA, OVO, SHOPEEPAY, LINKAJA, GOPAY for channelCode EWALLET");
        String payTypes = String.join(", ", new CountryData(null).list("PH", "paytypes").keySet());
        on(Rejection.NOT_ONE_OF_NOR_NUMERIC, () -> create("PH", "paymentLink", "payType", "Cash"),
                "invalid payType: must be one of " + payTypes + ", or a numeric code");
        String bdWayCodes = String.join(", ", new CountryData(null).list("BD", "waycodes-payin").keySet());
        on(Rejection.NOT_IN_LIST, () -> create("BD", "payin", "wayCode", "NOPE"),
                "invalid wayCode: must be a code of the BD waycodes-payin list (" + bdWayCodes + ")");
        on(Rejection.NOT_IN_LIST_FOR_SELECTOR, () -> create("NG", "payIn", "channelCode", "EWALLET", "wayCode", "X"),
                "invalid wayCode: must be a code of the NG waycodes-EWALLET list (PALMPAY) for channelCode EWALLET");
        on(Rejection.NOT_IN_LONG_LIST, () -> create("ID", "payOut", "bankCode", "NOPE"),
                "invalid bankCode: must be a code of the ID banks list (14 codes, see docs/countries/ID.md)");
        on(Rejection.NOT_IN_LONG_LIST_FOR_SELECTOR, () -> create("PK", "payout", "accountType", "BANK",
                "bankName", "NOPE"), "invalid bankName: must be a code of the PK banks list (17 codes, see "
                + "docs/countries/PK.md) for accountType BANK");
        on(Rejection.DIGITS_WRONG_COUNT, () -> create("ID", "payOut", "bankAccountNo", "12"),
                "invalid bankAccountNo: must be 6-20 digits");
        on(Rejection.DIGITS_WRONG_COUNT_FOR_SELECTOR, () -> create("BR", "payin", "userIdentity", "123"),
                "invalid userIdentity: must be 11 digits for identityType CPF");
        on(Rejection.EMAIL_MALFORMED, () -> create("BR", "payout", "email", "nobody"),
                "invalid email: must be an e-mail address");
        on(Rejection.EMAIL_MALFORMED_FOR_SELECTOR, () -> create("BR", "payout", "bankType", "EMAIL",
                "bankNumber", "nobody"), "invalid bankNumber: must be an e-mail address for bankType EMAIL");
        on(Rejection.GMAIL_REQUIRED, () -> create("PK", "payinApi", "email", "ali@example.com"),
                "invalid email: must be a Gmail address (...@gmail.com)");
        on(Rejection.URL_MALFORMED, () -> create("BR", "payin", "returnUrl", "ftp://x"),
                "invalid returnUrl: must be an http(s) URL with a host, at most 2048 characters");
        on(Rejection.SELECTOR_MISSING, () -> create("ID", "paymentLink", "channelCode", null, "wayCode", "DANA"),
                "invalid wayCode: only valid together with channelCode");
        on(Rejection.TRADE_NO_MALFORMED, () -> create("BR", "payin", "tradeNo", "a b"),
                "invalid tradeNo: must be 1-64 characters of A-Z, a-z, 0-9, _ and -");
        on(Rejection.PLATFORM_TRADE_NO_MALFORMED, () -> signed("BD", "payinSubmit", Map.of("platFormTradeNo", "X",
                "trxId", "ABCD1234")), "invalid platFormTradeNo: must be 16 characters of 0-9 and a-z");
        on(Rejection.TRANSACTION_ID_MALFORMED, () -> signed("BD", "payinSubmit", Map.of("tradeNo", "T1",
                "trxId", "!")), "invalid trxId: must be 4-64 characters of A-Z, a-z, 0-9, _ and -");
        on(Rejection.RECEIPT_CODE_MALFORMED, () -> signed("KE", "queryResultByCode", Map.of("code", "!")),
                "invalid code: must be 6-32 letters and digits");
    }

    private void countryFields() {
        on(Rejection.BR_MOBILE_MALFORMED, () -> create("BR", "payout", "mobile", "12"),
                "invalid mobile: must be 8-15 digits with an optional leading +");
        on(Rejection.PIX_PHONE_KEY_MALFORMED, () -> create("BR", "payout", "bankType", "PHONE", "bankNumber", "12"),
                "invalid bankNumber: must be a phone number of 10-13 digits with an optional leading + "
                        + "(e.g. +5511987654321) for bankType PHONE");
        on(Rejection.PIX_RANDOM_KEY_MALFORMED, () -> create("BR", "payout", "bankType", "EVP", "bankNumber", "x"),
                "invalid bankNumber: must be a random key (UUID such as 123e4567-e89b-12d3-a456-426614174000) "
                        + "for bankType EVP");
        on(Rejection.PK_MOBILE_MALFORMED, () -> create("PK", "payinApi", "mobile", "12"),
                "invalid mobile: must be 10 digits starting with 3 or 11 digits starting with 03");
        on(Rejection.PK_WALLET_NUMBER_MALFORMED, () -> create("PK", "payout", "accountType", "WALLET",
                "bankName", "EASYPAISA", "bankNumber", "12345678"), "invalid bankNumber: must be 10 digits starting "
                + "with 3 or 11 digits starting with 03 for accountType WALLET");
        on(Rejection.PK_BANK_ACCOUNT_MALFORMED, () -> create("PK", "payout", "accountType", "BANK",
                "bankNumber", "12"), "invalid bankNumber: must be 6-24 letters and digits (account number or IBAN) "
                + "for accountType BANK");
        on(Rejection.CNIC_MALFORMED, () -> create("PK", "payinApi", "customerCert", "12"),
                "invalid customerCert: must be a CNIC of 13 digits (optionally written XXXXX-XXXXXXX-X)");
        on(Rejection.CUST_ID_MALFORMED, () -> create("PK", "payinApi", "custId", "a b"),
                "invalid custId: must be 1-64 visible ASCII characters without spaces");
        on(Rejection.CUST_ID_REQUIRED, () -> create("PK", "payinApi", "amount", "60000"),
                "missing field: custId (required when amount exceeds 50000)");
        on(Rejection.IN_MOBILE_MALFORMED, () -> create("IN", "payinApi", "mobile", "12"),
                "invalid mobile: must be 10 digits starting with 6, 7, 8 or 9, optionally preceded by 91 "
                        + "(e.g. 8234567890)");
        on(Rejection.IP_ADDRESS_MALFORMED, () -> create("IN", "payinApi", "ipAddress", "example.com"),
                "invalid ipAddress: must be an IPv4 or IPv6 address");
        on(Rejection.IFSC_MALFORMED, () -> create("IN", "payout", "bankCode", "SBIN"),
                "invalid bankCode: must be an IFSC of 11 characters: 4 letters, 0, 6 letters or digits "
                        + "(e.g. SBIN0001234)");
        on(Rejection.ID_MOBILE_MALFORMED, () -> create("ID", "payIn", "mobile", "12"),
                "invalid mobile: must be 10-13 digits starting with 08 or 628");
        on(Rejection.KE_MOBILE_MALFORMED, () -> create("KE", "payin", "mobile", "12"),
                "invalid mobile: must be 12 digits starting 2547 or 2541 (e.g. 254712345678)");
        on(Rejection.MX_MOBILE_MALFORMED, () -> create("MX", "payInApi", "mobile", "12"),
                "invalid mobile: must be 10 digits, optionally preceded by 52 (e.g. 5512345678)");
        on(Rejection.NG_MOBILE_MALFORMED, () -> create("NG", "payIn", "mobile", "12"),
                "invalid mobile: must be 6-15 digits, optionally preceded by +");
        on(Rejection.NUBAN_MALFORMED, () -> create("NG", "payOut", "bankAccountNo", "12"),
                "invalid bankAccountNo: must be a 10-digit NUBAN account number");
        on(Rejection.PH_RETURN_URL_MALFORMED, () -> create("PH", "payIn", "returnUrl", "not a url"),
                "invalid returnUrl: must be an http(s) URL with a host, or a host name with an optional path "
                        + "(e.g. www.example.com/done), at most 2048 characters");
        on(Rejection.VN_NAME_NOT_LATIN, () -> create("VN", "payout", "accountName", "Nguyễn"),
                "invalid accountName: must be 1-100 Latin letters without Vietnamese diacritics (A-Z, a-z, space, "
                        + ". ' -), starting with a letter");
        on(Rejection.EG_MOBILE_MALFORMED, () -> create("EG", "payIn", "mobile", "12"),
                "invalid mobile: must be 11 digits starting 010 to 018 (e.g. 01012345678)");
        on(Rejection.EG_WALLET_NUMBER_MALFORMED, () -> create("EG", "payOut", "walletId", "12"),
                "invalid walletId: must be the wallet's mobile number, 11 digits starting 010 to 018 "
                        + "(e.g. 01012345678)");
        on(Rejection.BD_WALLET_NUMBER_MALFORMED, () -> create("BD", "payout", "walletId", "12"),
                "invalid walletId: must be 11 digits starting with 01 (e.g. 01712345678)");
    }

    private void amounts() {
        on(Rejection.AMOUNT_NOT_A_NUMBER, () -> create("BR", "payin", "amount", "1e3"),
                "invalid amount: amount must be a plain decimal number");
        on(Rejection.AMOUNT_NOT_WHOLE, () -> create("PK", "payinApi", "amount", "150.50"),
                "invalid amount: amount must be a whole number");
        on(Rejection.AMOUNT_TOO_MANY_DECIMALS, () -> create("BR", "payin", "amount", "1.001"),
                "invalid amount: amount has more than 2 decimals");
        on(Rejection.AMOUNT_TOO_LONG, () -> create("BR", "payin", "amount", "0".repeat(40) + "1"),
                "invalid amount: amount is too long");
        on(Rejection.AMOUNT_NOT_POSITIVE, () -> create("BR", "payin", "amount", "0"), "amount must be greater than 0");
        on(Rejection.AMOUNT_BELOW_MIN, () -> create("PK", "payinApi", "amount", "99"),
                "amount is below the minimum of 100");
        on(Rejection.AMOUNT_ABOVE_MAX, () -> create("BR", "payin", "amount", "1000000.01"),
                "amount exceeds the maximum of 1000000.00");
        TestMerchant feeOfFive = gateway.createMerchant(Map.of("name", "Fee 5", "country", "BR",
                "payinFeeFixed", "5"));
        on(Rejection.AMOUNT_BELOW_FEE, () -> signedBy(feeOfFive, "BR", "payin",
                example("BR", "payin", "amount", "4.00")), "amount does not cover the fee of 5");
    }

    private void orders() {
        on(Rejection.DUPLICATE_TRADE_NO, () -> {
            Map<String, Object> body = example("BR", "payin");
            signed("BR", "payin", body);
            return signed("BR", "payin", body);
        }, "duplicate tradeNo");
        on(Rejection.ORDER_NOT_FOUND, () -> signed("BR", "queryPayInResult", Map.of("tradeNo", "NOPE1")),
                "order not found");
        TestMerchant unfunded = gateway.createMerchant(Map.of("name", "Unfunded", "country", "BR"));
        on(Rejection.INSUFFICIENT_BALANCE, () -> signedBy(unfunded, "BR", "payout", example("BR", "payout")),
                "insufficient balance");
        on(Rejection.ACCOUNT_NOT_FOUND, () -> signed("ID", "accountVerify", Map.of("bankAccountNo", "5464438550000",
                "bankCode", "0002")), "bank account not found");
        on(Rejection.VOUCHER_UNAVAILABLE, () -> {
            Map<String, Object> body = example("ID", "payIn");
            signed("ID", "payIn", body);
            return signed("ID", "indonesia/query/voucher", Map.of("tradeNo", body.get("tradeNo")));
        }, "a voucher exists only for a successful trade");
        on(Rejection.ORDER_ALREADY_FINAL, () -> {
            Map<String, Object> body = example("BD", "payin");
            Answer created = signed("BD", "payin", body);
            String platformTradeNo = created.json().get("data").get("platFormTradeNo").asText();
            assertThat(gateway.admin("POST", "/sandbox/v1/trades/" + platformTradeNo + "/complete",
                    Map.of("status", "0000")).status()).isEqualTo(200);
            return signed("BD", "payinSubmit", Map.of("tradeNo", body.get("tradeNo"), "trxId", "ABCD1234"));
        }, "order is already final");
        on(Rejection.SUBMIT_KEYS_DIFFER, () -> {
            Map<String, Object> first = example("BD", "payin");
            Map<String, Object> second = example("BD", "payin");
            signed("BD", "payin", first);
            String other = signed("BD", "payin", second).json().get("data").get("platFormTradeNo").asText();
            return signed("BD", "payinSubmit", Map.of("tradeNo", first.get("tradeNo"), "platFormTradeNo", other,
                    "trxId", "ABCD1234"));
        }, "tradeNo and platFormTradeNo name different orders");
    }

    private void access() {
        TestMerchant disabled = gateway.createMerchant();
        on(Rejection.MERCHANT_DISABLED, () -> {
            patch(disabled, Map.of("status", "DISABLED"));
            return signedBy(disabled, "BR", "queryBalance", Map.of());
        }, "merchant is disabled");
        TestMerchant br = merchant("BR");
        on(Rejection.WRONG_COUNTRY_PATH, () -> signedBy(br, "PK", "payinApi", example("PK", "payinApi")),
                "merchant belongs to country BR, not to this PK endpoint");
        on(Rejection.ENDPOINT_NOT_IN_COUNTRY, () -> gateway.signed("/v1/paypro/accountVerify", br.merchantNo(),
                br.secret(), CountryExamples.accountVerify()), "endpoint /v1/paypro/accountVerify is not available "
                + "for country BR");
        TestMerchant allowListed = gateway.createMerchant();
        on(Rejection.ADDRESS_NOT_ALLOWED, () -> {
            assertThat(gateway.admin("PUT", "/admin/v1/merchants/" + allowListed.merchantNo() + "/ip-allowlist",
                    Map.of("cidrs", List.of("203.0.113.0/24"))).status()).isEqualTo(200);
            return signedBy(allowListed, "BR", "queryBalance", Map.of());
        }, "request from 127.0.0.1 is not in the merchant's IP allow-list");
        TestMerchant hmac = gateway.createMerchant();
        patch(hmac, Map.of("signatureScheme", "HMAC_SHA256"));
        on(Rejection.HMAC_SIGNATURE_REQUIRED, () -> signedBy(hmac, "BR", "queryBalance", Map.of()),
                Rejection.HMAC_SIGNATURE_REQUIRED.template());
        on(Rejection.BAD_SIGNATURE_HEADER, () -> gateway.post("/v1/paypro/queryBalance", Map.of("merchantNo",
                hmac.merchantNo(), "X-OpenPayPro-Signature", "nonsense"), "{}"), Rejection.BAD_SIGNATURE_HEADER
                .template());
        on(Rejection.HMAC_MISMATCH, () -> gateway.post("/v1/paypro/queryBalance", Map.of("merchantNo",
                hmac.merchantNo(), "X-OpenPayPro-Signature", "t=" + System.currentTimeMillis() / 1000 + ",v1="
                + "0".repeat(64)), "{}"), "X-OpenPayPro-Signature mismatch");
    }

    private void liveMode() {
        on(Rejection.NO_CHANNEL, () -> live.signed("/v1/paypro/payin", liveBrazil.merchantNo(), liveBrazil.secret(),
                example("BR", "payin", "notifyUrl", "https://93.184.216.34/notify")),
                "no payment channel is configured for BR payin");
        on(Rejection.NOTIFY_URL_FORBIDDEN, () -> live.signed("/v1/paypro/payin", liveBrazil.merchantNo(),
                liveBrazil.secret(), example("BR", "payin", "notifyUrl", "http://127.0.0.1/notify")),
                Rejection.NOTIFY_URL_FORBIDDEN.template());
        on(Rejection.NO_WAY_CODES, () -> live.signed("/v1/paypro/payIn", liveIndonesia.merchantNo(),
                liveIndonesia.secret(), example("ID", "payIn", "channelCode", "VA", "wayCode", "BCA",
                        "notifyUrl", "https://93.184.216.34/notify")),
                "invalid wayCode: no way codes are configured for channelCode VA");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private void on(Rejection rejection, Supplier<Answer> request, String msg) {
        assertThat(cases).as("one case per entry").doesNotContainKey(rejection);
        cases.put(rejection, () -> new Produced(request.get(), msg));
    }

    private TestMerchant merchant(String country) {
        return merchants.computeIfAbsent(country, code -> {
            TestMerchant merchant = gateway.createMerchant(Map.of("name", "Coverage " + code, "country", code));
            assertThat(gateway.admin("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/adjustments",
                    Map.of("amount", "1000000", "reason", "coverage funding")).status()).isEqualTo(201);
            return merchant;
        });
    }

    /** The country's valid example body for {@code endpoint}, with {@code changes} (name, value; null removes). */
    private static Map<String, Object> example(String country, String endpoint, String... changes) {
        Map<String, Object> body = CountryExamples.create(country, endpoint, "COV" + TestGateway.uniqueTimestamp(),
                AMOUNTS.get(country), NOTIFY);
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                body.remove(changes[i]);
            } else {
                body.put(changes[i], changes[i + 1]);
            }
        }
        return body;
    }

    private Answer create(String country, String endpoint, String... changes) {
        return signed(country, endpoint, example(country, endpoint, changes));
    }

    private Answer signed(String country, String endpoint, Map<String, ?> body) {
        return signedBy(merchant(country), country, endpoint, body);
    }

    private Answer signedBy(TestMerchant merchant, String country, String endpoint, Map<String, ?> body) {
        return gateway.signed(PATHS.get(country) + endpoint, merchant.merchantNo(), merchant.secret(), body);
    }

    private Answer raw(TestMerchant merchant, String body) {
        return gateway.post("/v1/paypro/queryBalance", Map.of("merchantNo", merchant.merchantNo()), body);
    }

    private static String signedJson(TestMerchant merchant, Map<String, String> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("timestamp", Long.toString(TestGateway.uniqueTimestamp()));
        body.put("sign", Signer.sign(body, merchant.secret()));
        return TestGateway.json(body);
    }

    private void patch(TestMerchant merchant, Map<String, String> changes) {
        Answer answer = gateway.admin("PATCH", "/admin/v1/merchants/" + merchant.merchantNo(), changes);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** Announces a body it never sends, on the live gateway (body deadline 1 s), and reads the envelope back. */
    private Answer slowBody() {
        try (Socket socket = new Socket("127.0.0.1", live.app().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/paypro/queryBalance HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nmerchantNo: " + liveBrazil.merchantNo()
                    + "\r\nContent-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            int status = Integer.parseInt(response.split(" ")[1]);
            return new Answer(status, new com.fasterxml.jackson.databind.ObjectMapper().readTree(body), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A balance query to a gateway whose connection pool was closed under it: an unexpected failure. */
    private static Answer withTheDatabaseGone() {
        try (TestGateway broken = TestGateway.startNew(Map.of())) {
            TestMerchant merchant = broken.createMerchant();
            broken.app().database().dataSource().close();
            return broken.signed("/v1/paypro/queryBalance", merchant.merchantNo(), merchant.secret(), Map.of());
        }
    }

    /** The template as a regular expression: each {@code %s} any non-empty text. */
    private static Pattern pattern(String template) {
        String[] parts = template.split("%s", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            regex.append(Pattern.quote(parts[i]));
            if (i < parts.length - 1) {
                regex.append(".+");
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
