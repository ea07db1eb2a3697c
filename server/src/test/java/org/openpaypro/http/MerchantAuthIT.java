package org.openpaypro.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpaypro.protocol.Signer;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

class MerchantAuthIT {
    private static final String BALANCE = "/v1/paypro/queryBalance";
    private final TestGateway gateway = TestGateway.get();
    private final TestMerchant merchant = gateway.createMerchant();

    private Map<String, Object> fresh() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", Long.toString(System.currentTimeMillis()));
        return body;
    }

    private void assertRejected(Answer answer, String msg) {
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("code").asText()).isEqualTo("8000");
        assertThat(answer.json().get("success").asBoolean()).isFalse();
        assertThat(answer.json().get("data").isNull()).isTrue();
        assertThat(answer.msg()).isEqualTo(msg);
    }

    private Answer postSigned(Map<String, String> headers, Map<String, Object> body) {
        return gateway.post(BALANCE, headers, TestGateway.json(body));
    }

    @Test
    void query_balance_with_a_correct_signature_answers_zero_balances_with_four_decimals() {
        Answer answer = gateway.signed(BALANCE, merchant.merchantNo(), merchant.secret(), Map.of());
        assertThat(answer.code()).isEqualTo("0000");
        assertThat(answer.msg()).isEqualTo("success");
        assertThat(answer.json().get("success").asBoolean()).isTrue();
        assertThat(answer.json().get("timestamp").isNumber()).isTrue();
        assertThat(answer.json().get("data").get("availableAmount").asText()).isEqualTo("0.0000");
        assertThat(answer.json().get("data").get("freezeAmount").asText()).isEqualTo("0.0000");
        assertThat(answer.json().get("data").get("unsettledAmount").asText()).isEqualTo("0.0000");
    }

    @Test
    void the_brazil_base_path_serves_the_same_endpoint() {
        Answer answer = gateway.signed("/brz-pay" + BALANCE, merchant.merchantNo(), merchant.secret(), Map.of());
        assertThat(answer.code()).isEqualTo("0000");
    }

    @Test
    void a_request_signed_with_another_merchants_secret_is_rejected_and_changes_nothing() {
        TestMerchant other = gateway.createMerchant();
        var before = gateway.snapshot();
        assertRejected(gateway.signed(BALANCE, merchant.merchantNo(), other.secret(), Map.of()), "sign mismatch");
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    @Test
    void header_names_are_case_insensitive_and_sign_may_travel_in_the_header() {
        Map<String, Object> body = fresh();
        String sign = Signer.sign(body, merchant.secret());
        Answer answer = postSigned(Map.of("merchantno", merchant.merchantNo(), "SIGN", sign), body);
        assertThat(answer.code()).isEqualTo("0000");
    }

    @Test
    void an_uppercase_sign_is_accepted() {
        Map<String, Object> body = fresh();
        body.put("sign", Signer.sign(body, merchant.secret()).toUpperCase());
        assertThat(postSigned(Map.of("merchantNo", merchant.merchantNo()), body).code()).isEqualTo("0000");
    }

    @Test
    void every_authentication_failure_is_rejected_with_its_message_and_changes_nothing() {
        var before = gateway.snapshot();
        Map<String, Object> body = fresh();
        String sign = Signer.sign(body, merchant.secret());
        Map<String, Object> signedBody = new LinkedHashMap<>(body);
        signedBody.put("sign", sign);

        assertRejected(postSigned(Map.of(), signedBody), "missing merchantNo header");
        assertRejected(postSigned(Map.of("merchantNo", "0000000000"), signedBody), "unknown merchantNo");
        assertRejected(postSigned(Map.of("merchantNo", merchant.merchantNo()), body),
                "missing sign (body field or header)");
        assertRejected(postSigned(Map.of("merchantNo", merchant.merchantNo(), "sign", "0".repeat(32)), signedBody),
                "sign in body and header differ");
        Map<String, Object> tampered = new LinkedHashMap<>(signedBody);
        tampered.put("extra", "x");
        assertRejected(postSigned(Map.of("merchantNo", merchant.merchantNo()), tampered), "sign mismatch");
        assertRejected(gateway.post(BALANCE, Map.of("merchantNo", merchant.merchantNo()), "{not json"),
                "body is not valid JSON");
        assertRejected(gateway.post(BALANCE, Map.of("merchantNo", merchant.merchantNo()), "[1,2]"),
                "body must be a JSON object");
        assertRejected(gateway.post(BALANCE, Map.of("merchantNo", merchant.merchantNo()),
                "{\"timestamp\":\"1\",\"timestamp\":\"2\"}"), "duplicate field in body: timestamp");
        assertRejected(gateway.post(BALANCE, Map.of("merchantNo", merchant.merchantNo()),
                "{\"timestamp\":{\"a\":1}}"), "field timestamp must be a string or a number");
        assertRejected(gateway.post(BALANCE, Map.of("merchantNo", merchant.merchantNo(), "Content-Type",
                "text/plain"), TestGateway.json(signedBody)), "Content-Type must be application/json");
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    @Test
    void timestamps_must_be_10_or_13_digits_and_inside_the_window() {
        var before = gateway.snapshot();
        String seconds = Long.toString(System.currentTimeMillis() / 1000);
        assertThat(gateway.signed(BALANCE, merchant.merchantNo(), merchant.secret(), Map.of("timestamp", seconds))
                .code()).isEqualTo("0000");
        String old = Long.toString(System.currentTimeMillis() - 16 * 60 * 1000);
        assertRejected(gateway.signed(BALANCE, merchant.merchantNo(), merchant.secret(), Map.of("timestamp", old)),
                "timestamp outside window of 15 minutes");
        String future = Long.toString(System.currentTimeMillis() + 16 * 60 * 1000);
        assertRejected(gateway.signed(BALANCE, merchant.merchantNo(), merchant.secret(), Map.of("timestamp", future)),
                "timestamp outside window of 15 minutes");
        assertRejected(gateway.signed(BALANCE, merchant.merchantNo(), merchant.secret(),
                Map.of("timestamp", "123456789012")), "timestamp must be 10 or 13 digits");
        Map<String, Object> noTimestamp = new LinkedHashMap<>();
        noTimestamp.put("sign", Signer.sign(Map.of(), merchant.secret()));
        assertRejected(postSigned(Map.of("merchantNo", merchant.merchantNo()), noTimestamp),
                "missing field: timestamp");
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    @Test
    void a_numeric_timestamp_is_signed_as_its_literal_text() {
        String body = "{\"timestamp\":" + System.currentTimeMillis() + "}";
        Map<String, Object> parsed = JsonBody.parse(body.getBytes());
        String sign = Signer.sign(parsed, merchant.secret());
        Answer answer = gateway.post(BALANCE, Map.of("merchantNo", merchant.merchantNo(), "sign", sign), body);
        assertThat(answer.code()).isEqualTo("0000");
    }

    @Test
    void a_body_over_the_limit_gets_413_with_the_envelope_and_changes_nothing() {
        var before = gateway.snapshot();
        String huge = "{\"timestamp\":\"" + "1".repeat(70_000) + "\"}";
        Answer answer = gateway.post(BALANCE, Map.of("merchantNo", merchant.merchantNo()), huge);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.code()).isEqualTo("8000");
        assertThat(answer.msg()).isEqualTo("body is larger than 65536 bytes");
        assertThat(gateway.snapshot()).isEqualTo(before);
    }
}
