package org.openpaypro.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpaypro.protocol.Signer.NullHandling;

class SignerTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static void assertVector(Map<String, Object> body, String canonical, String sign) {
        assertThat(Signer.canonical(body)).isEqualTo(canonical);
        assertThat(Signer.sign(body, SECRET)).isEqualTo(sign);
        assertThat(Signer.verify(body, SECRET, sign)).isTrue();
    }

    @Test
    void vector_v1_payin_matches_spec() {
        assertVector(params("timestamp", "1724142041682", "tradeNo", "test_00000007", "amount", "300",
                        "name", "123", "identityType", "CPF", "userIdentity", "2348937596",
                        "notifyUrl", "http://abc.com/notify", "returnUrl", "http://abc.com/callback_page",
                        "remark", "000000"),
                "amount=300identityType=CPFname=123notifyUrl=http://abc.com/notifyremark=000000"
                        + "returnUrl=http://abc.com/callback_pagetimestamp=1724142041682tradeNo=test_00000007"
                        + "userIdentity=2348937596",
                "fda910ddecf04473e42e3964a23d7570");
    }

    @Test
    void vector_v2_payout_matches_spec() {
        assertVector(params("timestamp", "1724149702962", "tradeNo", "123231222", "amount", "300", "name", "abc",
                        "email", "abc@xx.com", "mobile", "123456789", "bankType", "CPF", "bankNumber", "10094038292",
                        "identityType", "CPF", "userIdentity", "18171847084", "notifyUrl", "xxxxxx",
                        "remark", "000000"),
                "amount=300bankNumber=10094038292bankType=CPFemail=abc@xx.comidentityType=CPFmobile=123456789"
                        + "name=abcnotifyUrl=xxxxxxremark=000000timestamp=1724149702962tradeNo=123231222"
                        + "userIdentity=18171847084",
                "c0f67258ba6717d9ae2400b3aa18ae26");
    }

    @Test
    void vector_v3_payout_query_matches_spec() {
        assertVector(params("tradeNo", "test_00000002", "timestamp", "1728613320708"),
                "timestamp=1728613320708tradeNo=test_00000002", "b6a04ec953a6df506fa7dc2f54bc86e6");
    }

    @Test
    void vector_v4_balance_matches_spec_also_with_numeric_timestamp() {
        assertVector(params("timestamp", "1724151084278"), "timestamp=1724151084278",
                "b17b00b2ea9d118875e4697526946d0b");
        assertVector(params("timestamp", 1724151084278L), "timestamp=1724151084278",
                "b17b00b2ea9d118875e4697526946d0b");
        assertVector(params("timestamp", new BigDecimal("1724151084278")), "timestamp=1724151084278",
                "b17b00b2ea9d118875e4697526946d0b");
    }

    @Test
    void vector_v5_notify_matches_spec() {
        assertVector(params("platFormTradeNo", "5286e98841194687a95d25b5f3be346d", "tradeNo", "00000020",
                        "amount", "30000", "status", "0000", "message", "SUCCESS",
                        "successTime", "2024-07-01 18:34:31", "timestamp", "1724740395968"),
                "amount=30000message=SUCCESSplatFormTradeNo=5286e98841194687a95d25b5f3be346dstatus=0000"
                        + "successTime=2024-07-01 18:34:31timestamp=1724740395968tradeNo=00000020",
                "8a8e14a111d8a3f3a88adf720d3d5436");
    }

    @Test
    void vector_v6_empty_value_is_skipped() {
        assertVector(params("tradeNo", "T1", "timestamp", "1700000000000", "remark", "", "amount", "10.50"),
                "amount=10.50timestamp=1700000000000tradeNo=T1", "63d61bd0a60d798651c2625844e26c7a");
    }

    @Test
    void vector_v7_unicode_is_signed_as_utf8() {
        assertVector(params("tradeNo", "T2", "timestamp", "1700000000000", "name", "João Ção", "amount", "1"),
                "amount=1name=João Çãotimestamp=1700000000000tradeNo=T2", "52c65181d1f07cb56964765d5b1e9645");
    }

    @Test
    void vector_v8_null_is_signed_as_text_or_omitted_and_both_verify() {
        Map<String, Object> body = params("tradeNo", "T3", "timestamp", "1700000000000", "remark", null);
        String asText = "4d4f6c9d22668a4fbd11d22b15c95b2c";
        String omitted = "2f4377fbd53f920ebe37f62371fe97a1";

        assertThat(Signer.canonical(body)).isEqualTo("remark=nulltimestamp=1700000000000tradeNo=T3");
        assertThat(Signer.canonical(body, NullHandling.AS_TEXT)).isEqualTo(Signer.canonical(body));
        assertThat(Signer.canonical(body, NullHandling.OMIT)).isEqualTo("timestamp=1700000000000tradeNo=T3");
        assertThat(Signer.sign(body, SECRET)).isEqualTo(asText);
        assertThat(Signer.sign(body, SECRET, NullHandling.OMIT)).isEqualTo(omitted);
        assertThat(Signer.verify(body, SECRET, asText)).isTrue();
        assertThat(Signer.verify(body, SECRET, omitted)).isTrue();
    }

    @Test
    void null_omitted_sign_is_not_accepted_when_there_is_no_null_value() {
        Map<String, Object> withoutNull = params("tradeNo", "T3", "timestamp", "1700000000000", "remark", "x");
        assertThat(Signer.verify(withoutNull, SECRET, Signer.sign(withoutNull, SECRET))).isTrue();
        assertThat(Signer.verify(withoutNull, SECRET, "2f4377fbd53f920ebe37f62371fe97a1")).isFalse();
    }

    @Test
    void keys_are_sorted_by_code_unit_so_upper_case_comes_first() {
        Map<String, Object> body = params("a", "1", "B", "2", "_", "3", "Z", "4", "b", "5");
        assertThat(Signer.canonical(body)).isEqualTo("B=2Z=4_=3a=1b=5");
    }

    @Test
    void insertion_order_of_the_map_does_not_matter() {
        Map<String, Object> forward = params("amount", "1", "tradeNo", "T", "timestamp", "2");
        Map<String, Object> backward = params("timestamp", "2", "tradeNo", "T", "amount", "1");
        assertThat(Signer.sign(new HashMap<>(forward), SECRET)).isEqualTo(Signer.sign(backward, SECRET));
    }

    @Test
    void big_decimal_keeps_its_literal_form() {
        assertThat(Signer.canonical(params("amount", new BigDecimal("3.0000")))).isEqualTo("amount=3.0000");
        assertThat(Signer.canonical(params("amount", new BigDecimal("1000000")))).isEqualTo("amount=1000000");
        assertThat(Signer.canonical(params("amount", new BigDecimal("1E+3")))).isEqualTo("amount=1000");
    }

    @Test
    void booleans_and_other_numbers_use_string_value_of() {
        Map<String, Object> body = params("flag", true, "off", false, "count", 7, "big", 1724151084278L);
        assertThat(Signer.canonical(body)).isEqualTo("big=1724151084278count=7flag=trueoff=false");
    }

    @Test
    void sign_key_is_excluded_from_canonical_and_from_the_signature() {
        Map<String, Object> body = params("tradeNo", "test_00000002", "timestamp", "1728613320708");
        String expected = Signer.sign(body, SECRET);
        body.put("sign", "whatever");
        assertThat(Signer.canonical(body)).doesNotContain("sign");
        assertThat(Signer.sign(body, SECRET)).isEqualTo(expected);
        body.put("sign", null);
        assertThat(Signer.sign(body, SECRET)).isEqualTo(expected);
    }

    @Test
    void upper_case_received_sign_is_accepted() {
        Map<String, Object> body = params("timestamp", "1724151084278");
        assertThat(Signer.verify(body, SECRET, "B17B00B2EA9D118875E4697526946D0B")).isTrue();
        assertThat(Signer.verify(body, SECRET, "b17B00b2EA9d118875e4697526946d0B")).isTrue();
    }

    @Test
    void wrong_short_long_null_or_non_hex_sign_is_rejected() {
        Map<String, Object> body = params("timestamp", "1724151084278");
        assertThat(Signer.verify(body, SECRET, "b17b00b2ea9d118875e4697526946d0c")).isFalse();
        assertThat(Signer.verify(body, SECRET, "b17b00b2ea9d118875e4697526946d0")).isFalse();
        assertThat(Signer.verify(body, SECRET, "b17b00b2ea9d118875e4697526946d0b0")).isFalse();
        assertThat(Signer.verify(body, SECRET, "")).isFalse();
        assertThat(Signer.verify(body, SECRET, null)).isFalse();
        // U+0162 would truncate to 'b' if bytes were taken naively.
        assertThat(Signer.verify(body, SECRET, "b17b00b2ea9d118875e4697526946d0\u0162")).isFalse();
    }

    @Test
    void wrong_secret_is_rejected() {
        Map<String, Object> body = params("timestamp", "1724151084278");
        assertThat(Signer.verify(body, "another-secret", "b17b00b2ea9d118875e4697526946d0b")).isFalse();
    }

    @Test
    void matches_compares_case_insensitively_and_handles_nulls() {
        assertThat(Signer.matches("abcdef", "ABCdef")).isTrue();
        assertThat(Signer.matches("abcdef", "abcdeg")).isFalse();
        assertThat(Signer.matches("abcdef", "abcde")).isFalse();
        assertThat(Signer.matches("abcdef", null)).isFalse();
        assertThat(Signer.matches(null, "abcdef")).isFalse();
    }

    @Test
    void nested_map_or_list_value_is_rejected_with_the_key_named() {
        assertThatThrownBy(() -> Signer.canonical(params("payer", Map.of("name", "x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested value for key payer");
        assertThatThrownBy(() -> Signer.sign(params("items", List.of("a")), SECRET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested value for key items");
    }

    @Test
    void empty_map_signs_only_the_secret() {
        assertThat(Signer.canonical(Map.of())).isEmpty();
        assertThat(Signer.sign(Map.of(), SECRET)).hasSize(32).matches("[0-9a-f]{32}");
    }

    @Test
    void signing_is_consistent_across_threads() throws InterruptedException {
        Map<String, Object> body = params("timestamp", "1724151084278");
        String[] results = new String[8];
        Thread[] threads = new Thread[results.length];
        for (int i = 0; i < threads.length; i++) {
            int slot = i;
            threads[i] = new Thread(() -> {
                String last = null;
                for (int round = 0; round < 1_000; round++) {
                    last = Signer.sign(body, SECRET);
                }
                results[slot] = last;
            });
            threads[i].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(results).containsOnly("b17b00b2ea9d118875e4697526946d0b");
    }
}
