package org.openpaypro.web;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

/**
 * The one place that turns an amount into text for a page: scale-4 units (the ledger's, DESIGN §5) shown with the
 * currency's own number of decimals and thousands separators, followed by its ISO code ({@code 1,234.50 BRL});
 * an amount with more precision than the currency shows keeps all its decimals instead of being rounded, so a page
 * never shows a number the ledger does not hold. Stateless, thread-safe.
 */
public final class Money {
    private static final int SCALE = 4;

    private Money() {
    }

    public static String format(long scale4Units, String currency) {
        return number(scale4Units, currency) + " " + currency;
    }

    /** The number alone ({@code 1,234.50}), for tables whose header names the currency. */
    public static String number(long scale4Units, String currency) {
        BigDecimal exact = BigDecimal.valueOf(scale4Units, SCALE);
        int digits = fractionDigits(currency);
        BigDecimal stripped = exact.stripTrailingZeros();
        BigDecimal shown = stripped.scale() <= digits ? exact.setScale(digits) : stripped;
        return String.format(Locale.ROOT, "%,." + shown.scale() + "f", shown);
    }

    private static int fractionDigits(String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return Math.max(digits, 0);
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return 2;
        }
    }
}
