package org.openpaypro.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The one way request bodies become text: strictly as UTF-8 (RFC 8259 §8.1). Overlong forms ({@code C0 BC} for
 * {@code <}), encoded surrogates, code points past U+10FFFF, truncated sequences, a byte order mark and NUL bytes
 * (the sign of UTF-16/32) are refused instead of being decoded leniently, and a {@code charset} parameter in
 * Content-Type other than utf-8 is refused. Stateless, thread-safe.
 */
public final class StrictUtf8 {
    private StrictUtf8() {
    }

    /** The body as text, or empty when it is not strict UTF-8 without a byte order mark or NUL byte. */
    public static Optional<String> decode(byte[] body) {
        if (body.length >= 2 && ((body[0] & 0xFF) == 0xFE || (body[0] & 0xFF) == 0xFF
                || (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB
                && (body[2] & 0xFF) == 0xBF))) {
            return Optional.empty();
        }
        for (byte b : body) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** True when Content-Type has no {@code charset} parameter, or {@code charset=utf-8} (any case, quoted or not). */
    public static boolean charsetAllowed(String contentType) {
        if (contentType == null) {
            return true;
        }
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset")) {
                String value = parameter.length < 2 ? "" : parameter[1].trim().replaceAll("^\"|\"$", "");
                if (!value.toLowerCase(Locale.ROOT).equals("utf-8")) {
                    return false;
                }
            }
        }
        return true;
    }
}
