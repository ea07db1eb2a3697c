package org.openpaypro.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AddressThrottleTest {
    private Instant now = Instant.parse("2026-12-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void an_address_is_blocked_after_its_failures_until_its_window_ends() {
        AddressThrottle throttle = new AddressThrottle(3, Duration.ofMinutes(15), 100, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.blockedUntil("198.51.100.1")).isEmpty();
            throttle.recordFailure("198.51.100.1");
        }
        assertThat(throttle.blockedUntil("198.51.100.1")).hasValue(Instant.parse("2026-12-01T00:15:00Z"));
        assertThat(throttle.blockedUntil("198.51.100.2")).isEmpty();
        now = now.plus(Duration.ofMinutes(15));
        assertThat(throttle.blockedUntil("198.51.100.1")).isEmpty();
    }

    @Test
    void memory_stays_bounded_by_forgetting_the_least_recent_address() {
        AddressThrottle throttle = new AddressThrottle(3, Duration.ofMinutes(15), 100, clock);
        for (int i = 0; i < 1000; i++) {
            throttle.recordFailure("10.0." + (i / 256) + "." + (i % 256));
        }
        assertThat(throttle.tracked()).isEqualTo(100);
    }
}
