package org.openpaypro.web;

import org.openpaypro.access.FailedAuthThrottle;

/**
 * Rate limit of the login forms per client address (DESIGN §15), on top of the per-account limits of the identity
 * services: {@link FailedAuthThrottle}'s one-minute windows, asked before a password is checked so a blocked
 * address cannot keep guessing. Thread-safe.
 */
public final class LoginThrottle {
    private final FailedAuthThrottle failures;

    public LoginThrottle(int failuresPerMinute) {
        this.failures = new FailedAuthThrottle(failuresPerMinute);
    }

    /** Seconds the address must wait before its next attempt is even checked; 0 when it may try now. */
    public long retryAfterSeconds(String address) {
        return failures.retryAfterSeconds(address);
    }

    public void failed(String address) {
        failures.failed(address);
    }
}
