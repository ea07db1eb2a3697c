package org.openpaypro.http;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.openpaypro.country.RequestSpec;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.protocol.Signer;

/**
 * Authenticates a merchant request (spec §1.4, §2.2, §2.4; DESIGN §3): merchantNo header, body parsed as a flat
 * JSON object, sign from the body field or else the header, constant-time verification over every body field,
 * then the timestamp window, then the replay guard. Writes only the used sign ({@link ReplayGuard}); every
 * refusal is a catalogued {@link Rejection}. Thread-safe.
 */
public final class MerchantAuth {
    private final MerchantService merchants;
    private final Duration window;
    private final ReplayGuard replays;

    /** An authenticated request: who sent it and its parsed body. */
    public record Authenticated(Merchant merchant, Map<String, Object> body) {
    }

    public MerchantAuth(MerchantService merchants, Duration window, ReplayGuard replays) {
        this.merchants = merchants;
        this.window = window;
        this.replays = replays;
    }

    public Authenticated authenticate(String merchantNo, String contentType, String headerSign, byte[] rawBody,
                                      boolean timestampRequired) {
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
        Map<String, Object> body = JsonBody.parse(rawBody);
        String sign = chooseSign(body.get("sign"), headerSign);
        if (!Signer.verify(body, merchant.secret(), sign)) {
            throw Rejection.SIGN_MISMATCH.with();
        }
        if (!merchant.active()) {
            throw Rejection.MERCHANT_DISABLED.with();
        }
        String timestamp = RequestSpec.text(body, "timestamp");
        checkTimestamp(timestamp, timestampRequired);
        refuseReplay(merchant, sign, timestamp);
        return new Authenticated(merchant, body);
    }

    /** Bodies are UTF-8 only (the body itself is decoded strictly by {@link JsonBody}). */
    private static void requireUtf8Charset(String contentType) {
        if (!StrictUtf8.charsetAllowed(contentType)) {
            throw Rejection.UNSUPPORTED_CHARSET.with();
        }
    }

    private static String chooseSign(Object bodySign, String headerSign) {
        if (bodySign != null && !(bodySign instanceof String)) {
            throw Rejection.INVALID_FIELD.with("sign", "must be a string");
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

    /** Checks the body timestamp: 10 or 13 digits, inside the window; absent is fine only when not required. */
    public void checkTimestamp(String text, boolean required) {
        if (text == null) {
            if (required) {
                throw Rejection.MISSING_FIELD.with("timestamp");
            }
            return;
        }
        if (!text.matches("[0-9]{10}|[0-9]{13}")) {
            throw Rejection.BAD_TIMESTAMP.with();
        }
        long millis = text.length() == 10 ? Long.parseLong(text) * 1000 : Long.parseLong(text);
        if (window != null && Math.abs(System.currentTimeMillis() - millis) > window.toMillis()) {
            throw Rejection.STALE_TIMESTAMP.with(window.toSeconds() % 60 == 0
                    ? window.toMinutes() + " minutes" : window.toSeconds() + " seconds");
        }
    }
}
