package org.openpaypro.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailedAuthThrottleTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final FailedAuthThrottle throttle = new FailedAuthThrottle(3, nanos::get);

    @Test
    void failures_up_to_the_limit_are_answered_401_and_the_next_ones_429_until_the_minute_ends() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.failed("203.0.113.7")).isZero();
        }
        assertThat(throttle.failed("203.0.113.7")).isEqualTo(60);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(45));
        assertThat(throttle.failed("203.0.113.7")).isEqualTo(15);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(15));
        assertThat(throttle.failed("203.0.113.7")).as("a new window").isZero();
    }

    @Test
    void an_address_that_used_up_its_failures_is_told_to_wait_before_trying_until_the_minute_ends() {
        for (int i = 0; i < 2; i++) {
            throttle.failed("203.0.113.7");
        }
        assertThat(throttle.retryAfterSeconds("203.0.113.7")).isZero();
        throttle.failed("203.0.113.7");
        assertThat(throttle.retryAfterSeconds("203.0.113.7")).isEqualTo(60);
        assertThat(throttle.retryAfterSeconds("198.51.100.1")).isZero();
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(60));
        assertThat(throttle.retryAfterSeconds("203.0.113.7")).as("a new window").isZero();
    }

    @Test
    void each_address_has_its_own_count() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("203.0.113.7");
        }
        assertThat(throttle.failed("203.0.113.7")).isPositive();
        assertThat(throttle.failed("198.51.100.1")).isZero();
    }

    @Test
    void memory_stays_bounded_however_many_addresses_fail() {
        for (int i = 0; i < FailedAuthThrottle.MAX_ADDRESSES * 3; i++) {
            throttle.failed("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        assertThat(throttle.addressesRemembered()).isEqualTo(FailedAuthThrottle.MAX_ADDRESSES);
    }
}
