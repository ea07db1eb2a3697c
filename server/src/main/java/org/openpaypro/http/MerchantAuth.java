package org.openpaypro.http;

import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openpaypro.country.RequestSpec;
import org.openpaypro.error.Rejection;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.net.Cidr;
import org.openpaypro.protocol.HmacSignature;
import org.openpaypro.protocol.Signer;

/**
 * Authenticates a merchant request (spec §1.4, §2.2, §2.4; DESIGN §3): merchantNo header, body parsed as a flat
 * JSON object, sign from the body field or else the header, constant-time verification over every body field,
 * then the timestamp window. Merchant access (DESIGN §14) adds three steps: the merchant's IP allow-list (right
 * after the lookup), the key choice (the newest key or the previous one inside its grace; the optional HMAC-SHA256
 * header, required for a merchant that opted in) and, once everything passed, noting that the newest key was used
 * (callbacks switch to it). The last step is the replay guard: the only write, the used sign
 * ({@link ReplayGuard}). Every refusal is a catalogued {@link Rejection} and changes nothing. Thread-safe.
 */
public final class MerchantAuth {
    private final MerchantService merchants;
    private final Duration window;
    private final ClientAddress clientAddress;
    private final ReplayGuard replays;

    /** An authenticated request: who sent it and its parsed body. */
    public record Authenticated(Merchant merchant, Map<String, Object> body) {
    }

    /** Where a request came from and what signs it beyond the PayPro {@code sign}. */
    public record Origin(String method, String path, String peer, String forwardedFor, String hmacHeader) {
    }

    public MerchantAuth(MerchantService merchants, Duration window, ClientAddress clientAddress,
                        ReplayGuard replays) {
        this.merchants = merchants;
        this.window = window;
        this.clientAddress = clientAddress;
        this.replays = replays;
    }

