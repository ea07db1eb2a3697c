package org.openpaypro.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HmacSignatureTest {
    private static final byte[] BODY = "{\"tradeNo\":\"T1\",\"amount\":\"10.00\"}".getBytes(StandardCharsets.UTF_8);
    private static final String OPENSSL_HEX = "a2ac1eb36316ea55de04691c8b7b0d3782e1c9355defa34867b1fe77ee2ec01d";

    @Test
    void the_header_matches_an_independently_computed_hmac_of_the_documented_string() {
        // openssl: printf '1700000000000\nPOST\n/v1/paypro/payin\n{"tradeNo":"T1","amount":"10.00"}' \
        //   | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef
        String header = HmacSignature.header("0123456789abcdef0123456789abcdef", "1700000000000", "POST",
                "/v1/paypro/payin", BODY);
        assertThat(header).isEqualTo("t=1700000000000,v1=" + OPENSSL_HEX);
    }

    @Test
    void a_header_verifies_only_the_request_it_was_made_for() {
        String secret = "k".repeat(32);
        String header = HmacSignature.header(secret, "1700000000000", "POST", "/v1/paypro/payin", BODY);
        HmacSignature.Parsed parsed = HmacSignature.parse(header).orElseThrow();
        assertThat(HmacSignature.verify(parsed, secret, "POST", "/v1/paypro/payin", BODY)).isTrue();
        assertThat(HmacSignature.verify(parsed, secret, "POST", "/v1/paypro/payout", BODY)).isFalse();
        assertThat(HmacSignature.verify(parsed, secret, "POST", "/v1/paypro/payin",
                "{\"tradeNo\":\"T1\",\"amount\":\"10.01\"}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(HmacSignature.verify(parsed, "x".repeat(32), "POST", "/v1/paypro/payin", BODY)).isFalse();
        HmacSignature.Parsed otherTime = HmacSignature.parse(header.replace("t=1700000000000", "t=1700000000001"))
                .orElseThrow();
        assertThat(HmacSignature.verify(otherTime, secret, "POST", "/v1/paypro/payin", BODY)).isFalse();
    }

    @Test
    void malformed_headers_do_not_parse() {
        assertThat(HmacSignature.parse(null)).isEmpty();
        assertThat(HmacSignature.parse("")).isEmpty();
        assertThat(HmacSignature.parse("v1=" + "a".repeat(64))).isEmpty();
        assertThat(HmacSignature.parse("t=123,v1=" + "a".repeat(64))).isEmpty();
        assertThat(HmacSignature.parse("t=1700000000000,v1=" + "a".repeat(63))).isEmpty();
        assertThat(HmacSignature.parse("t=1700000000000,v1=" + "g".repeat(64))).isEmpty();
        assertThat(HmacSignature.parse("t=1700000000000,v1=" + "a".repeat(64))).isPresent();
    }
}
