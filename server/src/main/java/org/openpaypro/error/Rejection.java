package org.openpaypro.error;

import org.openpaypro.protocol.Codes;

/**
 * The one catalogue of reasons a merchant request is refused. Each entry has its wire {@code code}, a message
 * template (the {@code msg} of the envelope, {@code %s} filled per request) and whether retrying the same request
 * can succeed. Codes and messages are unique and documented in docs/ERRORS.md (a test keeps it so).
 */
public enum Rejection {
    MISSING_MERCHANT_NO(Codes.REJECTED, "missing merchantNo header", false),
    UNKNOWN_MERCHANT(Codes.REJECTED, "unknown merchantNo", false),
    MERCHANT_DISABLED(Codes.REJECTED, "merchant is disabled", false),
    WRONG_COUNTRY_PATH(Codes.REJECTED, "merchant belongs to country %s, not to this %s endpoint", false),
    ENDPOINT_NOT_IN_COUNTRY(Codes.REJECTED, "endpoint %s is not available for country %s", false),
    UNSUPPORTED_CONTENT_TYPE(Codes.REJECTED, "Content-Type must be application/json", false),
    BODY_TOO_LARGE(Codes.REJECTED, "body is larger than %s bytes", false),
    BODY_NOT_JSON(Codes.REJECTED, "body is not valid JSON", false),
    BODY_NOT_OBJECT(Codes.REJECTED, "body must be a JSON object", false),
    DUPLICATE_KEY(Codes.REJECTED, "duplicate field in body: %s", false),
    NESTED_VALUE(Codes.REJECTED, "field %s must be a string or a number", false),
    MISSING_SIGN(Codes.REJECTED, "missing sign (body field or header)", false),
    SIGN_CONFLICT(Codes.REJECTED, "sign in body and header differ", false),
    SIGN_MISMATCH(Codes.REJECTED, "sign mismatch", false),
    BAD_TIMESTAMP(Codes.REJECTED, "timestamp must be 10 or 13 digits", false),
    STALE_TIMESTAMP(Codes.REJECTED, "timestamp outside window of %s", true),
    MISSING_FIELD(Codes.REJECTED, "missing field: %s", false),
    INVALID_FIELD(Codes.REJECTED, "invalid %s: %s", false),
    INVALID_AMOUNT(Codes.REJECTED, "invalid amount: %s", false),
    AMOUNT_NOT_POSITIVE(Codes.REJECTED, "amount must be greater than 0", false),
    AMOUNT_BELOW_MIN(Codes.REJECTED, "amount is below the minimum of %s", false),
    AMOUNT_ABOVE_MAX(Codes.REJECTED, "amount exceeds the maximum of %s", false),
    AMOUNT_BELOW_FEE(Codes.REJECTED, "amount does not cover the fee of %s", false),
    NOTIFY_URL_FORBIDDEN(Codes.REJECTED, "notifyUrl must not point to a loopback, private, link-local or multicast "
            + "address", false),
    DUPLICATE_TRADE_NO(Codes.REJECTED, "duplicate tradeNo", false),
    ORDER_NOT_FOUND(Codes.REJECTED, "order not found", false),
    INSUFFICIENT_BALANCE(Codes.REJECTED, "insufficient balance", true),
    ACCOUNT_NOT_FOUND(Codes.REJECTED, "bank account not found", false),
    VOUCHER_UNAVAILABLE(Codes.REJECTED, "a voucher exists only for a successful trade", true),
    ORDER_ALREADY_FINAL(Codes.REJECTED, "order is already final", false),
    // Live mode and channels (issue 10, security 1): nothing is created without a real channel.
    NO_CHANNEL(Codes.REJECTED, "no payment channel is configured for %s %s", false),
    // Ledger limits (issue 10, security 9): a balance or sum that would overflow is refused, nothing written.
    BALANCE_LIMIT(Codes.REJECTED, "%s would exceed the largest amount the ledger holds "
            + "(922337203685477.5807)", false),
    // compatibility (issue 10): payinSubmit with both keys; a query refused before anything was looked up
    SUBMIT_KEYS_DIFFER(Codes.REJECTED, "tradeNo and platFormTradeNo name different orders", false),
    QUERY_NOT_LOOKED_UP(Codes.SYSTEM_ERROR, "system error: nothing was looked up (%s), the order's status is "
            + "unknown to this answer; retry the query with a fresh timestamp", true),
    // Merchant access (issue 13): IP allow-list and the optional HMAC-SHA256 request signature.
    ADDRESS_NOT_ALLOWED(Codes.REJECTED, "request from %s is not in the merchant's IP allow-list", false),
    HMAC_SIGNATURE_REQUIRED(Codes.REJECTED, "this merchant requires the X-OpenPayPro-Signature header "
            + "(HMAC-SHA256); the MD5 sign is refused", false),
    BAD_SIGNATURE_HEADER(Codes.REJECTED, "X-OpenPayPro-Signature must be t=<10 or 13 digits>,v1=<64 hex>", false),
    HMAC_MISMATCH(Codes.REJECTED, "X-OpenPayPro-Signature mismatch", false),
    // HTTP edge (issue 10: strict UTF-8, slow bodies, replays)
    UNSUPPORTED_CHARSET(Codes.REJECTED, "Content-Type charset must be utf-8", false),
    BODY_NOT_UTF8(Codes.REJECTED, "body must be UTF-8 without a byte order mark (UTF-16, UTF-32, overlong and "
            + "invalid sequences are refused)", false),
    BODY_TOO_SLOW(Codes.REJECTED, "body not received within %s", true),
    SIGN_REPLAYED(Codes.REJECTED, "sign already used within the timestamp window: this request did nothing; query "
            + "the order, then send a newly signed request (new timestamp) if needed", false),
    OUTCOME_UNKNOWN(Codes.SYSTEM_ERROR, "system error: outcome unknown, query the order before retrying", true);

    private final String code;
    private final String template;
    private final boolean retryable;

    Rejection(String code, String template, boolean retryable) {
        this.code = code;
        this.template = template;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public String template() {
        return template;
    }

    public boolean retryable() {
        return retryable;
    }

    public ApiException with(Object... args) {
        return new ApiException(this, args.length == 0 ? template : String.format(template, args));
    }
}
