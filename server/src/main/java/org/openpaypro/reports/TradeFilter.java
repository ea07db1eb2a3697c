package org.openpaypro.reports;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import org.openpaypro.protocol.TradeStatus;
import org.openpaypro.trade.Direction;

/**
 * What a trade search or export matches: one merchant or all ({@code merchantId} null), direction, status, a
 * created-date range in UTC (both ends inclusive), a merchant's {@code tradeNo} or our {@code platFormTradeNo}.
 * Every part is optional. Immutable.
 */
public record TradeFilter(Long merchantId, Direction direction, TradeStatus status, LocalDate createdFrom,
                          LocalDate createdTo, String tradeNo, String platformTradeNo) {
    /** The longest date range a filter may span; ten years keeps the bounds far from timestamp limits. */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2999, 12, 31);

    public TradeFilter {
        if (createdFrom != null && createdTo != null && createdTo.isBefore(createdFrom)) {
            throw new IllegalArgumentException("the date range ends (" + createdTo + ") before it starts ("
                    + createdFrom + ")");
        }
        tradeNo = blankToNull(tradeNo);
        platformTradeNo = blankToNull(platformTradeNo);
    }

    /** Everything of one merchant (or of all when {@code merchantId} is null). */
    public static TradeFilter all(Long merchantId) {
        return new TradeFilter(merchantId, null, null, null, null, null, null);
    }

    public TradeFilter withMerchant(Long merchant) {
        return new TradeFilter(merchant, direction, status, createdFrom, createdTo, tradeNo, platformTradeNo);
    }

    /**
     * Reads the filter from request parameters named {@code direction} (PAYIN / PAYOUT), {@code status} (wire code
     * 0000, 0015, 0001, 00029), {@code from} and {@code to} (YYYY-MM-DD), {@code tradeNo}, {@code platFormTradeNo};
     * missing or empty parameters do not filter. The merchant is not read here: the caller decides whose trades
     * these are.
     *
     * @throws IllegalArgumentException with a message naming the parameter and what it accepts
     */
    public static TradeFilter fromParameters(Long merchantId, Function<String, String> parameter) {
        return new TradeFilter(merchantId, direction(parameter.apply("direction")), status(parameter.apply("status")),
                date("from", parameter.apply("from")), date("to", parameter.apply("to")),
                text("tradeNo", parameter.apply("tradeNo"), 64), text("platFormTradeNo",
                        parameter.apply("platFormTradeNo"), 32));
    }

    java.time.Instant createdFromInstant() {
        return createdFrom == null ? null : createdFrom.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    java.time.Instant createdBeforeInstant() {
        return createdTo == null ? null : createdTo.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Direction direction(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return Direction.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("direction must be PAYIN or PAYOUT");
        }
    }

    private static TradeStatus status(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return TradeStatus.fromWire(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be 0000 (success), 0015 (processing), 0001 (partial) "
                    + "or 00029 (failed)");
        }
    }

    private static LocalDate date(String name, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date such as 2026-11-29");
        }
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw new IllegalArgumentException(name + " must be a date from " + EARLIEST + " to " + LATEST);
        }
        return date;
    }

    private static String text(String name, String value, int maxLength) {
        String trimmed = blankToNull(value);
        if (trimmed == null) {
            return null;
        }
        if (trimmed.length() > maxLength || !trimmed.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(name + " must be at most " + maxLength
                    + " printable ASCII characters without spaces");
        }
        return trimmed;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
