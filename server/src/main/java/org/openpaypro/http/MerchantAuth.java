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
 * then the timestamp window. Reads only; every refusal is a catalogued {@link Rejection}. Thread-safe.
 */
public final class MerchantAuth {
    private final MerchantService merchants;
    private final Duration window;

    /** An authenticated request: who sent it and its parsed body. */
    public record Authenticated(Merchant merchant, Map<String, Object> body) {
    }

    public MerchantAuth(MerchantService merchants, Duration window) {
        this.merchants = merchants;
        this.window = window;
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
        checkTimestamp(RequestSpec.text(body, "timestamp"), timestampRequired);
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
