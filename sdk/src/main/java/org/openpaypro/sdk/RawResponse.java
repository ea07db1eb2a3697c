package org.openpaypro.sdk;

/**
 * What came back from {@link PayProClient#send}: the HTTP status and the body text, uninterpreted.
 *
 * <p>Immutable; thread-safe.
 */
public record RawResponse(int statusCode, String body) {
}
