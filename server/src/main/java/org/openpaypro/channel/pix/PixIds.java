package org.openpaypro.channel.pix;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Pix identifiers derived from a trade number (DESIGN §13), stable for a trade so every retry reuses them: the
 * charge's {@code txid} (26-35 alphanumerics) and the send's {@code idEnvio} (at most 35 alphanumerics). A trade
 * number of up to 30 (txid) / 32 (idEnvio) alphanumerics is carried readably and can be read back, so a
 * notification names its trade even before the rail's reference is stored; any other trade number is hashed.
 * Stateless, thread-safe.
 */
final class PixIds {
    static final Pattern TXID = Pattern.compile("[a-zA-Z0-9]{26,35}");
    static final Pattern ID_ENVIO = Pattern.compile("[a-zA-Z0-9]{1,35}");
    private static final Pattern ALPHANUMERIC = Pattern.compile("[a-zA-Z0-9]+");
    private static final String READABLE = "opp";
    private static final String HASHED = "oph";
    private static final int TXID_MIN = 26;
    private static final int TXID_MAX_TRADE_NO = 30;
    private static final int ID_ENVIO_MAX_TRADE_NO = 32;

    private PixIds() {
    }

    /** {@code opp} + two-digit length + trade number, padded with zeros to 26; or {@code oph} + 32 hex digits. */
    static String txid(String platformTradeNo) {
        if (readable(platformTradeNo, TXID_MAX_TRADE_NO)) {
            String id = READABLE + String.format("%02d", platformTradeNo.length()) + platformTradeNo;
            return id + "0".repeat(Math.max(0, TXID_MIN - id.length()));
        }
        return HASHED + hash(platformTradeNo);
    }

    /** {@code opp} + trade number; or {@code oph} + 32 hex digits. */
    static String idEnvio(String platformTradeNo) {
        return readable(platformTradeNo, ID_ENVIO_MAX_TRADE_NO) ? READABLE + platformTradeNo
                : HASHED + hash(platformTradeNo);
    }

    /** The trade number a txid of ours carries; empty for a hashed or foreign txid. */
    static Optional<String> tradeNoOfTxid(String txid) {
        if (txid == null || !TXID.matcher(txid).matches() || !txid.startsWith(READABLE)) {
            return Optional.empty();
        }
        int length;
        try {
            length = Integer.parseInt(txid.substring(3, 5));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (length < 1 || 5 + length > txid.length() || !txid.substring(5 + length).matches("0*")) {
            return Optional.empty();
        }
        String tradeNo = txid.substring(5, 5 + length);
        return txid(tradeNo).equals(txid) ? Optional.of(tradeNo) : Optional.empty();
    }

    /** The trade number an idEnvio of ours carries; empty for a hashed or foreign idEnvio. */
    static Optional<String> tradeNoOfIdEnvio(String idEnvio) {
        if (idEnvio == null || !ID_ENVIO.matcher(idEnvio).matches() || !idEnvio.startsWith(READABLE)
                || idEnvio.length() == READABLE.length()) {
            return Optional.empty();
        }
        return Optional.of(idEnvio.substring(READABLE.length()));
    }

    private static boolean readable(String platformTradeNo, int max) {
        return platformTradeNo.length() <= max && ALPHANUMERIC.matcher(platformTradeNo).matches();
    }

    private static String hash(String platformTradeNo) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(platformTradeNo.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
