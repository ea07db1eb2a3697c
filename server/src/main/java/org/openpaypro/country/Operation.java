package org.openpaypro.country;

/** What a merchant endpoint does, whatever its country-specific path name. */
public enum Operation {
    PAYIN, PAYOUT, QUERY_PAYIN, QUERY_PAYOUT, BALANCE
}
