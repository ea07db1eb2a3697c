package org.openpaypro.channel.simulator;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds and checks PIX "copia e cola" BR Codes: the EMV QRCPS merchant-presented payload defined by the Banco
 * Central do Brasil "Manual de Padrões para Iniciação do Pix". Every field is ID (2 digits) + length (2 digits,
 * zero-padded) + value, and the payload ends with field 63 holding a CRC-16/CCITT-FALSE over everything before it
 * (including the "6304" prefix of the CRC field itself).
 *
 * <p>Thread-safe: stateless, all methods are pure static functions.
 */
public final class BrCode {

    /** Name used when the merchant name folds to nothing (e.g. it was written only in non-Latin script). */
    static final String FALLBACK_NAME = "MERCHANT";
    /** City used when the merchant city folds to nothing. */
    static final String FALLBACK_CITY = "BRASILIA";

    private static final int MAX_NAME = 25;
    private static final int MAX_CITY = 15;
    private static final int MAX_TXID = 25;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final int[] CRC_TABLE = crcTable();
    private static final int MAX_KEY = 77; // 99 - "0014br.gov.bcb.pix".length() - "01nn".length()

    private BrCode() {
    }

    /**
     * Builds a dynamic (one-time, point of initiation "12") BR Code.
     *
     * @param pixKey       the receiver's PIX key (printable ASCII, at most 77 characters)
     * @param merchantName merchant name; accents are folded, other non [A-Za-z0-9 ] characters dropped, max 25
     * @param merchantCity merchant city; folded like the name, max 15
     * @param amountCents  amount in centavos; must be &gt;= 0, and field 54 is omitted when it is 0 (payer chooses)
     * @param txid         transaction id; only [A-Za-z0-9] kept, max 25, "***" when nothing is left
     * @return the complete payload including the CRC field
     * @throws IllegalArgumentException on a blank or over-long key or a negative amount
     */
    public static String build(String pixKey, String merchantName, String merchantCity, long amountCents,
            String txid) {
        if (pixKey == null || pixKey.isBlank()) {
            throw new IllegalArgumentException("pixKey is required");
        }
        String key = pixKey.strip();
        if (key.length() > MAX_KEY || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("pixKey must be printable ASCII of at most " + MAX_KEY + " chars");
        }
        if (amountCents < 0) {
            throw new IllegalArgumentException("amountCents must be >= 0: " + amountCents);
        }
        String name = fold(merchantName, MAX_NAME, FALLBACK_NAME);
        String city = fold(merchantCity, MAX_CITY, FALLBACK_CITY);
        String tx = sanitizeTxid(txid);

        StringBuilder sb = new StringBuilder(160);
        field(sb, "00", "01");
        field(sb, "01", "12");
        field(sb, "26", tlv("00", "br.gov.bcb.pix") + tlv("01", key));
        field(sb, "52", "0000");
        field(sb, "53", "986");
        if (amountCents > 0) {
            field(sb, "54", formatAmount(amountCents));
        }
        field(sb, "58", "BR");
        field(sb, "59", name);
        field(sb, "60", city);
        field(sb, "62", tlv("05", tx));
        sb.append("6304");
        int crc = crc16(sb.toString().getBytes(StandardCharsets.US_ASCII));
        for (int shift = 12; shift >= 0; shift -= 4) {
            sb.append(HEX[(crc >> shift) & 0xF]);
        }
        return sb.toString();
    }

