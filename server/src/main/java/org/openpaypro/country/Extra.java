package org.openpaypro.country;

/** Country-specific additions to the shared answers and callbacks (spec §6.2). */
public enum Extra {
    /** Query answers carry {@code createTime} (local time of creation). EG, MX. */
    QUERY_CREATE_TIME,
    /** Query answers carry {@code receivedAmount} (what the payer actually paid). EG, MX. */
    QUERY_RECEIVED_AMOUNT,
    /** Payout query answers and callbacks carry {@code utr} (the bank's transfer reference). IN, MX. */
    UTR,
    /** The pay-in creation answer carries {@code serialNumber}. KE. */
    PAYIN_SERIAL_NUMBER,
    /** Pay-in callbacks carry the request's {@code channelCode} and {@code wayCode}. ID, NG. */
    CALLBACK_WAY_CODE,
    /**
     * Callbacks carry no {@code sign} and no {@code timestamp}, and {@code amount} as a JSON number with 4 decimals.
     * KE.
     */
    CALLBACK_UNSIGNED,
    /**
     * Query answers carry {@code orderAmount} (as requested) and, once final, {@code payAmount} (what was paid or
     * sent; {@code 0} on failure). ID, MX.
     */
    QUERY_ORDER_AND_PAY_AMOUNT,
    /** Pay-in query answers carry the request's {@code channelCode} and {@code wayCode}. ID. */
    QUERY_WAY_CODE
}
