package org.openpaypro.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OpenPayPro's optional request signature (docs/OPERATIONS.md, "Stronger request signature"): HMAC-SHA256 keyed
 * with the merchant key (its UTF-8 bytes) over
 * <pre>{@code <t> "\n" <METHOD> "\n" <path> "\n" <exact body bytes>}</pre>
 * sent as {@code X-OpenPayPro-Signature: t=<t>,v1=<64 lower-case hex>}, where {@code t} is the Unix time in
 * milliseconds (13 digits; 10 digits in seconds are accepted) and {@code path} the request path as sent, without
 * scheme, host or query. Unlike the MD5 {@code sign} it covers the endpoint and the body bytes exactly, so no text
 * can move between fields and no signed body can be replayed against another endpoint. Shared by the gateway and
 * the SDK so both agree by construction. Stateless, thread-safe.
 */
public final class HmacSignature {
    public static final String HEADER = "X-OpenPayPro-Signature";
    private static final Pattern FORMAT = Pattern.compile("t=([0-9]{10}|[0-9]{13}),v1=([0-9a-fA-F]{64})");
    private static final HexFormat HEX = HexFormat.of();

    /** A parsed header: the signer's timestamp text and the signature bytes. */
    public record Parsed(String timestamp, byte[] signature) {
    }

    private HmacSignature() {
    }

    /** The exact bytes that are signed. */
    public static byte[] stringToSign(String timestamp, String method, String path, byte[] body) {
        byte[] head = (timestamp + "\n" + method.toUpperCase(Locale.ROOT) + "\n" + path + "\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    /** The header value for a request. */
    public static String header(String secret, String timestamp, String method, String path, byte[] body) {
        return "t=" + timestamp + ",v1=" + HEX.formatHex(mac(secret, stringToSign(timestamp, method, path, body)));
    }

    /** Empty when the header does not have the form {@code t=<10 or 13 digits>,v1=<64 hex>}. */
    public static Optional<Parsed> parse(String header) {
        Matcher match = FORMAT.matcher(header == null ? "" : header.trim());
        return match.matches() ? Optional.of(new Parsed(match.group(1), HEX.parseHex(match.group(2))))
                : Optional.empty();
    }

    /** Constant-time check of a parsed header against the request. */
    public static boolean verify(Parsed parsed, String secret, String method, String path, byte[] body) {
        return MessageDigest.isEqual(parsed.signature(),
                mac(secret, stringToSign(parsed.timestamp(), method, path, body)));
    }

    private static byte[] mac(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
