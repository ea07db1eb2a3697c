package org.openpaypro.merchant;

/**
 * A fee: a rate in parts per million of the amount plus a fixed part, both in scale-4 units. The rate part is
 * rounded half-up to the unit (1/10,000 of the currency). Immutable.
 */
public record FeePlan(long ratePpm, long fixedUnits) {
    public static final FeePlan FREE = new FeePlan(0, 0);

    public long feeFor(long amountUnits) {
        long scaled = Math.multiplyExact(amountUnits, ratePpm);
        return Math.addExact((scaled + 500_000) / 1_000_000, fixedUnits);
    }
}
