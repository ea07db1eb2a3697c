package org.openpaypro.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Escaping what merchants' servers send, and what counts as the answer "OK". */
class MerchantTextTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void ok_in_any_case_with_http_whitespace_or_a_leading_bom_is_ok() {
        for (String ok : new String[] {"OK", "ok", "oK", " OK\r\n", "\tok\n", "\uFEFFOK", "\uFEFF OK \r\n"}) {
            assertThat(MerchantText.isOk(bytes(ok))).as(ok).isTrue();
        }
    }

    @Test
    void ok_next_to_a_nul_or_another_control_character_is_not_ok() {
        for (String notOk : new String[] {"OK\u0000", "\u0000OK", "OK\u0000junk", "O\u0000K", "OK\u000b", "\u001bOK",
                "OK\u0085", "OKAY", "success", "", " ", "\"OK\"", "OK."}) {
            assertThat(MerchantText.isOk(bytes(notOk))).as(notOk).isFalse();
        }
    }

    @Test
    void control_characters_line_breaks_and_the_backslash_are_escaped_and_text_stays_one_line() {
        String escaped = MerchantText.escape(bytes("OK\u0000\r\n12:00:00 INFO forged\u2028x\u202e\\u0000\u0085"), 512);
        assertThat(escaped).isEqualTo("OK\\u0000\\u000d\\u000a12:00:00 INFO forged\\u2028x\\u202e\\\\u0000\\u0085");
        assertThat(escaped.chars().noneMatch(c -> c < 0x20 || c == 0x7f)).isTrue();
    }

    @Test
    void bytes_that_are_not_valid_utf8_are_written_as_hex_and_valid_text_is_kept() {
        byte[] answer = {'O', 'K', (byte) 0xc0, (byte) 0xbc, (byte) 0xff, ' ', (byte) 0xe2, (byte) 0x82, (byte) 0xac,
            (byte) 0xed, (byte) 0xa0, (byte) 0x80, (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80, (byte) 0xe2};
        assertThat(MerchantText.escape(answer, 512))
                .isEqualTo("OK\\xc0\\xbc\\xff \u20ac\\xed\\xa0\\x80\uD83D\uDE00\\xe2");
    }

    @Test
    void the_kept_text_is_cut_at_the_limit_and_never_inside_an_escape() {
        assertThat(MerchantText.escape(bytes("abc\u0000"), 8)).isEqualTo("abc");
        assertThat(MerchantText.escape(bytes("abc\u0000"), 9)).isEqualTo("abc\\u0000");
        assertThat(MerchantText.escape(bytes("x".repeat(600)), 512)).hasSize(512);
        assertThat(MerchantText.escape(new byte[] {(byte) 0xff, (byte) 0xff}, 6)).isEqualTo("\\xff");
    }

    @Test
    void strings_from_exceptions_and_urls_are_escaped_the_same_way() {
        assertThat(MerchantText.escape("Connection reset\nERROR fake", 100))
                .isEqualTo("Connection reset\\u000aERROR fake");
        assertThat(MerchantText.escape((String) null, 100)).isNull();
    }
}
