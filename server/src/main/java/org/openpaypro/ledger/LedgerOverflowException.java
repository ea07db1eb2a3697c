package org.openpaypro.ledger;

import java.sql.SQLException;

/**
 * A movement refused because a balance or a sum would leave the range the ledger holds (a signed 64-bit count of
 * 1/10,000 units, at most 922,337,203,685,477.5807): nothing of the movement is written (its transaction rolls
 * back). Answered as a clear refusal, never as an internal error.
 */
public final class LedgerOverflowException extends RuntimeException {
    /** The largest amount the ledger holds, as text in currency units. */
    public static final String LIMIT = "922337203685477.5807";
    /** PostgreSQL's numeric_value_out_of_range, e.g. "bigint out of range". */
    private static final String OUT_OF_RANGE = "22003";

    private final String what;

    /** @param what the balance or sum that would overflow, e.g. "the AVAILABLE balance" */
    public LedgerOverflowException(String what) {
        super(what + " would exceed the largest amount the ledger holds (" + LIMIT + ")");
        this.what = what;
    }

    public String what() {
        return what;
    }

    /** Whether {@code error} (or one of its causes) is the database refusing a value out of range. */
    static boolean isOutOfRange(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && OUT_OF_RANGE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
