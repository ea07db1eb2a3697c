package org.openpaypro.protocol;

/**
 * A wire amount that is not acceptable. The message is written for the merchant (e.g. "amount has more than 2
 * decimals"); {@link #reason()} says what was wrong, so a caller picks its own answer without reading the text.
 *
 * <p>Immutable, thread-safe.
 */
public final class AmountFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the amount text. */
    public enum Reason {
        /** No text at all. */
        MISSING,
        /** Longer than any amount can be written. */
        TOO_LONG,
        /** Not {@code ^[0-9]+(\.[0-9]+)?$}. */
        NOT_PLAIN,
        /** A fraction where the currency has no decimals. */
        NOT_WHOLE,
        /** More fraction digits than allowed. */
        TOO_MANY_DECIMALS,
        /** Larger than the ledger's scale-4 long holds. */
        TOO_LARGE
    }

    private final Reason reason;

    /** A refusal whose reason is not one of the typed ones' business: counted as {@link Reason#NOT_PLAIN}. */
    public AmountFormatException(String message) {
        this(Reason.NOT_PLAIN, message);
    }

    public AmountFormatException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
