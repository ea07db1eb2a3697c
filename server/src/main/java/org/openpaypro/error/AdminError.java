package org.openpaypro.error;

/**
 * The one catalogue of reasons an operator (or sandbox) API call is refused (DESIGN §9, §14). Each entry has its
 * HTTP status (always a 4xx) and a message template, the {@code error} of the answer {@code {"error": ...}} with
 * {@code %s} filled per request (a field name, a value, a limit; {@code %%} is a literal {@code %}). Messages are
 * unique and documented in docs/ERRORS.md (a test keeps it so, and one that every entry is produced by a request).
 */
public enum AdminError {
    // Authentication and roles (DESIGN §14)
    UNAUTHENTICATED(401, "missing or wrong bearer token"),
    AUTH_THROTTLED(429, "too many failed authentication attempts from %s: retry in %s s"),
    ROLE_FORBIDDEN(403, "role %s may not call %s %s (allowed: %s)"),
    // Request bodies and parameters
    UNSUPPORTED_CHARSET(400, "Content-Type charset must be utf-8"),
    BODY_NOT_UTF8(400, "body must be UTF-8 without a byte order mark (UTF-16, UTF-32, overlong and invalid "
            + "sequences are refused)"),
    BODY_NOT_JSON(400, "body is not valid JSON"),
    BODY_NOT_OBJECT(400, "body must be a JSON object"),
    UNKNOWN_FIELD(400, "unknown field: %s (allowed: %s)"),
    MISSING_FIELD(400, "missing field: %s"),
    TEXT_MALFORMED(400, "%s must be a string of 1-%s characters without control characters or unpaired "
            + "surrogates"),
    VALUE_NOT_A_NUMBER(400, "%s: value must be a plain decimal number"),
    VALUE_TOO_MANY_DECIMALS(400, "%s: value has more than %s decimals"),
    VALUE_TOO_LARGE(400, "%s: value is too large"),
    RATE_MALFORMED(400, "%s must be a decimal rate from 0 to 1 with at most 6 decimals, e.g. \"0.015\" for 1.5%%"),
    WHOLE_NUMBER_OUT_OF_RANGE(400, "%s must be a whole number from %s to %s"),
    TEXTS_NOT_AN_ARRAY(400, "%s must be an array of at most %s strings"),
    TEXTS_ITEM_MALFORMED(400, "%s must hold strings of 1-%s characters"),
    NOTHING_TO_CHANGE(400, "nothing to change: send at least one of %s"),
    // Merchants, their access and settings
    UNKNOWN_COUNTRY(400, "country must be one of %s"),
    NOTIFY_URL_MALFORMED(400, "notifyUrl must be an http(s) URL with a host"),
    NOTIFY_URL_FORBIDDEN(400, "notifyUrl must not point to a loopback, private, link-local, multicast, "
            + "special-purpose (IANA) or own address in live mode"),
    FEE_ABOVE_MAX(400, "%s must be at most %s, the largest amount of a %s trade"),
    MERCHANT_NOT_FOUND(404, "no merchant %s"),
    MERCHANT_STATUS_UNKNOWN(400, "status must be ACTIVE or DISABLED"),
    SIGNATURE_SCHEME_UNKNOWN(400, "signatureScheme must be MD5 or HMAC_SHA256"),
    CIDR_MALFORMED(400, "not an IPv4/IPv6 CIDR: %s (e.g. 203.0.113.0/24 or 2001:db8::/32)"),
    MERCHANT_ROLE_UNKNOWN(400, "role must be one of OWNER, DEVELOPER, VIEWER"),
    MERCHANT_USER_EMAIL_MALFORMED(400, "email must look like name@example.com"),
    MERCHANT_USER_EXISTS(409, "a merchant user with email %s already exists"),
    // Adjustments and the four-eyes rule (DESIGN §14)
    ADJUSTMENT_ZERO(400, "amount must not be 0"),
    ADJUSTMENT_TOO_LARGE(400, "amount must be at most %s either way (the limit of one adjustment)"),
    ADJUSTMENT_INSUFFICIENT_BALANCE(409, "insufficient available balance for a debit of %s"),
    APPROVAL_INSUFFICIENT_BALANCE(409, "insufficient available balance for a debit of %s: request %s stays pending"),
    ADJUSTMENT_STATUS_UNKNOWN(400, "status must be PENDING_APPROVAL, APPLIED or REJECTED"),
    ADJUSTMENT_NOT_FOUND(404, "no adjustment request %s"),
    ADJUSTMENT_FINISHED(409, "adjustment request %s is already %s: nothing moved"),
    ADJUSTMENT_OWN_REQUEST(403, "adjustment request %s was requested by %s: a second operator must approve it"),
    BALANCE_LIMIT(409, "%s would exceed the largest amount the ledger holds (922337203685477.5807)"),
    // Trades, sandbox results and settlement
    TRADE_NOT_FOUND(404, "no trade %s"),
    TRADE_STILL_PROCESSING(409, "trade %s is still processing: nothing to notify"),
    RESULT_NOT_FINAL(400, "status must be 0000 (success), 00029 (failed) or 0001 (partial pay-in)"),
    PARTIAL_NOT_AVAILABLE(400, "partial payment (0001) exists only for pay-ins of countries that have it (ID, MX), "
            + "not for this %s %s"),
    PARTIAL_NOT_BELOW_AMOUNT(400, "a partial payment needs a paidAmount below the trade amount"),
    PAID_AMOUNT_NOT_POSITIVE(400, "paid amount must be positive and at most the trade amount"),
    AS_OF_MALFORMED(400, "asOf must be an ISO-8601 instant from 1970 to 9999 such as 2026-11-29T03:00:00Z"),
    // Operators and their tokens (DESIGN §14)
    OPERATOR_EMAIL_MALFORMED(400, "email must be an address such as ops@example.com (at most 254 characters)"),
    OPERATOR_ROLE_UNKNOWN(400, "role must be one of OWNER, ADMIN, FINANCE, SUPPORT"),
    OPERATOR_EXISTS(409, "operator %s exists already"),
    OPERATOR_NOT_FOUND(404, "no operator %s"),
    TOKEN_NAME_MALFORMED(400, "name must be 1-64 characters of A-Z a-z 0-9 . _ -"),
    TOKEN_EXISTS(409, "operator %s has a live token named %s already"),
    TOKEN_NOT_FOUND(404, "operator %s has no live token named %s"),
    // Channels and routing (DESIGN §13)
    CHANNEL_NAME_MALFORMED(400, "name must be 1-32 characters of a-z, 0-9, _ and -, starting with a letter or digit"),
    CHANNEL_TYPE_UNKNOWN(400, "type must be one of %s%s"),
    CHANNEL_EXISTS(409, "channel %s exists already"),
    CHANNEL_NOT_FOUND(404, "no channel %s"),
    CHANNEL_TYPE_NOT_OFFERED(400, "channel %s is of type %s, which this mode does not offer"),
    CHANNEL_OPERATION_UNKNOWN(404, "operation must be PAYIN or PAYOUT, not %s"),
    ROUTE_COUNTRY_UNKNOWN(404, "no country %s"),
    ROUTE_CHANNEL_TWICE(400, "channel %s appears twice in the route"),
    ROUTE_WEIGHT_OUT_OF_RANGE(400, "weight of %s must be 0 to %s"),
    ROUTE_CHANNEL_NOT_FOUND(400, "the route names no channel %s"),
    ROUTE_CHANNEL_NOT_SERVING(400, "channel %s does not serve %s %s (it serves %s %s)"),
    ROUTE_NOT_A_LIST(400, "channels must be a list of {\"name\",\"weight\"}"),
    ROUTE_ENTRY_MALFORMED(400, "each route entry must be {\"name\": text, \"weight\": 0 to 1000000}"),
    WEBHOOK_NOT_REGISTERED(409, "the rail did not take the webhook URL: %s"),
    CHANNEL_SETTING_UNKNOWN(400, "%s.%s is not a %s of %s"),
    CHANNEL_SETTING_INVALID(400, "channel setting %s"),
    CHANNEL_LIST_EMPTY(400, "%s must be a non-empty list"),
    CHANNEL_LIST_VALUE_UNKNOWN(400, "%s may hold only %s, not %s"),
    CHANNEL_STATUS_UNKNOWN(400, "status must be ENABLED or DISABLED"),
    TEXT_REQUIRED(400, "%s is required (text)"),
    TEXTS_REQUIRED(400, "%s must be a list of text"),
    SETTINGS_NOT_AN_OBJECT(400, "%s must be an object"),
    SETTING_TOO_LONG(400, "%s.%s is longer than %s characters"),
    SETTING_NOT_SCALAR(400, "%s.%s must be text, a number or a boolean"),
    // Trade lists and exports (issue 14)
    TRADE_FILTER_INVALID(400, "trade filter: %s"),
    // API reference pages (/docs)
    DOCS_ASSET_NOT_FOUND(404, "no such asset: %s");

    private final int status;
    private final String template;

    AdminError(int status, String template) {
        this.status = status;
        this.template = template;
    }

    public int status() {
        return status;
    }

    public String template() {
        return template;
    }

    public AdminException with(Object... args) {
        return new AdminException(this, String.format(template, args));
    }
}
