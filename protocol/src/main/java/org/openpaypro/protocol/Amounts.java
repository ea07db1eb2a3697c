package org.openpaypro.protocol;

/**
 * Conversion between wire amounts (plain decimal strings in major currency units) and internal amounts ({@code long}
 * units of 1/10,000, DESIGN §5). Never rounds: too many decimals is a rejection when parsing and an error when
 * formatting. No floating point anywhere.
 *
 * <p>Thread-safe: stateless.
 */
public final class Amounts {

    /** Internal amounts are units of 10^-SCALE of the currency. */
    public static final int SCALE = 4;

    /** Longest accepted wire text; far above any real amount, it only bounds the work done on hostile input. */
    public static final int MAX_TEXT_LENGTH = 40;

    private static final long UNITS_PER_MAJOR = 10_000L;
    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L};

    private Amounts() {
    }

    /**
     * Parses a non-negative plain decimal ({@code ^[0-9]+(\.[0-9]+)?$}) with at most {@code maxDecimals} fraction
     * digits. Zero is accepted; callers check the lower bound.
     *
     * @throws AmountFormatException with a wire-ready message when the text is not acceptable
     * @throws IllegalArgumentException if {@code maxDecimals} is not in 0..4
     */
    public static long parse(String text, int maxDecimals) {
        checkDecimals(maxDecimals);
        if (text == null) {
            throw new AmountFormatException(AmountFormatException.Reason.MISSING, "amount is missing");
        }
        return parseUnsigned(text, 0, maxDecimals);
    }

    /** Like {@link #parse(String, int)} but allows one leading {@code '-'}. */
    public static long parseSigned(String text, int maxDecimals) {
        checkDecimals(maxDecimals);
        if (text == null) {
            throw new AmountFormatException(AmountFormatException.Reason.MISSING, "amount is missing");
        }
        if (!text.isEmpty() && text.charAt(0) == '-') {
            return -parseUnsigned(text, 1, maxDecimals);
        }
        return parseUnsigned(text, 0, maxDecimals);
    }

    /**
     * Renders {@code units} with exactly {@code decimals} fraction digits ({@code format(3000000, 2)} is "300.00").
     *
     * @throws IllegalArgumentException if the value has more precision than {@code decimals} (no truncation) or
     *         {@code decimals} is not in 0..4
     */
    public static String format(long units, int decimals) {
        checkDecimals(decimals);
        long droppedDivisor = POWERS_OF_TEN[SCALE - decimals];
        if (units % droppedDivisor != 0) {
            throw new IllegalArgumentException(
                    "amount of " + units + " units has more than " + decimals + " decimals; refusing to truncate");
        }
        // Work on quotient and remainder separately so Long.MIN_VALUE needs no negation.
        long whole = Math.abs(units / UNITS_PER_MAJOR);
        long fraction = Math.abs(units % UNITS_PER_MAJOR);
        StringBuilder builder = new StringBuilder(24);
        if (units < 0) {
            builder.append('-');
        }
        builder.append(whole);
        if (decimals > 0) {
            String fractionDigits = Long.toString(fraction / droppedDivisor);
            builder.append('.');
            for (int i = fractionDigits.length(); i < decimals; i++) {
                builder.append('0');
            }
            builder.append(fractionDigits);
        }
        return builder.toString();
    }

    /** Shortest exact form: "300", "10.5", "0.0001", "-2.25". */
    public static String formatTrimmed(long units) {
        int decimals = SCALE;
        while (decimals > 0 && units % POWERS_OF_TEN[SCALE - decimals + 1] == 0) {
            decimals--;
        }
        return format(units, decimals);
    }

    private static long parseUnsigned(String text, int start, int maxDecimals) {
        int length = text.length();
        if (length > MAX_TEXT_LENGTH) {
            throw new AmountFormatException(AmountFormatException.Reason.TOO_LONG, "amount is too long");
        }
        int index = start;
        long units = 0;
        try {
            int wholeStart = index;
            while (index < length && isDigit(text.charAt(index))) {
                units = Math.addExact(Math.multiplyExact(units, 10L), text.charAt(index) - '0');
                index++;
            }
            if (index == wholeStart) {
                throw notPlain();
            }
            units = Math.multiplyExact(units, UNITS_PER_MAJOR);
            if (index == length) {
                return units;
            }
            if (text.charAt(index) != '.') {
                throw notPlain();
            }
            index++;
            int fractionStart = index;
            while (index < length && isDigit(text.charAt(index))) {
                index++;
            }
            int fractionDigits = index - fractionStart;
            if (index != length || fractionDigits == 0) {
                throw notPlain();
            }
            if (fractionDigits > maxDecimals) {
                throw maxDecimals == 0
                        ? new AmountFormatException(AmountFormatException.Reason.NOT_WHOLE,
                                "amount must be a whole number")
                        : new AmountFormatException(AmountFormatException.Reason.TOO_MANY_DECIMALS,
                                "amount has more than " + maxDecimals + " decimals");
            }
            long fraction = Long.parseLong(text, fractionStart, length, 10);
            return Math.addExact(units, fraction * POWERS_OF_TEN[SCALE - fractionDigits]);
        } catch (ArithmeticException overflow) {
            throw new AmountFormatException(AmountFormatException.Reason.TOO_LARGE, "amount is too large");
        }
    }

    private static boolean isDigit(char character) {
        return character >= '0' && character <= '9';
    }

    private static AmountFormatException notPlain() {
        return new AmountFormatException(AmountFormatException.Reason.NOT_PLAIN,
                "amount must be a plain decimal number");
    }

    private static void checkDecimals(int decimals) {
        if (decimals < 0 || decimals > SCALE) {
            throw new IllegalArgumentException("decimals must be 0.." + SCALE + " but was " + decimals);
        }
    }
}
