package org.openpaypro.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Counts failed operator authentications per client address in fixed one-minute windows; past the limit the
 * address is answered 429 instead of 401 until its window ends. Only failures are counted and a valid token is
 * checked before this, so a valid token is never throttled. Memory is bounded: at most {@link #MAX_ADDRESSES}
 * addresses are remembered, the least recently failing one is forgotten first (an attacker with many addresses can
 * only make the throttle forget, never refuse a valid token). Thread-safe (one lock; failures are rare).
 */
public final class FailedAuthThrottle {
    static final int MAX_ADDRESSES = 10_000;
    private static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int maxFailuresPerMinute;
    private final LongSupplier nanoClock;
    private final Map<String, Window> windows = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    private static final class Window {
        long startNanos;
        int failures;
    }

    public FailedAuthThrottle(int maxFailuresPerMinute) {
        this(maxFailuresPerMinute, System::nanoTime);
    }

    FailedAuthThrottle(int maxFailuresPerMinute, LongSupplier nanoClock) {
        this.maxFailuresPerMinute = maxFailuresPerMinute;
        this.nanoClock = nanoClock;
    }

    /**
     * Records one failed attempt from {@code address}; returns 0 when it may still be answered 401, otherwise the
     * seconds until the address may try again (answer 429).
     */
    public synchronized long failed(String address) {
        long now = nanoClock.getAsLong();
        Window window = windows.computeIfAbsent(address, key -> new Window());
        if (window.failures == 0 || now - window.startNanos >= WINDOW_NANOS) {
            window.startNanos = now;
            window.failures = 0;
        }
        if (window.failures < Integer.MAX_VALUE) {
            window.failures++;
        }
        if (window.failures <= maxFailuresPerMinute) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(WINDOW_NANOS - (now - window.startNanos) + 999_999_999L));
    }

    /**
     * Seconds until {@code address} may try again, recording nothing: positive once it has used up its failures of
     * the minute; 0 when it may try now. The login pages ask this before checking a password, so a blocked address
     * cannot keep guessing (web, issue 14).
     */
    public synchronized long retryAfterSeconds(String address) {
        Window window = windows.get(address);
        long now = nanoClock.getAsLong();
        if (window == null || window.failures < maxFailuresPerMinute || now - window.startNanos >= WINDOW_NANOS) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(WINDOW_NANOS - (now - window.startNanos) + 999_999_999L));
    }

    synchronized int addressesRemembered() {
        return windows.size();
    }
}
