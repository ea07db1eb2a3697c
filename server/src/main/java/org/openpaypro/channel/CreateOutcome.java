package org.openpaypro.channel;

/**
 * What a rail answered to a create (DESIGN §13): accepted with the rail's reference, refused before creating
 * anything (safe to try the next channel of the route), or unknown (the request may have arrived; never retried
 * under a new key, never treated as a failure). Immutable.
 */
public sealed interface CreateOutcome<T> {
    record Accepted<T>(T value) implements CreateOutcome<T> {
    }

    /** {@code reason} is the rail's own words, safe to show the merchant. */
    record Refused<T>(String reason) implements CreateOutcome<T> {
    }

    /** {@code reason} says why the outcome is unknown (timeout, connection reset, 5xx after sending), for logs. */
    record Unknown<T>(String reason) implements CreateOutcome<T> {
    }
}
