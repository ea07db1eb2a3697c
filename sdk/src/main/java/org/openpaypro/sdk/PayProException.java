package org.openpaypro.sdk;

/**
 * Anything that kept the SDK from getting a usable answer from the gateway: a network failure or timeout, an
 * answer that is not a JSON envelope, or {@link ApiResult#dataOrThrow()} on a request that was not accepted. For
 * the last case {@link #gatewayCode()} and {@link #gatewayMsg()} carry the envelope's {@code code} and {@code msg};
 * otherwise they are null and, for order creation, the outcome is unknown: query by {@code tradeNo} before retrying.
 *
 * <p>Immutable; thread-safe.
 */
public class PayProException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String gatewayCode;
    private final String gatewayMsg;

    /** A failure with no envelope behind it (transport, parsing). */
    public PayProException(String message, Throwable cause) {
        super(message, cause);
        this.gatewayCode = null;
        this.gatewayMsg = null;
    }

    /** The gateway answered with an envelope that does not allow going on. */
    public PayProException(String message, String gatewayCode, String gatewayMsg) {
        super(message);
        this.gatewayCode = gatewayCode;
        this.gatewayMsg = gatewayMsg;
    }

    /** Outer {@code code} of the envelope, or null if no envelope was received. */
    public String gatewayCode() {
        return gatewayCode;
    }

    /** Outer {@code msg} of the envelope, or null if no envelope was received. */
    public String gatewayMsg() {
        return gatewayMsg;
    }
}
