package org.openpaypro.testing;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * The one way tests wait: poll observable state (an HTTP answer, a row, what a receiver got) until it satisfies a
 * condition, or fail at the deadline saying what was awaited and what was last seen. A probe that throws an exception
 * (a server restarting, a refused connection) is polled again; its last exception is part of the failure. A probe
 * that throws an {@link AssertionError} fails the wait at once. Never used to let time pass so that
 * something "did not happen": wait instead for a later event that must come after it. Stateless, thread-safe.
 */
public final class Await {
    private static final long POLL_MILLIS = 25;

    private Await() {
    }

    /** What a wait looks at; may throw (checked or not) while the state is not observable yet. */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls {@code probe} until {@code done} accepts its value, and returns that value. */
    public static <T> T until(String what, Duration timeout, Probe<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Object seen;
            try {
                T value = probe.get();
                if (done.test(value)) {
                    return value;
                }
                seen = value;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                seen = e;
            }
            if (System.nanoTime() - deadline > 0) {
                AssertionError failure = new AssertionError(what + " not reached within " + timeout
                        + "; last seen: " + seen);
                if (seen instanceof Exception cause) {
                    failure.initCause(cause);
                }
                throw failure;
            }
            pause();
        }
    }

    /** Polls {@code condition} until it holds. */
    public static void until(String what, Duration timeout, Probe<Boolean> condition) {
        until(what, timeout, condition, Boolean::booleanValue);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
