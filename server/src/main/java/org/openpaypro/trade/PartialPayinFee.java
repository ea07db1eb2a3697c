package org.openpaypro.trade;

import java.math.BigInteger;

/**
 * The fee a pay-in pays on what was actually paid (DESIGN §5): a full payment pays the fee set at creation; a partial
 * one pays that fee in proportion to the paid part, rounded half-up to the unit. Pure; stateless, thread-safe.
 */
public final class PartialPayinFee {
    private PartialPayinFee() {
    }

    /** {@code feeUnits × paidUnits / amountUnits}, rounded half-up; exactly {@code feeUnits} for a full payment. */
    public static long onPaid(long amountUnits, long feeUnits, long paidUnits) {
        if (paidUnits == amountUnits) {
            return feeUnits;
        }
        return BigInteger.valueOf(feeUnits).multiply(BigInteger.valueOf(paidUnits))
                .add(BigInteger.valueOf(amountUnits / 2))
                .divide(BigInteger.valueOf(amountUnits)).longValueExact();
    }
}
