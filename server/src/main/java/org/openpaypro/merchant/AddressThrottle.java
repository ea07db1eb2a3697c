package org.openpaypro.merchant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins per client address, in bounded memory: at most {@code maxFailures} failures in a fixed window of
 * {@code window} per address; past that the address is refused until its window ends. At most {@code maxAddresses}
 * addresses are tracked (the least recently failed is forgotten first): an attacker spraying from many addresses
 * can push others out, which the per-account limit (stored with the user) does not suffer from. Per node: with N
 * nodes an address gets N times the allowance. Thread-safe (synchronized; every call is O(1)).
 */
final class AddressThrottle {
    private final int maxFailures;
    private final Duration window;
    private final int maxAddresses;
    private final Clock clock;
    private final Map<String, Window> windows;

    private static final class Window {
        private final Instant start;
        private int failures;

        Window(Instant start) {
            this.start = start;
        }
    }

    AddressThrottle(int maxFailures, Duration window, int maxAddresses, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.maxAddresses = maxAddresses;
        this.clock = clock;
        this.windows = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > AddressThrottle.this.maxAddresses;
            }
        };
    }

    /** When the address may try again, if it is refused now. */
    synchronized Optional<Instant> blockedUntil(String address) {
        Window current = windows.get(address);
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.start.plus(window)) || current.failures < maxFailures) {
            return Optional.empty();
        }
        return Optional.of(current.start.plus(window));
    }

    synchronized void recordFailure(String address) {
        Instant now = clock.instant();
        Window current = windows.get(address);
        if (current == null || !now.isBefore(current.start.plus(window))) {
            current = new Window(now);
            windows.put(address, current);
        }
        current.failures++;
    }

    synchronized int tracked() {
        return windows.size();
    }
}
