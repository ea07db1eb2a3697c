package org.openpaypro.protocol;

/**
 * A wire amount that is not acceptable. The message is written for the merchant and may be returned as the
 * envelope {@code msg} as is (e.g. "amount has more than 2 decimals").
 *
 * <p>Immutable, thread-safe.
 */
public final class AmountFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public AmountFormatException(String message) {
        super(message);
    }
}