    public Authenticated authenticate(String merchantNo, String contentType, String headerSign, byte[] rawBody,
                                      boolean timestampRequired, Origin origin) {
        if (contentType != null && !contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)
                .equals("application/json")) {
            throw Rejection.UNSUPPORTED_CONTENT_TYPE.with();
        }
        requireUtf8Charset(contentType);
        if (merchantNo == null || merchantNo.isBlank()) {
            throw Rejection.MISSING_MERCHANT_NO.with();
        }
        Merchant merchant = merchantNo.length() > 32 ? null : merchants.find(merchantNo.trim()).orElse(null);
        if (merchant == null) {
            throw Rejection.UNKNOWN_MERCHANT.with();
        }
        checkAllowlist(merchant, origin);
        Map<String, Object> body = JsonBody.parse(rawBody);
        List<String> keys = merchant.keysValidAt(merchants.now());
        String key = origin.hmacHeader() != null ? verifyHmac(keys, origin, rawBody)
                : verifyLegacy(merchant, keys, body, headerSign);
        if (!merchant.active()) {
            throw Rejection.MERCHANT_DISABLED.with();
        }
        String timestamp = RequestSpec.text(body, "timestamp");
        checkTimestamp(timestamp, timestampRequired);
        if (origin.hmacHeader() != null) {
            HmacSignature.Parsed hmac = HmacSignature.parse(origin.hmacHeader())
                    .orElseThrow(Rejection.BAD_SIGNATURE_HEADER::with);
            // The replay key of an HMAC request is the first 128 bits of its signature, with the header's time.
            refuseReplay(merchant, HexFormat.of().formatHex(Arrays.copyOf(hmac.signature(), 16)), hmac.timestamp());
        } else {
            refuseReplay(merchant, chooseSign(body.get("sign"), headerSign), timestamp);
        }
        merchants.noteSignedWith(merchant, key);
        return new Authenticated(merchant, body);
    }

    /** Merchant access step 1: the allow-list (empty: off); the refusal names the address seen. */
    private void checkAllowlist(Merchant merchant, Origin origin) {
        if (merchant.ipAllowlist().isEmpty()) {
            return;
        }
        ClientAddress.Seen seen = clientAddress.resolve(origin.peer(), origin.forwardedFor());
        boolean allowed = merchant.ipAllowlist().stream().map(Cidr::parse).flatMap(Optional::stream)
                .anyMatch(cidr -> cidr.contains(seen.bytes()));
        if (!allowed) {
            throw Rejection.ADDRESS_NOT_ALLOWED.with(seen.text());
        }
    }

    /** Merchant access step 2a: the PayPro MD5 sign, refused for a merchant that requires HMAC; the key used. */
    private static String verifyLegacy(Merchant merchant, List<String> keys, Map<String, Object> body,
                                       String headerSign) {
        if (merchant.signatureScheme() == Merchant.SignatureScheme.HMAC_SHA256) {
            throw Rejection.HMAC_SIGNATURE_REQUIRED.with();
        }
        String sign = chooseSign(body.get("sign"), headerSign);
        return keys.stream().filter(key -> Signer.verify(body, key, sign)).findFirst()
                .orElseThrow(Rejection.SIGN_MISMATCH::with);
    }

    /** Merchant access step 2b: the X-OpenPayPro-Signature header over method, path, time and body; the key used. */
    private String verifyHmac(List<String> keys, Origin origin, byte[] rawBody) {
        HmacSignature.Parsed parsed = HmacSignature.parse(origin.hmacHeader())
                .orElseThrow(Rejection.BAD_SIGNATURE_HEADER::with);
        String key = keys.stream()
                .filter(candidate -> HmacSignature.verify(parsed, candidate, origin.method(), origin.path(), rawBody))
                .findFirst().orElseThrow(Rejection.HMAC_MISMATCH::with);
        checkTimestamp(parsed.timestamp(), true);
        return key;
    }

    /** Bodies are UTF-8 only (the body itself is decoded strictly by {@link JsonBody}). */
    private static void requireUtf8Charset(String contentType) {
        if (!StrictUtf8.charsetAllowed(contentType)) {
            throw Rejection.UNSUPPORTED_CHARSET.with();
        }
    }

    private static String chooseSign(Object bodySign, String headerSign) {
        if (bodySign != null && !(bodySign instanceof String)) {
            throw Rejection.FIELD_NOT_TEXT.with("sign");
        }
        String fromBody = (String) bodySign;
        boolean hasBody = fromBody != null && !fromBody.isEmpty();
        boolean hasHeader = headerSign != null && !headerSign.isEmpty();
        if (hasBody && hasHeader && !fromBody.equalsIgnoreCase(headerSign)) {
            throw Rejection.SIGN_CONFLICT.with();
        }
        if (!hasBody && !hasHeader) {
            throw Rejection.MISSING_SIGN.with();
        }
        return hasBody ? fromBody : headerSign;
    }

    /**
     * The last step, once the request is known to be the merchant's and fresh, before anything is written: the same
     * sign is served once in its window, on any endpoint and any node (issue 10, security 6).
     */
    private void refuseReplay(Merchant merchant, String sign, String timestamp) {
        Long millis = timestamp == null ? null
                : timestamp.length() == 10 ? Long.parseLong(timestamp) * 1000 : Long.parseLong(timestamp);
        if (!replays.firstUse(merchant.id(), sign.toLowerCase(Locale.ROOT), millis)) {
            throw Rejection.SIGN_REPLAYED.with();
        }
    }

    /** {@code [0-9]{10}|[0-9]{13}} without a regex (String.matches compiles its pattern on every call). */
    private static boolean tenOrThirteenDigits(String text) {
        if (text.length() != 10 && text.length() != 13) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Checks the body timestamp: 10 or 13 digits, inside the window; absent is fine only when not required. */
    public void checkTimestamp(String text, boolean required) {
        if (text == null) {
            if (required) {
                throw Rejection.MISSING_FIELD.with("timestamp");
            }
            return;
        }
        if (!tenOrThirteenDigits(text)) {
            throw Rejection.BAD_TIMESTAMP.with();
        }
        long millis = text.length() == 10 ? Long.parseLong(text) * 1000 : Long.parseLong(text);
        if (window != null && Math.abs(System.currentTimeMillis() - millis) > window.toMillis()) {
            throw Rejection.STALE_TIMESTAMP.with(window.toSeconds() % 60 == 0
                    ? window.toMinutes() + " minutes" : window.toSeconds() + " seconds");
        }
    }
}
