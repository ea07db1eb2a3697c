package org.openpaypro.country;

/** What a merchant endpoint does, whatever its country-specific path name. */
public enum Operation {
    PAYIN, PAYOUT, QUERY_PAYIN, QUERY_PAYOUT, BALANCE,
    /** Indonesia: check a bank account and return its holder's name. */
    ACCOUNT_VERIFY,
    /** Indonesia: a PDF receipt (proof) of a successful trade. */
    VOUCHER,
    /** Kenya: find a trade by its M-Pesa receipt code. */
    QUERY_BY_CODE,
    /** Bangladesh: the merchant submits the payer's wallet transaction id for a pay-in. */
    PAYIN_SUBMIT
}
