package org.openpaypro.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MerchantKeysTest {
    private static final Instant END = Instant.parse("2026-12-02T10:00:00Z");

    private static Merchant merchant(String previous, Instant until, boolean newestUsed) {
        return Merchant.builder().id(1).merchantNo("1234567890").name("m").country("BR").currency("BRL")
                .secret("new").payinFee(FeePlan.FREE).payoutFee(FeePlan.FREE).status(Merchant.Status.ACTIVE)
                .createdAt(Instant.EPOCH).previousSecret(previous).previousValidUntil(until).newestKeyUsed(newestUsed)
                .signatureScheme(Merchant.SignatureScheme.MD5).build();
    }

    @Test
    void both_keys_verify_until_the_end_of_the_grace_and_only_the_newest_from_that_instant_on() {
        Merchant rotated = merchant("old", END, false);
        assertThat(rotated.keysValidAt(END.minusMillis(1))).containsExactly("new", "old");
        assertThat(rotated.keysValidAt(END)).containsExactly("new");
        assertThat(rotated.keysValidAt(END.plusMillis(1))).containsExactly("new");
    }

    @Test
    void callbacks_use_the_previous_key_until_the_newest_was_used_or_the_previous_ended() {
        assertThat(merchant("old", END, false).callbackKeyAt(END.minusMillis(1))).isEqualTo("old");
        assertThat(merchant("old", END, true).callbackKeyAt(END.minusMillis(1))).isEqualTo("new");
        assertThat(merchant("old", END, false).callbackKeyAt(END)).isEqualTo("new");
        assertThat(merchant(null, null, true).callbackKeyAt(END)).isEqualTo("new");
        assertThat(merchant(null, null, true).keysValidAt(END)).containsExactly("new");
    }
}
