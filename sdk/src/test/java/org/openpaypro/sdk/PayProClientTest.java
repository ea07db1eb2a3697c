package org.openpaypro.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpaypro.protocol.HmacSignature;
import org.openpaypro.protocol.Signer;
import org.openpaypro.protocol.TradeStatus;

class PayProClientTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final String MERCHANT_NO = "1234567890";

    private FakeGateway gateway;

    @BeforeEach
    void startGateway() throws IOException {
        gateway = new FakeGateway();
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    private PayProClient.Builder clientBuilder() {
        return PayProClient.builder().baseUrl(gateway.baseUrl()).merchantNo(MERCHANT_NO).secretKey(SECRET);
    }

    private PayProClient client() {
        return clientBuilder().build();
    }

    private static PayinRequest brazilPayin() {
        return PayinRequest.brazil("20241027103000123", "150", "Maria Souza", "12345678909",
                "https://merchant.example/pp/notify", "order 77");
    }

    @Test
    void payin_is_a_json_post_with_merchant_header_13_digit_timestamp_and_a_body_sign_the_gateway_accepts()
            throws Exception {
        client().payin(brazilPayin());

        FakeGateway.Recorded request = gateway.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/paypro/payin");
        assertThat(request.headers().getFirst("merchantNo")).isEqualTo(MERCHANT_NO);
        assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(request.headers().containsKey("sign")).isFalse();
        Map<String, Object> body = request.json();
        assertThat(body).containsEntry("tradeNo", "20241027103000123").containsEntry("amount", "150")
                .containsEntry("name", "Maria Souza").containsEntry("identityType", "CPF")
                .containsEntry("userIdentity", "12345678909").containsEntry("remark", "order 77")
                .containsEntry("notifyUrl", "https://merchant.example/pp/notify")
                .doesNotContainKey("returnUrl");
        assertThat(body.values()).allSatisfy(value -> assertThat(value).isInstanceOf(String.class));
        assertThat((String) body.get("timestamp")).matches("[0-9]{13}");
        assertThat(Signer.verify(body, SECRET, (String) body.get("sign"))).isTrue();
    }

    @Test
    void payin_with_the_fields_of_spec_vector_v1_is_signed_exactly_as_the_vector_says() throws Exception {
        PayinRequest v1 = new PayinRequest("test_00000007", "300", "123", "CPF", "2348937596",
                "http://abc.com/notify", null, "000000", Map.of())
                .withReturnUrl("http://abc.com/callback_page")
                .withExtra("timestamp", "1724142041682");

        client().payin(v1);

        Map<String, Object> body = gateway.lastRequest().json();
        assertThat(body).containsEntry("timestamp", "1724142041682")
                .containsEntry("sign", "fda910ddecf04473e42e3964a23d7570");
    }

    @Test
    void sign_travels_in_the_header_and_not_in_the_body_when_configured() throws Exception {
        clientBuilder().signInHeader(true).build().queryPayin("test_00000002");

        FakeGateway.Recorded request = gateway.lastRequest();
        Map<String, Object> body = request.json();
        assertThat(body).doesNotContainKey("sign").containsEntry("tradeNo", "test_00000002");
        String headerSign = request.headers().getFirst("sign");
        assertThat(headerSign).hasSize(32);
        assertThat(Signer.verify(body, SECRET, headerSign)).isTrue();
    }

    @Test
    void with_hmac_signature_the_header_covers_method_path_and_the_exact_body_and_no_md5_sign_is_sent()
            throws Exception {
        clientBuilder().basePath("/brz-pay").hmacSignature(true).build().queryPayin("test_00000002");

        FakeGateway.Recorded request = gateway.lastRequest();
        assertThat(request.json()).doesNotContainKey("sign").containsEntry("tradeNo", "test_00000002");
        assertThat(request.headers().containsKey("sign")).isFalse();
        String header = request.headers().getFirst(HmacSignature.HEADER);
        assertThat(header).matches("t=[0-9]{13},v1=[0-9a-f]{64}");
        HmacSignature.Parsed parsed = HmacSignature.parse(header).orElseThrow();
        byte[] body = request.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(HmacSignature.verify(parsed, SECRET, "POST", "/brz-pay/v1/paypro/queryPayInResult", body))
                .isTrue();
        assertThat(HmacSignature.verify(parsed, SECRET, "POST", "/v1/paypro/queryPayInResult", body)).isFalse();
    }

    @Test
    void url_path_is_base_path_then_family_then_endpoint_name() throws Exception {
        clientBuilder().basePath("/brz-pay").build().queryBalance();
        assertThat(gateway.lastRequest().path()).isEqualTo("/brz-pay/v1/paypro/queryBalance");

        clientBuilder().baseUrl(gateway.baseUrl() + "/").basePath("/ke").family("/api").build()
                .call("queryPayinResult", Map.of("tradeNo", "K1"));
        assertThat(gateway.lastRequest().path()).isEqualTo("/ke/api/queryPayinResult");
    }

    @Test
    void each_typed_method_posts_to_its_brazil_endpoint_with_its_fields() throws Exception {
        PayProClient client = client();

        client.payout(PayoutRequest.brazilPix("123231222", "300", "abc", "abc@xx.com", "123456789", "CPF",
                "10094038292", "CPF", "18171847084", "xxxxxx", "000000"));
        FakeGateway.Recorded payout = gateway.lastRequest();
        assertThat(payout.path()).isEqualTo("/v1/paypro/payout");
        assertThat(payout.json()).containsEntry("bankType", "CPF").containsEntry("bankNumber", "10094038292")
                .containsEntry("email", "abc@xx.com").containsEntry("mobile", "123456789");

        client.queryPayin("P1");
        FakeGateway.Recorded queryPayin = gateway.lastRequest();
        assertThat(queryPayin.path()).isEqualTo("/v1/paypro/queryPayInResult");
        assertThat(queryPayin.json()).containsOnlyKeys("tradeNo", "timestamp", "sign")
                .containsEntry("tradeNo", "P1");

        client.queryPayout("O1");
        FakeGateway.Recorded queryPayout = gateway.lastRequest();
        assertThat(queryPayout.path()).isEqualTo("/v1/paypro/queryPayOutResult");
        assertThat(queryPayout.json()).containsEntry("tradeNo", "O1");

        client.queryBalance();
        FakeGateway.Recorded balance = gateway.lastRequest();
        assertThat(balance.path()).isEqualTo("/v1/paypro/queryBalance");
        assertThat(balance.json()).containsOnlyKeys("timestamp", "sign");
    }

    @Test
    void accepted_envelope_maps_to_an_accepted_result_with_typed_data() {
        gateway.answer("{\"msg\":\"success\",\"code\":\"0000\",\"timestamp\":1730000000123,\"success\":true,"
                + "\"data\":{\"tradeNo\":\"20241027103000123\",\"platFormTradeNo\":\"k3v9q2m8x1z7w4pa\","
                + "\"status\":\"0015\",\"desc\":\"Paying\",\"remark\":\"order 77\","
                + "\"paymentUrl\":\"https://cashier/pay/k3v9\",\"qrCode\":\"00020126...\"}}");

        ApiResult<PayinData> result = client().payin(brazilPayin());

        assertThat(result.accepted()).isTrue();
        assertThat(result.rejected()).isFalse();
        assertThat(result.outcomeUnknown()).isFalse();
        assertThat(result.success()).isTrue();
        assertThat(result.msg()).isEqualTo("success");
        assertThat(result.timestamp()).isEqualTo(1730000000123L);
        PayinData data = result.dataOrThrow();
        assertThat(data).isEqualTo(new PayinData("20241027103000123", "k3v9q2m8x1z7w4pa", "0015", "Paying",
                "order 77", "https://cashier/pay/k3v9", "00020126...", null));
        assertThat(data.tradeStatus()).isEqualTo(TradeStatus.PROCESSING);
    }

    @Test
    void rejected_envelope_maps_to_a_rejected_result_without_data_and_data_or_throw_reports_code_and_msg() {
        gateway.answer("{\"msg\":\"sign error\",\"code\":\"8000\",\"timestamp\":1730000000123,\"success\":false,"
                + "\"data\":null}");

        ApiResult<PayoutData> result = client().payout(PayoutRequest.brazilPix("T1", "10", "abc", "a@b.c", "1",
                "CPF", "10094038292", "CPF", "10094038292", "https://n", "r"));

        assertThat(result.rejected()).isTrue();
        assertThat(result.accepted()).isFalse();
        assertThat(result.success()).isFalse();
        assertThat(result.data()).isNull();
        assertThatThrownBy(result::dataOrThrow)
                .isInstanceOf(PayProException.class)
                .hasMessageContaining("8000").hasMessageContaining("sign error")
                .satisfies(e -> {
                    assertThat(((PayProException) e).gatewayCode()).isEqualTo("8000");
                    assertThat(((PayProException) e).gatewayMsg()).isEqualTo("sign error");
                });
    }

    @Test
    void system_error_envelope_maps_to_an_unknown_outcome() {
        gateway.answer(500, "{\"msg\":\"system exception\",\"code\":\"5000\",\"timestamp\":1,\"success\":false}");

        ApiResult<PayinData> result = client().payin(brazilPayin());

        assertThat(result.outcomeUnknown()).isTrue();
        assertThat(result.accepted()).isFalse();
        assertThat(result.rejected()).isFalse();
        assertThat(result.msg()).isEqualTo("system exception");
        assertThatThrownBy(result::dataOrThrow).isInstanceOf(PayProException.class).hasMessageContaining("5000");
    }

    @Test
    void unknown_fields_in_data_and_envelope_are_ignored_and_query_data_is_typed() {
        gateway.answer("{\"msg\":\"success\",\"code\":\"0000\",\"timestamp\":\"1730000000123\",\"success\":\"true\","
                + "\"traceId\":\"x\",\"data\":{\"platFormTradeNo\":\"p1\",\"tradeNo\":\"t1\",\"amount\":\"300.00\","
                + "\"status\":\"0000\",\"message\":\"SUCCESS\",\"successTime\":\"2024-07-01 18:34:31\","
                + "\"createTime\":\"2024-07-01 18:30:00\",\"receivedAmount\":\"300.00\",\"utr\":{\"x\":1}}}");

        ApiResult<TradeResult> result = client().queryPayout("t1");

        assertThat(result.success()).isTrue();
        assertThat(result.timestamp()).isEqualTo(1730000000123L);
        TradeResult data = result.dataOrThrow();
        assertThat(data).isEqualTo(new TradeResult("p1", "t1", "300.00", "0000", "SUCCESS", "2024-07-01 18:34:31"));
        assertThat(data.tradeStatus()).isEqualTo(TradeStatus.SUCCESS);
        assertThat(data.isFinal()).isTrue();
    }

    @Test
    void balance_amounts_become_exact_units() {
        gateway.answer("{\"msg\":\"success\",\"code\":\"0000\",\"timestamp\":1,\"success\":true,\"data\":"
                + "{\"availableAmount\":\"9998989.0000\",\"freezeAmount\":\"0.5\",\"unsettledAmount\":\"12.3456\"}}");

        BalanceData balance = client().queryBalance().dataOrThrow();

        assertThat(balance.availableUnits()).isEqualTo(99_989_890_000L);
        assertThat(balance.freezeUnits()).isEqualTo(5_000L);
        assertThat(balance.unsettledUnits()).isEqualTo(123_456L);
    }

    @Test
    void generic_call_signs_any_fields_as_strings_and_returns_data_as_a_map() throws Exception {
        gateway.answer("{\"msg\":\"success\",\"code\":\"0000\",\"timestamp\":1,\"success\":true,"
                + "\"data\":{\"paymentUrl\":\"https://c/p\",\"fee\":3.0000}}");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tradeNo", "ID1");
        fields.put("amount", 10000);
        fields.put("channelCode", "EWALLET");
        fields.put("remark", null);

        ApiResult<Map<String, Object>> result = client().call("paymentLink", fields);

        Map<String, Object> body = gateway.lastRequest().json();
        assertThat(body).containsEntry("amount", "10000").containsEntry("channelCode", "EWALLET")
                .doesNotContainKey("remark");
        assertThat(Signer.verify(body, SECRET, (String) body.get("sign"))).isTrue();
        assertThat(result.dataOrThrow()).containsEntry("paymentUrl", "https://c/p");
        assertThat(result.data().get("fee").toString()).isEqualTo("3.0000");
    }

    @Test
    void generic_call_refuses_a_caller_supplied_sign_and_nested_values() {
        PayProClient client = client();
        assertThatThrownBy(() -> client.call("payin", Map.of("sign", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sign");
        assertThatThrownBy(() -> client.call("payin", Map.of("items", Map.of("a", "b"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("items");
    }

    @Test
    void non_json_answer_throws_pay_pro_exception_with_status_and_body_start() {
        gateway.answer(502, "<html><body>Bad Gateway</body></html>");

        assertThatThrownBy(() -> client().queryBalance())
                .isInstanceOf(PayProException.class)
                .hasMessageContaining("HTTP 502")
                .hasMessageContaining("Bad Gateway")
                .hasMessageContaining("/v1/paypro/queryBalance");
    }

    @Test
    void json_answer_without_code_is_not_taken_for_an_envelope() {
        gateway.answer("{\"error\":\"not found\"}");

        assertThatThrownBy(() -> client().queryPayin("T1"))
                .isInstanceOf(PayProException.class)
                .hasMessageContaining("not a PayPro envelope");
    }

    @Test
    void accepted_answer_whose_data_does_not_fit_the_type_throws() {
        gateway.answer("{\"msg\":\"success\",\"code\":\"0000\",\"timestamp\":1,\"success\":true,\"data\":[1,2]}");

        assertThatThrownBy(() -> client().queryBalance())
                .isInstanceOf(PayProException.class)
                .hasMessageContaining("BalanceData");
    }

    @Test
    void unreachable_gateway_throws_pay_pro_exception_with_the_cause() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PayProClient client = clientBuilder().baseUrl("http://127.0.0.1:" + closedPort).build();

        assertThatThrownBy(() -> client.payin(brazilPayin()))
                .isInstanceOf(PayProException.class)
                .hasMessageContaining("unknown")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void slow_gateway_hits_the_timeout_and_throws_pay_pro_exception() {
        gateway.delay(1_000);
        PayProClient client = clientBuilder().timeout(Duration.ofMillis(150)).build();

        assertThatThrownBy(client::queryBalance)
                .isInstanceOf(PayProException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void raw_send_posts_the_body_as_given_and_returns_status_and_text() throws Exception {
        gateway.answer(400, "bad request");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tradeNo", "T3");
        body.put("timestamp", 1700000000000L);
        body.put("remark", null);

        RawResponse response = client().send("/brz-pay/v1/paypro/queryPayInResult", body, true);

        assertThat(response).isEqualTo(new RawResponse(400, "bad request"));
        FakeGateway.Recorded request = gateway.lastRequest();
        assertThat(request.path()).isEqualTo("/brz-pay/v1/paypro/queryPayInResult");
        assertThat(request.body()).contains("\"timestamp\":1700000000000").contains("\"remark\":null");
        // Spec vector V8: null signed as the text "null".
        assertThat(request.json()).containsEntry("sign", "4d4f6c9d22668a4fbd11d22b15c95b2c");
    }

    @Test
    void raw_send_without_sign_adds_nothing() throws Exception {
        client().send("/v1/paypro/payin", Map.of("tradeNo", "T1"), false);

        FakeGateway.Recorded request = gateway.lastRequest();
        assertThat(request.json()).containsOnlyKeys("tradeNo");
        assertThat(request.headers().containsKey("sign")).isFalse();
        assertThat(request.headers().getFirst("merchantNo")).isEqualTo(MERCHANT_NO);
    }

    @Test
    void builder_refuses_missing_or_malformed_settings_and_names_them() {
        assertThatThrownBy(() -> PayProClient.builder().baseUrl("http://h").secretKey(SECRET).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("merchantNo");
        assertThatThrownBy(() -> PayProClient.builder().baseUrl("http://h").merchantNo(MERCHANT_NO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secretKey");
        assertThatThrownBy(() -> clientBuilder().baseUrl("localhost:8080").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> clientBuilder().basePath("brz-pay").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("basePath");
        assertThatThrownBy(() -> clientBuilder().family("/v1/paypro/").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("family");
        assertThatThrownBy(() -> clientBuilder().timeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }
}
