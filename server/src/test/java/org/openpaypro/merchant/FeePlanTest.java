package org.openpaypro.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The fee of a trade: rate (ppm) rounded half-up to the unit, plus the fixed part. No database. */
class FeePlanTest {
    private static final long ONE = 10_000; // one currency unit in scale-4 units

    @Test
    void the_fee_is_the_rate_of_the_amount_plus_the_fixed_part() {
        // 500 at 3 % + 2 = 17 (the Egypt example)
        assertThat(new FeePlan(30_000, 2 * ONE).feeFor(500 * ONE)).isEqualTo(17 * ONE);
        // 100.00 at 1.5 % + 0.30 = 1.80
        assertThat(new FeePlan(15_000, 3_000).feeFor(100 * ONE)).isEqualTo(18_000);
    }

    @Test
    void the_fees_the_country_flows_used_to_check_end_to_end() {
        // amount, rate ppm, fixed units → fee units (formerly asserted through HTTP in each country IT)
        long[][] examples = {
                {15_005_000, 30_000, ONE, 460_150},        // India: 1500.50 at 3 % + 1 = 46.015
                {20_005_000, 15_000, 5_000, 305_075},      // Nigeria: 2000.50 at 1.5 % + 0.50 = 30.5075
                {2_000_000_000, 10_000, 500 * ONE, 25_000_000}, // Vietnam: 200000 at 1 % + 500 = 2500
                {10_000_000, 20_000, ONE, 210_000},        // Kenya: 1000 at 2 % + 1 = 21
                {1_000_000_000, 20_000, 0, 20_000_000},    // Indonesia: 100000 at 2 % = 2000
                {20_000_000, 15_000, 0, 300_000},          // Bangladesh: 2000 at 1.5 % = 30
                {20_000_000, 10_000, 3 * ONE, 230_000},    // Egypt payout: 2000 at 1 % + 3 = 23
        };
        for (long[] example : examples) {
            assertThat(new FeePlan(example[1], example[2]).feeFor(example[0])).as(java.util.Arrays.toString(example))
                    .isEqualTo(example[3]);
        }
    }

    @Test
    void the_rate_part_is_rounded_half_up_to_one_unit() {
        assertThat(new FeePlan(500_000, 0).feeFor(1)).as("0.5 unit").isEqualTo(1);
        assertThat(new FeePlan(499_999, 0).feeFor(1)).as("0.499999 unit").isZero();
        assertThat(new FeePlan(500_000, 0).feeFor(3)).as("1.5 units").isEqualTo(2);
        assertThat(new FeePlan(1, 0).feeFor(499_999)).as("0.499999 unit").isZero();
        assertThat(new FeePlan(1, 0).feeFor(500_000)).as("0.5 unit").isEqualTo(1);
    }

    @Test
    void the_fixed_part_is_not_rounded_and_a_free_plan_costs_nothing() {
        assertThat(new FeePlan(0, 1).feeFor(123_456_789)).isEqualTo(1);
        assertThat(FeePlan.FREE.feeFor(Long.MAX_VALUE)).isZero();
    }

    @Test
    void a_full_rate_takes_the_whole_amount() {
        assertThat(new FeePlan(1_000_000, 0).feeFor(987_654_321)).isEqualTo(987_654_321);
    }

    @Test
    void an_amount_whose_rate_product_overflows_is_refused_not_wrapped() {
        assertThatThrownBy(() -> new FeePlan(1_000_000, 0).feeFor(Long.MAX_VALUE / 10))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> new FeePlan(1, Long.MAX_VALUE).feeFor(500_000))
                .isInstanceOf(ArithmeticException.class);
    }
}
