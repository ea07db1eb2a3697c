package org.openpaypro.reports;

import java.time.LocalDate;

/**
 * What settlement made available to a merchant on one day (UTC) in one currency: trades settled, the net amount that
 * moved to AVAILABLE and the fees kept, in scale-4 units. Immutable.
 */
public record SettlementDay(LocalDate day, String currency, long trades, long availableUnits, long feeUnits) {
}
