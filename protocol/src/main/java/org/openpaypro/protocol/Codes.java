package org.openpaypro.protocol;

/**
 * Outer {@code code} values of the response envelope (spec §5.1, OP-9). Finer reasons go in {@code msg}.
 *
 * <p>Constants only; thread-safe.
 */
public final class Codes {

    /** The request itself was valid and accepted; read the business outcome from {@code data.status}. */
    public static final String ACCEPTED = "0000";

    /** We cannot tell whether an order was created; the merchant must query or contact support. */
    public static final String SYSTEM_ERROR = "5000";

    /** Deterministic rejection (bad parameter, bad sign, duplicate tradeNo, ...); no order was created. */
    public static final String REJECTED = "8000";

    private Codes() {
    }
}
