package org.openpaypro.openapi;

import org.openpaypro.country.Operation;

/** The prose of the OpenAPI documents, kept apart from their structure. Constants only. */
final class Texts {
    private Texts() {
    }

    static final String MERCHANT_INTRO = "The PayPro merchant API as OpenPayPro serves it (spec: PAYPRO-API.md, "
            + "per-country rules: docs/countries/). Every call is a POST of a JSON object with the merchantNo header "
            + "and an MD5 sign (or the X-OpenPayPro-Signature HMAC). Every answer is HTTP 200 with the envelope: read "
            + "code first (0000 accepted, 8000 refused and nothing changed, 5000 outcome unknown: query), then "
            + "data.status (0000 success, 0015 in progress, 0001 partly paid, 00029 failed). Each msg is listed in "
            + "docs/ERRORS.md. Paths exist under the country base path (e.g. /brz-pay/v1/paypro/payin) and under the "
            + "bare family path (/v1/paypro/payin), where the merchant's own country applies.";

    static final String MERCHANT_SECURITY = "The merchant number (10 digits). The body carries sign = MD5 of the "
            + "sorted non-empty key=value pairs joined without separator, followed by the merchant key (spec §2); it "
            + "may travel in the sign header instead.";

    static final String HMAC_SECURITY = "Optional, and required once the merchant opted in (signatureScheme "
            + "HMAC_SHA256): t=<epoch ms>,v1=<hex HMAC-SHA256 keyed with the merchant key of t LF METHOD LF path LF "
            + "body> (docs/OPERATIONS.md \"Stronger request signature\"). Then the MD5 sign is refused.";

    static final String NOTIFY = "Sent once the trade is final (never for 0015), at least once: retried after 2 s, "
            + "5 s, 10 s, 30 s, 1 h, 3 h, 3 h, 3 h until the answer is HTTP 2xx with the body OK. Verify sign like a "
            + "request sign (MD5 over every field but sign, with the merchant key); be idempotent on tradeNo.";

    static final String NOTIFY_UNSIGNED = "Kenya: like every callback, but without sign and timestamp, and amount as "
            + "a JSON number with 4 decimals. Confirm by a query before acting on it.";

    static final String ADMIN_INTRO = "The operator API (DESIGN §9, §13, §14; docs/OPERATIONS.md). Every call needs "
            + "Authorization: Bearer <token>: the bootstrap token (OWNER) or a personal operator token. Each operation "
            + "names the roles it allows (x-roles); another role gets 403, no or a wrong token 401. Errors are "
            + "{\"error\": text} with a 4xx (503 while the database is unavailable); a refused call changes nothing.";

    static String operation(Operation operation) {
        return switch (operation) {
            case PAYIN -> "Create a pay-in. data.status is 0015 until the payer pays; the result comes by callback "
                    + "(webhooks) and by query.";
            case PAYOUT -> "Create a payout: the amount plus fee is frozen at once; the result comes by callback and "
                    + "by query.";
            case QUERY_PAYIN -> "The state of one pay-in by the merchant's tradeNo.";
            case QUERY_PAYOUT -> "The state of one payout by the merchant's tradeNo.";
            case BALANCE -> "The merchant's available, frozen and unsettled balance.";
            case ACCOUNT_VERIFY -> "Check a bank account and return its holder's name.";
            case VOUCHER -> "A short-lived link to the PDF receipt of a successful trade.";
            case QUERY_BY_CODE -> "Find a trade by its M-Pesa receipt code.";
            case PAYIN_SUBMIT -> "Submit the payer's wallet transaction id for a pay-in.";
        };
    }
}
