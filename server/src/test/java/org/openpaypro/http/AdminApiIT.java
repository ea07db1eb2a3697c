package org.openpaypro.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

class AdminApiIT {
    private final TestGateway gateway = TestGateway.get();

    @Test
    void admin_calls_without_or_with_a_wrong_token_get_401_and_change_nothing() {
        TestMerchant merchant = gateway.createMerchant();
        var before = gateway.snapshot();
        Map<String, String> create = Map.of("name", "x", "country", "BR");
        for (String token : new String[] {null, "wrong-token-wrong-token", ""}) {
            Answer answer = gateway.admin("POST", "/admin/v1/merchants", create, token);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.json().get("error").asText()).isEqualTo("missing or wrong bearer token");
            assertThat(gateway.admin("GET", "/admin/v1/merchants/" + merchant.merchantNo(), null, token).status())
                    .isEqualTo(401);
            assertThat(gateway.admin("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/adjustments",
                    Map.of("amount", "10", "reason", "x"), token).status()).isEqualTo(401);
        }
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    @Test
    void a_created_merchant_has_a_10_digit_number_and_a_32_hex_secret_shown_only_once() {
        Answer created = gateway.admin("POST", "/admin/v1/merchants", Map.of("name", "Loja", "country", "BR",
                "payinFeeRate", "0.015", "payoutFeeFixed", "1.50", "notifyUrl", "https://merchant.example/notify"));
        assertThat(created.status()).isEqualTo(201);
        String merchantNo = created.json().get("merchantNo").asText();
        assertThat(merchantNo).matches("[1-9][0-9]{9}");
        assertThat(created.json().get("secretKey").asText()).matches("[0-9a-f]{32}");
        assertThat(created.json().get("currency").asText()).isEqualTo("BRL");
        assertThat(created.json().get("payinFeeRate").asText()).isEqualTo("0.015");
        assertThat(created.json().get("payoutFeeFixed").asText()).isEqualTo("1.5");

        Answer read = gateway.admin("GET", "/admin/v1/merchants/" + merchantNo, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().has("secretKey")).isFalse();
        assertThat(read.body()).doesNotContain(created.json().get("secretKey").asText());
        assertThat(read.json().get("name").asText()).isEqualTo("Loja");
    }

    @Test
    void the_secret_is_stored_encrypted() {
        TestMerchant merchant = gateway.createMerchant();
        byte[] stored = gateway.app().database().jdbi().withHandle(handle -> handle
                .createQuery("SELECT secret_enc FROM merchant WHERE merchant_no = :no")
                .bind("no", merchant.merchantNo()).mapTo(byte[].class).one());
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(merchant.secret());
        assertThat(stored.length).isEqualTo(12 + 32 + 16);
    }

    @Test
    void invalid_merchant_requests_get_400_with_a_precise_error_and_change_nothing() {
        var before = gateway.snapshot();
        assertError(gateway.admin("POST", "/admin/v1/merchants", Map.of("country", "BR")), 400, "missing field: name");
        assertError(gateway.admin("POST", "/admin/v1/merchants", Map.of("name", "x", "country", "XX")), 400,
                "country must be one of BR");
        assertError(gateway.admin("POST", "/admin/v1/merchants", Map.of("name", "x", "country", "BR",
                "payinFeeRate", "1.5")), 400, "payinFeeRate must be a decimal rate from 0 to 1 with at most 6 "
                + "decimals, e.g. \"0.015\" for 1.5%");
        assertError(gateway.admin("POST", "/admin/v1/merchants", Map.of("name", "x", "country", "BR",
                "notifyUrl", "ftp://x")), 400, "notifyUrl must be an http(s) URL with a host");
        assertError(gateway.admin("POST", "/admin/v1/merchants", Map.of("name", "x", "country", "BR", "colour", "red")),
                400, "unknown field: colour (allowed: ");
        assertError(gateway.admin("POST", "/admin/v1/merchants", "[1]"), 400, "body must be a JSON object");
        assertError(gateway.admin("POST", "/admin/v1/merchants", "{"), 400, "body is not valid JSON");
        assertError(gateway.admin("GET", "/admin/v1/merchants/123", null), 404, "no merchant 123");
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    @Test
    void adjustments_credit_and_debit_available_and_never_make_it_negative() {
        TestMerchant merchant = gateway.createMerchant();
        String path = "/admin/v1/merchants/" + merchant.merchantNo() + "/adjustments";
        Answer credit = gateway.admin("POST", path, Map.of("amount", "1000.00", "reason", "top-up"));
        assertThat(credit.status()).isEqualTo(201);
        assertThat(credit.json().get("availableAmount").asText()).isEqualTo("1000.0000");
        Answer debit = gateway.admin("POST", path, Map.of("amount", "-250.5", "reason", "fee correction"));
        assertThat(debit.json().get("availableAmount").asText()).isEqualTo("749.5000");
        var before = gateway.snapshot();
        assertError(gateway.admin("POST", path, Map.of("amount", "-749.5001", "reason", "too much")), 409,
                "insufficient available balance for a debit of 749.5001");
        assertError(gateway.admin("POST", path, Map.of("amount", "0", "reason", "nothing")), 400,
                "amount must not be 0");
        assertError(gateway.admin("POST", path, Map.of("amount", "1e3", "reason", "x")), 400, "amount: ");
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    private static void assertError(Answer answer, int status, String messageStart) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.json().get("error").asText()).startsWith(messageStart);
    }
}
