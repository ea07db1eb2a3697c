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
    // Field values (issue 11): one entry per way a value can be wrong; the first %s is the field's name. A rule
    // chosen by another field (bankNumber by bankType) says so at the end: "... for bankType CPF".
    FIELD_NOT_TEXT(Codes.REJECTED, "invalid %s: must be a string", false),
    NUMBER_TOO_LONG(Codes.REJECTED, "invalid %s: number needs more than %s digits as plain text", false),
    UNPAIRED_SURROGATE(Codes.REJECTED, "invalid %s: contains an unpaired UTF-16 surrogate (\\ud800-\\udfff)", false),
    TEXT_MALFORMED(Codes.REJECTED, "invalid %s: must be 1-%s characters without control characters", false),
    TEXT_MALFORMED_FOR_SELECTOR(Codes.REJECTED, "invalid %s: must be 1-%s characters without control characters "
            + "for %s %s", false),
    NOT_ONE_OF(Codes.REJECTED, "invalid %s: must be one of %s", false),
    NOT_ONE_OF_FOR_SELECTOR(Codes.REJECTED, "invalid %s: must be one of %s for %s %s", false),
    NOT_ONE_OF_NOR_NUMERIC(Codes.REJECTED, "invalid %s: must be one of %s, or a numeric code", false),
    NOT_IN_LIST(Codes.REJECTED, "invalid %s: must be a code of the %s %s list (%s)", false),
    NOT_IN_LIST_FOR_SELECTOR(Codes.REJECTED, "invalid %s: must be a code of the %s %s list (%s) for %s %s", false),
    NOT_IN_LONG_LIST(Codes.REJECTED, "invalid %s: must be a code of the %s %s list (%s codes, see "
            + "docs/countries/%s.md)", false),
    NOT_IN_LONG_LIST_FOR_SELECTOR(Codes.REJECTED, "invalid %s: must be a code of the %s %s list (%s codes, see "
            + "docs/countries/%s.md) for %s %s", false),
    DIGITS_WRONG_COUNT(Codes.REJECTED, "invalid %s: must be %s digits", false),
    DIGITS_WRONG_COUNT_FOR_SELECTOR(Codes.REJECTED, "invalid %s: must be %s digits for %s %s", false),
    EMAIL_MALFORMED(Codes.REJECTED, "invalid %s: must be an e-mail address", false),
    EMAIL_MALFORMED_FOR_SELECTOR(Codes.REJECTED, "invalid %s: must be an e-mail address for %s %s", false),
    GMAIL_REQUIRED(Codes.REJECTED, "invalid %s: must be a Gmail address (...@gmail.com)", false),
    URL_MALFORMED(Codes.REJECTED, "invalid %s: must be an http(s) URL with a host, at most %s characters", false),
    SELECTOR_MISSING(Codes.REJECTED, "invalid %s: only valid together with %s", false),
    NO_WAY_CODES(Codes.REJECTED, "invalid %s: no way codes are configured for %s %s", false),
    // Identifiers of the merchant API (issue 11)
    TRADE_NO_MALFORMED(Codes.REJECTED, "invalid %s: must be 1-64 characters of A-Z, a-z, 0-9, _ and -", false),
    PLATFORM_TRADE_NO_MALFORMED(Codes.REJECTED, "invalid %s: must be 16 characters of 0-9 and a-z", false),
    RECEIPT_CODE_MALFORMED(Codes.REJECTED, "invalid %s: must be 6-32 letters and digits", false),
    TRANSACTION_ID_MALFORMED(Codes.REJECTED, "invalid %s: must be 4-64 characters of A-Z, a-z, 0-9, _ and -", false),
    // Country fields (issue 11): the shapes one country's rules ask for, as its guide words them
    BR_MOBILE_MALFORMED(Codes.REJECTED, "invalid %s: must be 8-15 digits with an optional leading +", false),
    PIX_PHONE_KEY_MALFORMED(Codes.REJECTED, "invalid %s: must be a phone number of 10-13 digits with an optional "
            + "leading + (e.g. +5511987654321) for %s %s", false),
    PIX_RANDOM_KEY_MALFORMED(Codes.REJECTED, "invalid %s: must be a random key (UUID such as "
            + "123e4567-e89b-12d3-a456-426614174000) for %s %s", false),
    PK_MOBILE_MALFORMED(Codes.REJECTED, "invalid %s: must be 10 digits starting with 3 or 11 digits starting with 03",
            false),
    PK_WALLET_NUMBER_MALFORMED(Codes.REJECTED, "invalid %s: must be 10 digits starting with 3 or 11 digits starting "
            + "with 03 for %s %s", false),
    PK_BANK_ACCOUNT_MALFORMED(Codes.REJECTED, "invalid %s: must be 6-24 letters and digits (account number or IBAN) "
            + "for %s %s", false),
    CNIC_MALFORMED(Codes.REJECTED, "invalid %s: must be a CNIC of 13 digits (optionally written XXXXX-XXXXXXX-X)",
            false),
    CUST_ID_MALFORMED(Codes.REJECTED, "invalid %s: must be 1-64 visible ASCII characters without spaces", false),
    CUST_ID_REQUIRED(Codes.REJECTED, "missing field: custId (required when amount exceeds %s)", false),
    IN_MOBILE_MALFORMED(Codes.REJECTED, "invalid %s: must be 10 digits starting with 6, 7, 8 or 9, optionally "
            + "preceded by 91 (e.g. 8234567890)", false),
    IP_ADDRESS_MALFORMED(Codes.REJECTED, "invalid %s: must be an IPv4 or IPv6 address", false),
    IFSC_MALFORMED(Codes.REJECTED, "invalid %s: must be an IFSC of 11 characters: 4 letters, 0, 6 letters or digits "
            + "(e.g. SBIN0001234)", false),
    ID_MOBILE_MALFORMED(Codes.REJECTED, "invalid %s: must be 10-13 digits starting with 08 or 628", false),
    KE_MOBILE_MALFORMED(Codes.REJECTED, "invalid %s: must be 12 digits starting 2547 or 2541 (e.g. 254712345678)",
            false),
    MX_MOBILE_MALFORMED(Codes.REJECTED, "invalid %s: must be 10 digits, optionally preceded by 52 (e.g. 5512345678)",
            false),
    NG_MOBILE_MALFORMED(Codes.REJECTED, "invalid %s: must be 6-15 digits, optionally preceded by +", false),
    NUBAN_MALFORMED(Codes.REJECTED, "invalid %s: must be a 10-digit NUBAN account number", false),
    PH_RETURN_URL_MALFORMED(Codes.REJECTED, "invalid %s: must be an http(s) URL with a host, or a host name with an "
            + "optional path (e.g. www.example.com/done), at most 2048 characters", false),
    VN_NAME_NOT_LATIN(Codes.REJECTED, "invalid %s: must be 1-100 Latin letters without Vietnamese diacritics (A-Z, "
            + "a-z, space, . ' -), starting with a letter", false),
    EG_MOBILE_MALFORMED(Codes.REJECTED, "invalid %s: must be 11 digits starting 010 to 018 (e.g. 01012345678)",
            false),
    EG_WALLET_NUMBER_MALFORMED(Codes.REJECTED, "invalid %s: must be the wallet's mobile number, 11 digits starting "
            + "010 to 018 (e.g. 01012345678)", false),
    BD_WALLET_NUMBER_MALFORMED(Codes.REJECTED, "invalid %s: must be 11 digits starting with 01 (e.g. 01712345678)",
            false),
    // Amounts (issue 11): what was wrong with the text, from AmountFormatException.Reason
    AMOUNT_NOT_A_NUMBER(Codes.REJECTED, "invalid amount: amount must be a plain decimal number", false),
    AMOUNT_NOT_WHOLE(Codes.REJECTED, "invalid amount: amount must be a whole number", false),
    AMOUNT_TOO_MANY_DECIMALS(Codes.REJECTED, "invalid amount: amount has more than %s decimals", false),
    AMOUNT_TOO_LONG(Codes.REJECTED, "invalid amount: amount is too long", false),
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
