package org.openpaypro.reports;

import java.time.LocalDate;
import org.openpaypro.trade.Direction;

/**
 * One day (UTC) of one direction in one currency: trades created, how many finished, how many succeeded (success or
 * partial) and the volume they moved in scale-4 units. The success rate counts only finished trades. Immutable.
 */
public record DayVolume(LocalDate day, Direction direction, String currency, long trades, long finished,
                        long succeeded, long volumeUnits) {
    /** Succeeded among finished trades, 0 to 1; 0 when none finished. */
    public double successRate() {
        return finished == 0 ? 0 : (double) succeeded / finished;
    }
}
