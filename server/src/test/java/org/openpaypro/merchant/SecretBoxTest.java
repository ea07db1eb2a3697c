package org.openpaypro.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static final String MASTER_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @Test
    void a_derived_key_is_computed_as_the_voucher_key_always_was_so_issued_links_keep_working() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-256")
                .digest(("voucher|" + MASTER_KEY).getBytes(StandardCharsets.UTF_8));
        assertThat(SecretBox.derivedKey(MASTER_KEY, "voucher")).isEqualTo(expected);
    }

    @Test
    void a_derived_key_is_neither_the_master_key_nor_the_key_of_another_purpose() {
        byte[] voucher = SecretBox.derivedKey(MASTER_KEY, "voucher");
        assertThat(voucher).isNotEqualTo(HexFormat.of().parseHex(MASTER_KEY));
        assertThat(voucher).isNotEqualTo(SecretBox.derivedKey(MASTER_KEY, "cashier"));
    }
}
