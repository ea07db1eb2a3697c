package org.openpaypro.trade;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The pro-rata fee of a partly paid pay-in. No database. */
class PartialPayinFeeTest {
    /** A pay-in: amount, its fee (below the amount, as creation demands) and what was paid (1..amount). */
    record Payin(long amountUnits, long feeUnits, long paidUnits) {
    }

    @Test
    void a_full_payment_pays_the_fee_set_at_creation() {
        // 7 units of fee on 10 units is not 7 × 10 / 10 rounded differently: it is the creation fee, unchanged
        assertThat(PartialPayinFee.onPaid(10, 7, 10)).isEqualTo(7);
        assertThat(PartialPayinFee.onPaid(3, 2, 3)).isEqualTo(2);
    }

    @Test
    void a_partial_payment_pays_the_fee_in_proportion() {
        // 1,000.00 asked, fee 25.00, 400.00 paid: fee 10.00
        assertThat(PartialPayinFee.onPaid(10_000_000, 250_000, 4_000_000)).isEqualTo(100_000);
    }

    @Test
    void the_proportional_fee_is_rounded_half_up_to_one_unit() {
        assertThat(PartialPayinFee.onPaid(2, 1, 1)).as("0.5").isEqualTo(1);
        assertThat(PartialPayinFee.onPaid(3, 1, 1)).as("0.33").isZero();
        assertThat(PartialPayinFee.onPaid(3, 2, 1)).as("0.67").isEqualTo(1);
        assertThat(PartialPayinFee.onPaid(4, 3, 2)).as("1.5").isEqualTo(2);
        assertThat(PartialPayinFee.onPaid(3, 1, 2)).as("0.67").isEqualTo(1);
    }

    @Test
    void amounts_near_the_long_range_do_not_overflow() {
        long amount = Long.MAX_VALUE - 1;
        assertThat(PartialPayinFee.onPaid(amount, amount - 1, amount / 2)).isEqualTo(amount / 2);
    }

    @Property(tries = 200)
    void the_proportional_fee_is_within_half_a_unit_of_the_exact_share_and_never_exceeds_what_was_paid(
            @ForAll("payins") Payin payin) {
        long fee = PartialPayinFee.onPaid(payin.amountUnits(), payin.feeUnits(), payin.paidUnits());
        assertThat(fee).isBetween(0L, payin.feeUnits());
        assertThat(fee).isLessThanOrEqualTo(payin.paidUnits());
        if (payin.paidUnits() < payin.amountUnits()) {
            // |fee × amount − feeUnits × paid| ≤ amount / 2
            BigInteger error = BigInteger.valueOf(fee).multiply(BigInteger.valueOf(payin.amountUnits()))
                    .subtract(BigInteger.valueOf(payin.feeUnits()).multiply(BigInteger.valueOf(payin.paidUnits())))
                    .abs().shiftLeft(1);
            assertThat(error).isLessThanOrEqualTo(BigInteger.valueOf(payin.amountUnits()));
        }
    }

    @Property(tries = 100)
    void paying_more_never_pays_a_smaller_fee(@ForAll("payins") Payin payin) {
        long paid = payin.paidUnits();
        if (paid < payin.amountUnits()) {
            assertThat(PartialPayinFee.onPaid(payin.amountUnits(), payin.feeUnits(), paid + 1))
                    .isGreaterThanOrEqualTo(PartialPayinFee.onPaid(payin.amountUnits(), payin.feeUnits(), paid));
        }
    }

    @Provide
    Arbitrary<Payin> payins() {
        return Arbitraries.longs().between(1, 1_000_000_000_000_000L).flatMap(amount -> Combinators.combine(
                        Arbitraries.longs().between(0, amount - 1), Arbitraries.longs().between(1, amount))
                .as((fee, paid) -> new Payin(amount, fee, paid)));
    }
}
