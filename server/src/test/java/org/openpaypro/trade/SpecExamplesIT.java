package org.openpaypro.trade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.ScenarioIT;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * The request bodies of spec/PAYPRO-API.md itself (§3.1 and the guide's Brazil bodies behind the signing vectors
 * V1-V4), sent as written with a fresh timestamp (issue 10, item 5). Each is accepted, except where a page states
 * the rule the body breaks: V1's 10-digit CPF (the page says 11 digits) and V2's placeholder {@code notifyUrl}
 * (the page says the result is POSTed there); both refusals name the field and change nothing.
 */
class SpecExamplesIT extends ScenarioIT {
    private static final String BASE = "/brz-pay/v1/paypro/";

    @Test
    void the_specs_own_payin_example_of_section_3_1_is_accepted() {
        TestMerchant merchant = gateway.createMerchant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", Long.toString(System.currentTimeMillis()));
        body.put("tradeNo", "20241027103000123");
        body.put("amount", "150");
        body.put("name", "Maria Souza");
        body.put("identityType", "CPF");
        body.put("userIdentity", "12345678909");
        body.put("notifyUrl", "https://merchant.example/pp/notify");
        body.put("returnUrl", "https://merchant.example/done");
        body.put("remark", "order 77");
        Answer answer = gateway.signed(BASE + "payin", merchant.merchantNo(), merchant.secret(), body);
        assertThat(answer.code()).as(answer.body()).isEqualTo("0000");
        assertThat(answer.json().get("data").get("status").asText()).isEqualTo("0015");
        assertThat(answer.json().get("data").get("remark").asText()).isEqualTo("order 77");
    }

    @Test
    void the_guides_payout_body_of_v2_is_accepted_with_a_real_notify_url_and_refused_only_for_its_placeholder() {
        TestMerchant merchant = fundedMerchant("1000", Map.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tradeNo", "123231222");
        body.put("amount", "300");
        body.put("name", "abc");
        body.put("email", "abc@xx.com");
        body.put("mobile", "123456789");
        body.put("bankType", "CPF");
        body.put("bankNumber", "10094038292");
        body.put("identityType", "CPF");
        body.put("userIdentity", "18171847084");
        body.put("notifyUrl", "xxxxxx");
        body.put("remark", "000000");
        Map<String, Long> before = gateway.snapshot();
        Answer placeholder = gateway.signed(BASE + "payout", merchant.merchantNo(), merchant.secret(), body);
        assertThat(placeholder.code()).isEqualTo("8000");
        assertThat(placeholder.msg()).isEqualTo("invalid notifyUrl: must be an http(s) URL with a host, at most 2048 "
                + "characters");
        assertThat(gateway.snapshot()).isEqualTo(before);
        body.put("notifyUrl", "https://merchant.example/pp/notify");
        Answer accepted = gateway.signed(BASE + "payout", merchant.merchantNo(), merchant.secret(), body);
        assertThat(accepted.code()).as(accepted.body()).isEqualTo("0000");
        assertThat(accepted.json().get("data").get("status").asText()).isEqualTo("0015");
    }

    @Test
    void the_guides_payin_body_of_v1_is_refused_only_for_its_10_digit_cpf_which_the_page_says_has_11() {
        TestMerchant merchant = gateway.createMerchant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tradeNo", "test_00000007");
        body.put("amount", "300");
        body.put("name", "123");
        body.put("identityType", "CPF");
        body.put("userIdentity", "2348937596");
        body.put("notifyUrl", "http://abc.com/notify");
        body.put("returnUrl", "http://abc.com/callback_page");
        body.put("remark", "000000");
        Map<String, Long> before = gateway.snapshot();
        Answer answer = gateway.signed(BASE + "payin", merchant.merchantNo(), merchant.secret(), body);
        assertThat(answer.code()).isEqualTo("8000");
        assertThat(answer.msg()).startsWith("invalid userIdentity: must be 11 digits");
        assertThat(gateway.snapshot()).isEqualTo(before);
        body.put("userIdentity", "23489375960");
        assertThat(gateway.signed(BASE + "payin", merchant.merchantNo(), merchant.secret(), body).code())
                .isEqualTo("0000");
    }

    @Test
    void the_guides_query_and_balance_bodies_of_v3_and_v4_are_answered_without_a_request_error() {
        TestMerchant merchant = gateway.createMerchant();
        Answer query = gateway.signed(BASE + "queryPayOutResult", merchant.merchantNo(), merchant.secret(),
                Map.of("tradeNo", "test_00000002"));
        assertThat(query.code()).as("a lookup was made: the order is not there").isEqualTo("8000");
        assertThat(query.msg()).isEqualTo("order not found");
        Answer balance = gateway.signed(BASE + "queryBalance", merchant.merchantNo(), merchant.secret(), Map.of());
        assertThat(balance.code()).as(balance.body()).isEqualTo("0000");
        assertThat(balance.json().get("data").get("availableAmount").asText()).isEqualTo("0.0000");
    }
}
