package org.openpaypro.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-merchant and per-address slots, and the bound on how many keys are tracked. */
class DeliveryLimitsTest {
    @Test
    void a_merchant_at_its_cap_is_busy_on_any_address_and_an_address_at_its_cap_is_busy_for_any_merchant() {
        DeliveryLimits limits = new DeliveryLimits(2, 3, 10);
        assertThat(limits.tryAcquire("M1", "10.0.0.1")).isNull();
        assertThat(limits.tryAcquire("M1", "10.0.0.2")).isNull();
        assertThat(limits.tryAcquire("M1", "10.0.0.3")).isEqualTo(DeliveryLimits.Busy.MERCHANT);
        assertThat(limits.tryAcquire("M2", "10.0.0.1")).isNull();
        assertThat(limits.tryAcquire("M3", "10.0.0.1")).isNull();
        assertThat(limits.tryAcquire("M4", "10.0.0.1")).isEqualTo(DeliveryLimits.Busy.ADDRESS);
        limits.release("M1", "10.0.0.1");
        assertThat(limits.tryAcquire("M4", "10.0.0.1")).isNull();
    }

    @Test
    void a_refused_acquire_takes_nothing_and_idle_keys_are_removed() {
        DeliveryLimits limits = new DeliveryLimits(1, 1, 10);
        assertThat(limits.tryAcquire("M1", "A")).isNull();
        assertThat(limits.tryAcquire("M2", "A")).isEqualTo(DeliveryLimits.Busy.ADDRESS);
        assertThat(limits.trackedKeys()).isEqualTo(2);
        limits.release("M1", "A");
        assertThat(limits.trackedKeys()).isZero();
        assertThat(limits.tryAcquire("M2", "A")).isNull();
    }

    @Test
    void no_more_keys_than_the_cap_are_ever_tracked() {
        DeliveryLimits limits = new DeliveryLimits(4, 4, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(limits.tryAcquire("M" + i, "A" + i)).isNull();
        }
        assertThat(limits.tryAcquire("M9", "A0")).isEqualTo(DeliveryLimits.Busy.MERCHANT);
        assertThat(limits.tryAcquire("M0", "A9")).isEqualTo(DeliveryLimits.Busy.ADDRESS);
        assertThat(limits.trackedKeys()).isEqualTo(6);
    }
}
