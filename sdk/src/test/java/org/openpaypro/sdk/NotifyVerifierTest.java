package org.openpaypro.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpaypro.protocol.Signer;
import org.openpaypro.protocol.TradeStatus;

class NotifyVerifierTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final String V5_SIGN = "8a8e14a111d8a3f3a88adf720d3d5436";

    private final NotifyVerifier verifier = new NotifyVerifier(SECRET);

    /** The fields of spec vector V5, in callback order, without sign. */
    private static Map<String, Object> v5Fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", "0000");
        fields.put("message", "SUCCESS");
        fields.put("platFormTradeNo", "5286e98841194687a95d25b5f3be346d");
        fields.put("tradeNo", "00000020");
        fields.put("amount", "30000");
        fields.put("successTime", "2024-07-01 18:34:31");
        fields.put("timestamp", "1724740395968");
        return fields;
    }

    private static byte[] json(Map<String, Object> fields, String sign) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        if (sign != null) {
            body.put("sign", sign);
        }
        return new ObjectMapper().writeValueAsBytes(body);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void spec_vector_v5_is_accepted_and_every_field_is_exposed() throws Exception {
        Notification notification = verifier.verify(json(v5Fields(), V5_SIGN));

        assertThat(notification.platFormTradeNo()).isEqualTo("5286e98841194687a95d25b5f3be346d");
        assertThat(notification.tradeNo()).isEqualTo("00000020");
        assertThat(notification.amount()).isEqualTo("30000");
        assertThat(notification.status()).isEqualTo("0000");
        assertThat(notification.message()).isEqualTo("SUCCESS");
        assertThat(notification.successTime()).isEqualTo("2024-07-01 18:34:31");
        assertThat(notification.timestamp()).isEqualTo("1724740395968");
        assertThat(notification.tradeStatus()).isEqualTo(TradeStatus.SUCCESS);
        assertThat(notification.fields()).hasSize(7).doesNotContainKey("sign");
    }

    @Test
    void uppercase_sign_is_accepted() throws Exception {
        Notification notification = verifier.verify(json(v5Fields(), V5_SIGN.toUpperCase(Locale.ROOT)));

        assertThat(notification.tradeNo()).isEqualTo("00000020");
    }

    @Test
    void tampered_amount_is_rejected() throws Exception {
        Map<String, Object> fields = v5Fields();
        fields.put("amount", "300000");

        assertThatThrownBy(() -> verifier.verify(json(fields, V5_SIGN)))
                .isInstanceOf(InvalidNotificationException.class)
                .hasMessageContaining("does not match")
                .hasMessageContaining("00000020");
    }

    @Test
    void missing_or_empty_sign_is_rejected() throws Exception {
        byte[] unsigned = json(v5Fields(), null);
        byte[] emptySign = json(v5Fields(), "");

        assertThatThrownBy(() -> verifier.verify(unsigned))
                .isInstanceOf(InvalidNotificationException.class).hasMessageContaining("no sign");
        assertThatThrownBy(() -> verifier.verify(emptySign))
                .isInstanceOf(InvalidNotificationException.class).hasMessageContaining("no sign");
    }

    @Test
    void wrong_secret_is_rejected() throws Exception {
        NotifyVerifier other = new NotifyVerifier("ffffffffffffffffffffffffffffffff");

        assertThatThrownBy(() -> other.verify(json(v5Fields(), V5_SIGN)))
                .isInstanceOf(InvalidNotificationException.class);
    }

    @Test
    void unknown_extra_field_is_part_of_the_signature_and_kept() throws Exception {
        Map<String, Object> fields = v5Fields();
        fields.put("type", "PAYIN");
        String signWithExtra = Signer.sign(fields, SECRET);

        Notification notification = verifier.verify(json(fields, signWithExtra));

        assertThat(notification.fields()).containsEntry("type", "PAYIN");
        // Adding the field to a body signed without it must break the signature.
        assertThatThrownBy(() -> verifier.verify(json(fields, V5_SIGN)))
                .isInstanceOf(InvalidNotificationException.class);
    }

    @Test
    void numbers_are_verified_by_their_literal_text() throws Exception {
        String body = "{\"status\":\"0000\",\"message\":\"SUCCESS\","
                + "\"platFormTradeNo\":\"5286e98841194687a95d25b5f3be346d\",\"tradeNo\":\"00000020\","
                + "\"amount\":30000,\"successTime\":\"2024-07-01 18:34:31\",\"timestamp\":1724740395968,"
                + "\"sign\":\"" + V5_SIGN + "\"}";

        Notification notification = verifier.verify(bytes(body));

        assertThat(notification.amount()).isEqualTo("30000");
        assertThat(notification.timestamp()).isEqualTo("1724740395968");
    }

    @Test
    void json_null_is_verified_with_the_reference_and_the_omitting_semantics() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tradeNo", "T3");
        fields.put("status", "00029");
        fields.put("timestamp", "1700000000000");
        fields.put("remark", null);
        String body = "{\"tradeNo\":\"T3\",\"status\":\"00029\",\"timestamp\":\"1700000000000\",\"remark\":null,"
                + "\"sign\":\"%s\"}";
        String signedAsText = Signer.sign(fields, SECRET, Signer.NullHandling.AS_TEXT);
        String signedOmitting = Signer.sign(fields, SECRET, Signer.NullHandling.OMIT);

        Notification asText = verifier.verify(bytes(String.format(body, signedAsText)));
        Notification omitted = verifier.verify(bytes(String.format(body, signedOmitting)));

        assertThat(signedAsText).isNotEqualTo(signedOmitting);
        assertThat(asText.fields()).containsEntry("remark", null);
        assertThat(omitted.tradeStatus()).isEqualTo(TradeStatus.FAILED);
    }

    @Test
    void malformed_bodies_are_rejected_with_a_reason() {
        assertThatThrownBy(() -> verifier.verify(bytes("tradeNo=1&status=0000")))
                .isInstanceOf(InvalidNotificationException.class).hasMessageContaining("JSON");
        assertThatThrownBy(() -> verifier.verify(bytes("[1,2]")))
                .isInstanceOf(InvalidNotificationException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> verifier.verify(bytes("{\"tradeNo\":\"1\"")))
                .isInstanceOf(InvalidNotificationException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> verifier.verify(new byte[0]))
                .isInstanceOf(InvalidNotificationException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> verifier.verify(bytes("{\"tradeNo\":{\"a\":1},\"sign\":\"x\"}")))
                .isInstanceOf(InvalidNotificationException.class).hasMessageContaining("tradeNo");
        assertThatThrownBy(() -> verifier.verify(bytes("{\"a\":\"1\"} {\"b\":\"2\"}")))
                .isInstanceOf(InvalidNotificationException.class).hasMessageContaining("after the JSON object");
    }

    @Test
    void duplicate_field_is_rejected_so_signed_and_used_values_cannot_differ() {
        String body = "{\"tradeNo\":\"00000020\",\"amount\":\"1\",\"amount\":\"30000\",\"sign\":\"" + V5_SIGN + "\"}";

        assertThatThrownBy(() -> verifier.verify(bytes(body)))
                .isInstanceOf(InvalidNotificationException.class).hasMessageContaining("'amount' twice");
    }

    @Test
    void oversized_body_is_refused_before_parsing() {
        byte[] huge = new byte[NotifyVerifier.MAX_BODY_BYTES + 1];

        assertThatThrownBy(() -> verifier.verify(huge))
                .isInstanceOf(InvalidNotificationException.class).hasMessageContaining("limit");
    }

    @Test
    void signed_callback_without_trade_number_cannot_be_routed() throws Exception {
        Map<String, Object> fields = v5Fields();
        fields.remove("tradeNo");

        assertThatThrownBy(() -> verifier.verify(json(fields, Signer.sign(fields, SECRET))))
                .isInstanceOf(InvalidNotificationException.class).hasMessageContaining("tradeNo");
    }

    @Test
    void unsigned_kenya_callback_is_parsed_without_a_sign() throws Exception {
        Map<String, Object> fields = v5Fields();
        fields.put("amount", "3.0000");

        Notification notification = verifier.verifyUnsigned(json(fields, null));

        assertThat(notification.amount()).isEqualTo("3.0000");
        assertThat(notification.tradeStatus()).isEqualTo(TradeStatus.SUCCESS);
        assertThatThrownBy(() -> verifier.verifyUnsigned(bytes("{\"status\":\"0000\"}")))
                .isInstanceOf(InvalidNotificationException.class).hasMessageContaining("tradeNo");
    }

    @Test
    void merchant_acknowledges_with_ok_and_a_blank_secret_is_refused() {
        assertThat(NotifyVerifier.ACK).isEqualTo("OK");
        assertThatThrownBy(() -> new NotifyVerifier(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