    /** CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final xor (a byte at a time, by table). */
    public static int crc16(byte[] data) {
        int crc = 0xFFFF;
        for (byte b : data) {
            crc = ((crc << 8) ^ CRC_TABLE[((crc >> 8) ^ b) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }

    /** The CRC of each byte value shifted into an empty register, bit by bit. */
    private static int[] crcTable() {
        int[] table = new int[256];
        for (int value = 0; value < 256; value++) {
            int crc = value << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            table[value] = crc & 0xFFFF;
        }
        return table;
    }

    /** True iff {@code brCode} ends with "6304" plus 4 hex digits and those digits are the CRC of what precedes. */
    public static boolean crcValid(String brCode) {
        if (brCode == null || brCode.length() < 8) {
            return false;
        }
        int n = brCode.length();
        if (!brCode.startsWith("6304", n - 8)) {
            return false;
        }
        String hex = brCode.substring(n - 4);
        for (int i = 0; i < 4; i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                return false;
            }
        }
        byte[] body = brCode.substring(0, n - 4).getBytes(StandardCharsets.UTF_8);
        return crc16(body) == Integer.parseInt(hex, 16);
    }

    /**
     * Parses one TLV level (the top level, or the value of a template such as 26 or 62) into an ordered,
     * unmodifiable map of id to value.
     *
     * @throws IllegalArgumentException if the input is null, truncated, has non-digit ids/lengths or duplicate ids
     */
    public static Map<String, String> parseTopLevel(String brCode) {
        if (brCode == null) {
            throw new IllegalArgumentException("brCode is null");
        }
        Map<String, String> out = new LinkedHashMap<>();
        int pos = 0;
        while (pos < brCode.length()) {
            if (pos + 4 > brCode.length()) {
                throw new IllegalArgumentException("truncated TLV header at " + pos);
            }
            String id = brCode.substring(pos, pos + 2);
            String len = brCode.substring(pos + 2, pos + 4);
            if (!isDigits(id) || !isDigits(len)) {
                throw new IllegalArgumentException("non-numeric TLV header at " + pos + ": " + id + len);
            }
            int start = pos + 4;
            int end = start + Integer.parseInt(len);
            if (end > brCode.length()) {
                throw new IllegalArgumentException("TLV " + id + " at " + pos + " overruns the input");
            }
            if (out.putIfAbsent(id, brCode.substring(start, end)) != null) {
                throw new IllegalArgumentException("duplicate TLV id " + id);
            }
            pos = end;
        }
        return Collections.unmodifiableMap(out);
    }

    static String formatAmount(long cents) {
        long frac = cents % 100;
        return (cents / 100) + "." + (frac < 10 ? "0" : "") + frac;
    }

    /**
     * Folds accents, keeps [A-Za-z0-9 ], collapses spaces, upper-cases and truncates to {@code max}. Without a regex
     * (each {@code replaceAll} compiled its pattern on every pay-in, issue 15): after NFD the marks are characters
     * outside [A-Za-z0-9 ] like any other, so dropping those drops the marks too.
     */
    static String fold(String s, int max, String fallback) {
        if (s == null) {
            return fallback;
        }
        String decomposed = ascii(s) ? s : Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder kept = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c == ' ') {
                if (kept.length() > 0 && kept.charAt(kept.length() - 1) != ' ') {
                    kept.append(' ');
                }
            } else if (alphanumeric(c)) {
                kept.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
            }
        }
        String folded = kept.toString().strip();
        if (folded.length() > max) {
            folded = folded.substring(0, max).strip();
        }
        return folded.isEmpty() ? fallback : folded;
    }

    static String sanitizeTxid(String txid) {
        StringBuilder t = new StringBuilder(MAX_TXID);
        if (txid != null) {
            for (int i = 0; i < txid.length() && t.length() < MAX_TXID; i++) {
                if (alphanumeric(txid.charAt(i))) {
                    t.append(txid.charAt(i));
                }
            }
        }
        return t.length() == 0 ? "***" : t.toString();
    }

    private static boolean alphanumeric(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static void field(StringBuilder sb, String id, String value) {
        sb.append(tlv(id, value));
    }

    private static String tlv(String id, String value) {
        if (value.length() > 99) {
            throw new IllegalArgumentException("field " + id + " longer than 99 chars");
        }
        return id + (value.length() < 10 ? "0" : "") + value.length() + value;
    }
}
