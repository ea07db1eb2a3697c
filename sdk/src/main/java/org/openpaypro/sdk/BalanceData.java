package org.openpaypro.sdk;

import com.fasterxml.jackson.annotation.JsonAlias;
import org.openpaypro.protocol.Amounts;

/**
 * {@code data} of a balance inquiry (spec §3.5): wire amounts in major units with up to 4 decimals. The
 * {@code ...Units()} methods give exact {@code long} amounts in 1/10,000 of the currency, never floating point.
 *
 * <p>Immutable; thread-safe.
 */
public record BalanceData(@JsonAlias("availablAmount") String availableAmount, String freezeAmount,
        String unsettledAmount) {

    /**
     * Spendable balance in units of 1/10,000.
     *
     * @throws org.openpaypro.protocol.AmountFormatException if the field is missing or not a plain decimal
     */
    public long availableUnits() {
        return Amounts.parseSigned(availableAmount, Amounts.SCALE);
    }

    /** Frozen amount in units of 1/10,000; same failure as {@link #availableUnits()}. */
    public long freezeUnits() {
        return Amounts.parseSigned(freezeAmount, Amounts.SCALE);
    }

    /** Collected but not yet settled amount in units of 1/10,000; same failure as {@link #availableUnits()}. */
    public long unsettledUnits() {
        return Amounts.parseSigned(unsettledAmount, Amounts.SCALE);
    }
}
