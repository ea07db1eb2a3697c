package org.openpaypro.trade;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When a successful pay-in's funds settle (DESIGN §5): T+0 settles at once; T+N settles at local midnight of the
 * trade's country, N days after the local date at {@code now}. Pure; stateless, thread-safe.
 */
public final class SettlementDate {
    private SettlementDate() {
    }

    public static Instant settleAt(Instant now, ZoneId zone, int delayDays) {
        if (delayDays == 0) {
            return now;
        }
        return LocalDate.ofInstant(now, zone).plusDays(delayDays).atStartOfDay(zone).toInstant();
    }
}
