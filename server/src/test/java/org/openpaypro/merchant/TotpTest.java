package org.openpaypro.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TotpTest {
    /** RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890". */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void the_sha1_codes_of_rfc_6238_appendix_b_are_reproduced_at_8_digits() {
        long[][] vectors = {
                {59L, 94287082L}, {1111111109L, 7081804L}, {1111111111L, 14050471L},
                {1234567890L, 89005924L}, {2000000000L, 69279037L}, {20000000000L, 65353130L}};
        for (long[] vector : vectors) {
            assertThat(Totp.code(RFC_SEED, Totp.step(vector[0]), 8)).as("T=" + vector[0])
                    .isEqualTo(String.format("%08d", vector[1]));
        }
    }

    @Test
    void the_six_digit_code_is_the_last_six_digits_of_the_rfc_vector() {
        assertThat(Totp.code(RFC_SEED, Totp.step(59), 6)).isEqualTo("287082");
        assertThat(Totp.code(RFC_SEED, Totp.step(1111111109), 6)).isEqualTo("081804");
    }

    @Test
    void rfc_4226_appendix_d_hotp_values_are_reproduced() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
                "399871", "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            assertThat(Totp.code(RFC_SEED, counter, 6)).as("counter " + counter).isEqualTo(expected[counter]);
        }
    }

    @Test
    void a_code_verifies_in_its_step_and_one_step_either_side_but_not_two_steps_away() {
        long t = 1111111111L;
        String code = Totp.code(RFC_SEED, Totp.step(t), 6);
        assertThat(Totp.verify(RFC_SEED, code, t, 0)).hasValue(Totp.step(t));
        assertThat(Totp.verify(RFC_SEED, code, t + 30, 0)).hasValue(Totp.step(t));
        assertThat(Totp.verify(RFC_SEED, code, t - 30, 0)).hasValue(Totp.step(t));
        assertThat(Totp.verify(RFC_SEED, code, t + 60, 0)).isEmpty();
        assertThat(Totp.verify(RFC_SEED, code, t - 60, 0)).isEmpty();
    }

    @Test
    void a_code_whose_step_was_already_used_is_refused_and_malformed_codes_never_verify() {
        long t = 1111111111L;
        String code = Totp.code(RFC_SEED, Totp.step(t), 6);
        assertThat(Totp.verify(RFC_SEED, code, t, Totp.step(t))).isEmpty();
        assertThat(Totp.verify(RFC_SEED, null, t, 0)).isEmpty();
        assertThat(Totp.verify(RFC_SEED, "12345", t, 0)).isEmpty();
        assertThat(Totp.verify(RFC_SEED, "12345a", t, 0)).isEmpty();
        assertThat(Totp.verify(RFC_SEED, code + "0", t, 0)).isEmpty();
    }

    @Test
    void base32_round_trips_and_matches_rfc_4648_vectors() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Base32.encode("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(new String(Base32.decode("MZXW6YQ="), StandardCharsets.US_ASCII)).isEqualTo("foob");
        byte[] secret = Totp.newSecret();
        assertThat(Base32.decode(Base32.encode(secret))).isEqualTo(secret);
        assertThat(Totp.uri("OpenPayPro", "a@b.com", RFC_SEED))
                .isEqualTo("otpauth://totp/OpenPayPro:a%40b.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                        + "&issuer=OpenPayPro&algorithm=SHA1&digits=6&period=30");
    }
}
