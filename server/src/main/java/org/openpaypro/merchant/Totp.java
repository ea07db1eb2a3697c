package org.openpaypro.merchant;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords, written from RFC 6238 (TOTP) over RFC 4226 (HOTP): HMAC-SHA1 of the 8-byte
 * big-endian time step ({@code floor(unixSeconds / 30)}), dynamic truncation (RFC 4226 §5.3), modulo 10^digits.
 * What authenticator apps expect: SHA-1, 30-second steps, 6 digits, a 160-bit secret shown in Base32.
 * Verification accepts the current step and one on either side (RFC 6238 §5.2, clock drift) and returns the step
 * that matched so the caller can refuse it the second time. Stateless, thread-safe.
 */
public final class Totp {
    public static final int STEP_SECONDS = 30;
    public static final int DIGITS = 6;
    public static final int SECRET_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {
    }

    public static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The time step of {@code unixSeconds} (RFC 6238 §4.2, T0 = 0). */
    public static long step(long unixSeconds) {
        return Math.floorDiv(unixSeconds, STEP_SECONDS);
    }

    /** The {@code digits}-digit code of one time step, zero-padded. */
    public static String code(byte[] secret, long step, int digits) {
        byte[] hash = hmacSha1(secret, ByteBuffer.allocate(8).putLong(step).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        long modulus = (long) Math.pow(10, digits);
        String text = Long.toString(binary % modulus);
        return "0".repeat(digits - text.length()) + text;
    }

    /**
     * The step of {@code unixSeconds} or a neighbour whose 6-digit code is {@code code} and which is later than
     * {@code lastUsedStep}; empty when none (wrong, malformed or already used code).
     */
    public static OptionalLong verify(byte[] secret, String code, long unixSeconds, long lastUsedStep) {
        if (code == null || !code.matches("[0-9]{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long now = step(unixSeconds);
        OptionalLong matched = OptionalLong.empty();
        for (long step = now - 1; step <= now + 1; step++) {
            boolean equal = java.security.MessageDigest.isEqual(code(secret, step, DIGITS).getBytes(),
                    code.getBytes());
            if (equal && step > lastUsedStep && matched.isEmpty()) {
                matched = OptionalLong.of(step);
            }
        }
        return matched;
    }

    /** The {@code otpauth://} URI authenticator apps read from a QR code. */
    public static String uri(String issuer, String account, byte[] secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + Base32.encode(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] hmacSha1(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }
}
