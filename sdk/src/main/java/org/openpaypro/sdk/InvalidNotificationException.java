package org.openpaypro.sdk;

/**
 * A callback body that must not be acted on: not a flat JSON object, no {@code sign}, a wrong {@code sign}, or no
 * {@code tradeNo}/{@code status}. Answer it with anything but {@link NotifyVerifier#ACK} (e.g. HTTP 400); a genuine
 * gateway retries and a forged request gets nothing.
 *
 * <p>Immutable; thread-safe.
 */
public class InvalidNotificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidNotificationException(String message) {
        super(message);
    }

    public InvalidNotificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
