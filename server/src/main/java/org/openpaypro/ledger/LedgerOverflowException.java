package org.openpaypro.ledger;

/**
 * A movement refused because a balance or a sum would leave the range the ledger holds (a signed 64-bit count of
 * 1/10,000 units, at most 922,337,203,685,477.5807): nothing of the movement is written (its transaction rolls
 * back). Answered as a clear refusal, never as an internal error.
 */
public final class LedgerOverflowException extends RuntimeException {
    /** The largest amount the ledger holds, as text in currency units. */
    public static final String LIMIT = "922337203685477.5807";
    private final String what;

    /** @param what the balance or sum that would overflow, e.g. "the AVAILABLE balance" */
    public LedgerOverflowException(String what) {
        super(what + " would exceed the largest amount the ledger holds (" + LIMIT + ")");
        this.what = what;
    }

    public String what() {
        return what;
    }
}
