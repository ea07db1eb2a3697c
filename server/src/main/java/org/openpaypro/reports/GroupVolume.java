package org.openpaypro.reports;

import org.openpaypro.trade.Direction;

/**
 * Volume and success of one group of trades over a period: a merchant, or a country and channel, in one direction
 * and currency. {@code key} names the group ({@code merchantNo}, or {@code country/channel}). Immutable.
 */
public record GroupVolume(String key, Direction direction, String currency, long trades, long finished,
                          long succeeded, long volumeUnits) {
    /** Succeeded among finished trades, 0 to 1; 0 when none finished. */
    public double successRate() {
        return finished == 0 ? 0 : (double) succeeded / finished;
    }
}
