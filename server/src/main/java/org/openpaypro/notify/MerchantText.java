package org.openpaypro.notify;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text that came from a merchant's server (a callback answer, an error naming its host), made safe to store in
 * PostgreSQL text and to write to the log: decoded as strict UTF-8, every byte that is not valid UTF-8 written as
 * {@code \xNN}, every control, format or line/paragraph separator character as a backslash, {@code u} and 4 hex
 * digits (or {@code U} and 8), and the backslash itself doubled, so the escaped text is unambiguous and one line.
 * Also judges the answer "OK". Stateless, thread-safe.
 */
final class MerchantText {
    private MerchantText() {
    }

    /**
     * Delivered means: the answer is {@code OK} in any case, around which only HTTP whitespace (space, tab, CR, LF)
     * and one leading UTF-8 byte order mark may stand. Any other byte (a NUL, another control character) makes the
     * answer not OK: {@code "OK\0"} is a failed attempt, retried on the schedule.
     */
    static boolean isOk(byte[] answer) {
        int from = 0;
        int to = answer.length;
        if (to >= 3 && (answer[0] & 0xff) == 0xef && (answer[1] & 0xff) == 0xbb && (answer[2] & 0xff) == 0xbf) {
            from = 3;
        }
        while (from < to && httpSpace(answer[from])) {
            from++;
        }
        while (to > from && httpSpace(answer[to - 1])) {
            to--;
        }
        return to - from == 2 && (answer[from] | 0x20) == 'o' && (answer[from + 1] | 0x20) == 'k';
    }

    private static boolean httpSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** The answer bytes as escaped text, at most {@code maxChars} characters (never half an escape). */
    static String escape(byte[] bytes, int maxChars) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(Math.max(16, bytes.length));
        StringBuilder text = new StringBuilder();
        boolean room = true;
        while (room) {
            CoderResult result = decoder.decode(in, out, true);
            out.flip();
            room = appendEscaped(text, out.toString(), maxChars);
            out.clear();
            if (result.isUnderflow()) {
                break;
            }
            for (int i = 0; room && result.isError() && i < result.length(); i++) {
                room = append(text, String.format("\\x%02x", in.get() & 0xff), maxChars);
            }
        }
        return text.toString();
    }

    /** Any string (an exception message, a URL) made one safe line, at most {@code maxChars} characters. */
    static String escape(String raw, int maxChars) {
        if (raw == null) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        appendEscaped(text, raw, maxChars);
        return text.toString();
    }

    /** Appends the escaped form of {@code decoded}; false once {@code maxChars} is reached. */
    private static boolean appendEscaped(StringBuilder text, String decoded, int maxChars) {
        for (int i = 0; i < decoded.length(); ) {
            int codePoint = decoded.codePointAt(i);
            i += Character.charCount(codePoint);
            String token;
            if (codePoint == '\\') {
                token = "\\\\";
            } else if (unsafe(codePoint)) {
                token = codePoint <= 0xffff ? String.format("\\u%04x", codePoint)
                        : String.format("\\U%08x", codePoint);
            } else {
                token = new String(Character.toChars(codePoint));
            }
            if (!append(text, token, maxChars)) {
                return false;
            }
        }
        return true;
    }

    private static boolean append(StringBuilder text, String token, int maxChars) {
        if (text.length() + token.length() > maxChars) {
            return false;
        }
        text.append(token);
        return true;
    }

    private static boolean unsafe(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }
}
