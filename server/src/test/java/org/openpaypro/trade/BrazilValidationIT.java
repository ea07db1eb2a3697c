package org.openpaypro.trade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
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
import org.openpaypro.testing.ScenarioIT;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Every Brazil pay-in and payout field rule (spec §3.1, §3.2, OP-7, OP-13, OP-15), through correctly signed
 * requests so each refusal comes from validation: the exact {@code msg}, the rejection envelope, and nothing
 * written. Valid variants next to them show the rules are not stricter than documented.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrazilValidationIT extends ScenarioIT {
    private static final String PAYIN = "/brz-pay/v1/paypro/payin";
    private static final String PAYOUT = "/v1/paypro/payout";
    private static final String NOTIFY = "http://localhost:9/notify";
    /** A change that removes the field from the body. */
    private static final Object ABSENT = new Object();
    /** A change that sends the field as JSON {@code null}. */
    private static final Object JSON_NULL = new Object();
    private static final String URL_RULE = "must be an http(s) URL with a host, at most 2048 characters";
    private static final String TEXT_100 = "must be 1-100 characters without control characters";

    private TestMerchant payinMerchant;
    private TestMerchant payoutMerchant;

    /** One request variant: the base body with {@code changes} applied, and the refusal message expected. */
    record Case(String name, Map<String, Object> changes, String msg) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void create_merchants() {
        payinMerchant = fundedMerchant(null, Map.of());
        payoutMerchant = fundedMerchant("1100000.00", Map.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payinRejections")
    void a_payin_breaking_a_field_rule_is_refused_with_8000_and_writes_nothing(Case rule) {
        assertRefused(PAYIN, payinMerchant, payin(rule.changes()), rule.msg());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payoutRejections")
    void a_payout_breaking_a_field_rule_is_refused_with_8000_and_writes_nothing(Case rule) {
        assertRefused(PAYOUT, payoutMerchant, payout(rule.changes()), rule.msg());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPayins")
    void a_payin_within_the_rules_is_accepted(Case variant) {
        assertAccepted(PAYIN, payinMerchant, payin(variant.changes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPayouts")
    void a_payout_within_the_rules_is_accepted(Case variant) {
        assertAccepted(PAYOUT, payoutMerchant, payout(variant.changes()));
    }

    @Test
    void a_payin_without_notify_url_is_accepted_when_the_merchant_has_a_default_one() {
        TestMerchant merchant = gateway.createMerchant(Map.of("name", "Loja Padrao", "country", "BR",
                "notifyUrl", "https://merchant.example/pp/notify"));
        JsonNode data = assertAccepted(PAYIN, merchant, payin(Map.of("notifyUrl", ABSENT)));
        assertThat(trade(data.get("platFormTradeNo").asText()).get("notifyUrl").asText())
                .isEqualTo("https://merchant.example/pp/notify");
    }

    Stream<Case> payinRejections() {
        List<Case> cases = new ArrayList<>(commonRejections());
        cases.add(invalid("returnUrl javascript:", "returnUrl", "javascript:alert(1)",
                "invalid returnUrl: " + URL_RULE));
        cases.add(invalid("returnUrl ftp", "returnUrl", "ftp://x", "invalid returnUrl: " + URL_RULE));
        return cases.stream();
    }

    Stream<Case> payoutRejections() {
        List<Case> cases = new ArrayList<>(commonRejections());
        for (String field : List.of("email", "mobile", "bankType", "bankNumber")) {
            cases.add(missing(field));
        }
        cases.add(invalid("email without domain", "email", "maria@example",
                "invalid email: must be an e-mail address"));
        cases.add(invalid("email without @", "email", "maria.example.com", "invalid email: must be an e-mail address"));
        cases.add(invalid("mobile too short", "mobile", "1234567",
                "invalid mobile: must be 8-15 digits with an optional leading +"));
        cases.add(invalid("mobile with spaces and dash", "mobile", "+55 11 98765-4321",
                "invalid mobile: must be 8-15 digits with an optional leading +"));
        cases.add(invalid("bankType IBAN", "bankType", "IBAN",
                "invalid bankType: must be one of CPF, CNPJ, EMAIL, PHONE, EVP"));
        cases.add(invalid("bankType in lower case", "bankType", "cpf",
                "invalid bankType: must be one of CPF, CNPJ, EMAIL, PHONE, EVP"));
        cases.add(key("CPF key of 10 digits", "CPF", "1234567890", "must be 11 digits for bankType CPF"));
        cases.add(key("CPF key with punctuation", "CPF", "123.456.789-09", "must be 11 digits for bankType CPF"));
        cases.add(key("CNPJ key of 13 digits", "CNPJ", "1234567800019", "must be 14 digits for bankType CNPJ"));
        cases.add(key("CNPJ key given a CPF", "CNPJ", "12345678909", "must be 14 digits for bankType CNPJ"));
        cases.add(key("EMAIL key that is a CPF", "EMAIL", "12345678909",
                "must be an e-mail address for bankType EMAIL"));
        cases.add(key("EMAIL key over 77 characters", "EMAIL", "a".repeat(66) + "@example.com",
                "must be 1-77 characters without control characters for bankType EMAIL"));
        cases.add(key("PHONE key that is an e-mail", "PHONE", "maria@example.com",
                "must be a phone number of 10-13 digits with an optional leading + (e.g. +5511987654321) "
                        + "for bankType PHONE"));
        cases.add(key("PHONE key of 9 digits", "PHONE", "987654321",
                "must be a phone number of 10-13 digits with an optional leading + (e.g. +5511987654321) "
                        + "for bankType PHONE"));
        cases.add(key("EVP key without dashes", "EVP", "123e4567e89b12d3a456426614174000",
                "must be a random key (UUID such as 123e4567-e89b-12d3-a456-426614174000) for bankType EVP"));
        cases.add(key("EVP key that is a CPF", "EVP", "12345678909",
                "must be a random key (UUID such as 123e4567-e89b-12d3-a456-426614174000) for bankType EVP"));
        cases.add(invalid("bankNumber with a control character", "bankNumber", "1234567890\u0000",
                "invalid bankNumber: must be 1-140 characters without control characters"));
        return cases.stream();
    }

    /** Rules shared by pay-in and payout: common fields (spec §1.5) and the payer/beneficiary identity. */
    private static List<Case> commonRejections() {
        List<Case> cases = new ArrayList<>();
        for (String field : List.of("tradeNo", "amount", "name", "identityType", "userIdentity", "notifyUrl",
                "remark")) {
            cases.add(missing(field));
        }
        cases.add(new Case("amount empty string", Map.of("amount", ""), "missing field: amount"));
        cases.add(new Case("remark JSON null", Map.of("remark", JSON_NULL), "missing field: remark"));
        String tradeNoRule = "invalid tradeNo: must be 1-64 characters of A-Z, a-z, 0-9, _ and -";
        cases.add(invalid("tradeNo of 65 characters", "tradeNo", "T".repeat(65), tradeNoRule));
        cases.add(invalid("tradeNo with a space", "tradeNo", "order 1", tradeNoRule));
        cases.add(invalid("tradeNo with a slash", "tradeNo", "order/1", tradeNoRule));
        cases.add(invalid("tradeNo with an accent", "tradeNo", "pedido-ção", tradeNoRule));
        String notPlain = "invalid amount: amount must be a plain decimal number";
        String tooManyDecimals = "invalid amount: amount has more than 2 decimals";
        cases.add(invalid("amount 0", "amount", "0", "amount must be greater than 0"));
        cases.add(invalid("amount 0.00", "amount", "0.00", "amount must be greater than 0"));
        cases.add(invalid("amount -1", "amount", "-1", notPlain));
        cases.add(invalid("amount 1e3", "amount", "1e3", notPlain));
        cases.add(invalid("amount NaN", "amount", "NaN", notPlain));
        cases.add(invalid("amount with a decimal comma", "amount", "10,50", notPlain));
        cases.add(invalid("amount with a space", "amount", " 10", notPlain));
        cases.add(invalid("amount ending in a dot", "amount", "10.", notPlain));
        cases.add(invalid("amount 0.001", "amount", "0.001", tooManyDecimals));
        cases.add(invalid("amount 10.123", "amount", "10.123", tooManyDecimals));
        cases.add(invalid("amount 9999999999999999999", "amount", "9999999999999999999",
                "amount exceeds the maximum of 1000000.00"));
        cases.add(invalid("amount above the maximum", "amount", "1000000.01",
                "amount exceeds the maximum of 1000000.00"));
        cases.add(invalid("numeric JSON amount with 3 decimals", "amount", new BigDecimal("10.125"),
                tooManyDecimals));
        cases.add(invalid("notifyUrl ftp", "notifyUrl", "ftp://x", "invalid notifyUrl: " + URL_RULE));
        cases.add(invalid("notifyUrl not a url", "notifyUrl", "not a url", "invalid notifyUrl: " + URL_RULE));
        cases.add(invalid("name with a control character", "name", "Maria\u0007Souza", "invalid name: " + TEXT_100));
        cases.add(invalid("name of 101 characters", "name", "M".repeat(101), "invalid name: " + TEXT_100));
        cases.add(invalid("identityType RG", "identityType", "RG", "invalid identityType: must be one of CPF, CNPJ"));
        cases.add(invalid("CPF of 10 digits", "userIdentity", "2348937596",
                "invalid userIdentity: must be 11 digits for identityType CPF"));
        cases.add(invalid("CPF with letters", "userIdentity", "1234567890a",
                "invalid userIdentity: must be 11 digits for identityType CPF"));
        cases.add(invalid("CPF given a CNPJ", "userIdentity", "12345678000195",
                "invalid userIdentity: must be 11 digits for identityType CPF"));
        cases.add(new Case("CNPJ of 13 digits", Map.of("identityType", "CNPJ", "userIdentity", "1234567800019"),
                "invalid userIdentity: must be 14 digits for identityType CNPJ"));
        cases.add(invalid("remark of 257 characters", "remark", "r".repeat(257),
                "invalid remark: must be 1-256 characters without control characters"));
        return cases;
    }

    Stream<Case> validPayins() {
        List<Case> cases = new ArrayList<>(commonValid());
        cases.add(new Case("without returnUrl", Map.of("returnUrl", ABSENT), null));
        cases.add(new Case("plain http returnUrl", Map.of("returnUrl", "http://merchant.example/done?o=1"), null));
        return cases.stream();
    }

    Stream<Case> validPayouts() {
        List<Case> cases = new ArrayList<>(commonValid());
        cases.add(new Case("CPF key", Map.of("bankType", "CPF", "bankNumber", "12345678909"), null));
        cases.add(new Case("CNPJ key", Map.of("bankType", "CNPJ", "bankNumber", "12345678000195"), null));
        cases.add(new Case("EMAIL key", Map.of("bankType", "EMAIL", "bankNumber", "maria.souza+pix@example.com.br"),
                null));
        cases.add(new Case("PHONE key with +55", Map.of("bankType", "PHONE", "bankNumber", "+5511987654321"), null));
        cases.add(new Case("PHONE key without +", Map.of("bankType", "PHONE", "bankNumber", "11987654321"), null));
        cases.add(new Case("EVP key", Map.of("bankType", "EVP", "bankNumber", "123e4567-e89b-12d3-a456-426614174000"),
                null));
        cases.add(new Case("EVP key in upper case", Map.of("bankType", "EVP",
                "bankNumber", "123E4567-E89B-12D3-A456-426614174000"), null));
        cases.add(new Case("mobile without +", Map.of("mobile", "11987654321"), null));
        return cases.stream();
    }

    private static List<Case> commonValid() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("amount without decimals", Map.of("amount", "150"), null));
        cases.add(new Case("amount with 1 decimal", Map.of("amount", "150.5"), null));
        cases.add(new Case("amount with 2 decimals", Map.of("amount", "150.55"), null));
        cases.add(new Case("smallest amount 0.01", Map.of("amount", "0.01"), null));
        cases.add(new Case("amount at the maximum", Map.of("amount", "1000000.00"), null));
        cases.add(new Case("amount with a leading zero", Map.of("amount", "010.50"), null));
        cases.add(new Case("numeric JSON amount 150", Map.of("amount", 150), null));
        cases.add(new Case("numeric JSON amount 10.5", Map.of("amount", new BigDecimal("10.5")), null));
        cases.add(new Case("CNPJ identity", Map.of("identityType", "CNPJ", "userIdentity", "12345678000195"), null));
        cases.add(new Case("CPF with wrong check digits (OP-13)", Map.of("userIdentity", "12345678900"), null));
        cases.add(new Case("tradeNo of 64 characters", Map.of("tradeNo", "A-b_9".repeat(12) + "Z-_1"), null));
        cases.add(new Case("name with accents", Map.of("name", "João Conceição"), null));
        cases.add(new Case("remark of 256 characters", Map.of("remark", "r".repeat(256)), null));
        return cases;
    }

    private static Case missing(String field) {
        return new Case("missing " + field, Map.of(field, ABSENT), "missing field: " + field);
    }

    private static Case invalid(String name, String field, Object value, String msg) {
        return new Case(name, Map.of(field, value), msg);
    }

    private static Case key(String name, String bankType, String bankNumber, String problem) {
        return new Case(name, Map.of("bankType", bankType, "bankNumber", bankNumber), "invalid bankNumber: " + problem);
    }

    private static Map<String, Object> payin(Map<String, Object> changes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tradeNo", tradeNo());
        body.put("amount", "150.00");
        body.put("name", "Maria Souza");
        body.put("identityType", "CPF");
        body.put("userIdentity", "12345678909");
        body.put("notifyUrl", NOTIFY);
        body.put("returnUrl", "https://merchant.example/done");
        body.put("remark", "order 77");
        return apply(body, changes);
    }

    private static Map<String, Object> payout(Map<String, Object> changes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tradeNo", tradeNo());
        body.put("amount", "10.00");
        body.put("name", "Maria Souza");
        body.put("email", "maria@example.com");
        body.put("mobile", "+5511987654321");
        body.put("bankType", "CPF");
        body.put("bankNumber", "12345678909");
        body.put("identityType", "CPF");
        body.put("userIdentity", "12345678909");
        body.put("notifyUrl", NOTIFY);
        body.put("remark", "payout 77");
        return apply(body, changes);
    }

    private static Map<String, Object> apply(Map<String, Object> body, Map<String, Object> changes) {
        changes.forEach((field, value) -> {
            if (value == ABSENT) {
                body.remove(field);
            } else {
                body.put(field, value == JSON_NULL ? null : value);
            }
        });
        return body;
    }

    private void assertRefused(String path, TestMerchant merchant, Map<String, Object> body, String msg) {
        Map<String, Long> before = gateway.snapshot();
        TestGateway.Answer answer = gateway.signed(path, merchant.merchantNo(), merchant.secret(), body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.msg()).as(answer.body()).isEqualTo(msg);
        assertThat(answer.code()).isEqualTo("8000");
        assertThat(answer.json().get("success").isBoolean()).isTrue();
        assertThat(answer.json().get("success").asBoolean()).isFalse();
        assertThat(answer.json().has("data")).as(answer.body()).isTrue();
        assertThat(answer.json().get("data").isNull()).as(answer.body()).isTrue();
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    private JsonNode assertAccepted(String path, TestMerchant merchant, Map<String, Object> body) {
        Map<String, Long> before = gateway.snapshot();
        TestGateway.Answer answer = gateway.signed(path, merchant.merchantNo(), merchant.secret(), body);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.code()).as(answer.body()).isEqualTo("0000");
        assertThat(answer.msg()).isEqualTo("success");
        assertThat(answer.json().get("success").asBoolean()).isTrue();
        JsonNode data = answer.json().get("data");
        assertThat(data.get("tradeNo").asText()).isEqualTo(body.get("tradeNo"));
        assertThat(data.get("status").asText()).isEqualTo("0015");
        assertThat(gateway.snapshot().get("trade")).isEqualTo(before.get("trade") + 1);
        JsonNode stored = trade(data.get("platFormTradeNo").asText());
        assertThat(stored.get("amount").asText()).as("amount echoed as sent").isEqualTo(body.get("amount").toString());
        return data;
    }
}
