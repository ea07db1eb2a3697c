package org.openpaypro.protocol;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;

/**
 * The PayPro signature (spec §2): canonical string of all body fields except {@code sign}, merchant secret appended,
 * MD5, lowercase hex. Used for incoming requests, outgoing callbacks and the SDK, so that all three agree by
 * construction. The canonicaliser lives here alone so a variant (OP-2) can be swapped in one place.
 *
 * <p>Thread-safe: stateless apart from one {@link MessageDigest} per thread.
 */
public final class Signer {

    /** How a {@code null} value enters the canonical string (spec §2.3, OP-3). */
    public enum NullHandling {
        /** Reference-code semantics: {@code String.valueOf(null)}, i.e. {@code key=null}. */
        AS_TEXT,
        /** The entry is left out, as most non-Java clients do. */
        OMIT
    }

    private static final int SIGN_HEX_LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(Signer::newMd5);

    private Signer() {
    }

    /** Canonical string with reference semantics for {@code null} ({@link NullHandling#AS_TEXT}). */
    public static String canonical(Map<String, ?> params) {
        return canonical(params, NullHandling.AS_TEXT);
    }

    /**
     * Canonical string of spec §2.1 (without the secret).
     *
     * @throws IllegalArgumentException if a key is null or a value is a map, collection or array
     */
    public static String canonical(Map<String, ?> params, NullHandling nulls) {
        StringBuilder builder = new StringBuilder(estimateLength(params, 0));
        appendCanonical(builder, params, nulls);
        return builder.toString();
    }

    /** Lowercase hex MD5 of canonical string + secret, {@code null} signed as text. */
    public static String sign(Map<String, ?> params, String secret) {
        return sign(params, secret, NullHandling.AS_TEXT);
    }

    /** Lowercase hex MD5 of canonical string + secret. */
    public static String sign(Map<String, ?> params, String secret, NullHandling nulls) {
        if (secret == null) {
            throw new IllegalArgumentException("secret is null");
        }
        StringBuilder builder = new StringBuilder(estimateLength(params, secret.length()));
        appendCanonical(builder, params, nulls);
        builder.append(secret);
        MessageDigest md5 = MD5.get();
        md5.reset();
        return HEX.formatHex(md5.digest(builder.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Checks a received signature (spec §2.2): reference semantics first; if that fails and a value is
     * {@code null}, once more with null entries omitted (OP-3). Case-insensitive, constant-time per comparison.
     *
     * @return false for a null, wrong-length or non-matching {@code receivedSign}
     */
    public static boolean verify(Map<String, ?> params, String secret, String receivedSign) {
        if (receivedSign == null || receivedSign.length() != SIGN_HEX_LENGTH) {
            return false;
        }
        if (matches(sign(params, secret, NullHandling.AS_TEXT), receivedSign)) {
            return true;
        }
        return hasNullValue(params) && matches(sign(params, secret, NullHandling.OMIT), receivedSign);
    }

    /**
     * Constant-time comparison of an expected lowercase hex string with a received one, ignoring the ASCII case of
     * the received one. Only the length is leaked, and that is public anyway (always 32).
     */
    public static boolean matches(String expectedLowerHex, String received) {
        if (expectedLowerHex == null || received == null || expectedLowerHex.length() != received.length()) {
            return false;
        }
        byte[] expectedBytes = expectedLowerHex.getBytes(StandardCharsets.US_ASCII);
        byte[] receivedBytes = new byte[received.length()];
        for (int i = 0; i < receivedBytes.length; i++) {
            receivedBytes[i] = lowerAsciiByte(received.charAt(i));
        }
        return MessageDigest.isEqual(expectedBytes, receivedBytes);
    }

    private static void appendCanonical(StringBuilder builder, Map<String, ?> params, NullHandling nulls) {
        if (params == null) {
            throw new IllegalArgumentException("params is null");
        }
        if (nulls == null) {
            throw new IllegalArgumentException("null handling is null");
        }
        String[] keys = params.keySet().toArray(new String[0]);
        for (String key : keys) {
            if (key == null) {
                throw new IllegalArgumentException("null key in signed parameters");
            }
        }
        Arrays.sort(keys);
        for (String key : keys) {
            if ("sign".equals(key)) {
                continue;
            }
            Object value = params.get(key);
            if (value == null && nulls == NullHandling.OMIT) {
                continue;
            }
            String text = text(key, value);
            if (text.isEmpty()) {
                continue;
            }
            builder.append(key).append('=').append(text);
        }
    }

    private static String text(String key, Object value) {
        if (value instanceof String string) {
            return string;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        boolean nested = value instanceof Map<?, ?> || value instanceof Collection<?>
                || (value != null && value.getClass().isArray());
        if (nested) {
            throw new IllegalArgumentException("nested value for key " + key);
        }
        return String.valueOf(value);
    }

    private static boolean hasNullValue(Map<String, ?> params) {
        for (Map.Entry<String, ?> entry : params.entrySet()) {
            if (entry.getValue() == null && !"sign".equals(entry.getKey())) {
                return true;
            }
        }
        return false;
    }

    private static byte lowerAsciiByte(char character) {
        if (character >= 'A' && character <= 'Z') {
            return (byte) (character + ('a' - 'A'));
        }
        // Non-ASCII must not be truncated into a byte that could equal a hex digit.
        return character < 0x80 ? (byte) character : (byte) 0x80;
    }

    private static int estimateLength(Map<String, ?> params, int extra) {
        return params == null ? 16 : params.size() * 32 + extra;
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform but is missing", e);
        }
    }
}
