package org.openpaypro.sdk;

import org.openpaypro.protocol.Codes;

/**
 * One synchronous answer of the gateway, i.e. the outer layer of the two-layer outcome of spec §1.6. The outer
 * {@code code} only says whether the request was accepted; the business outcome is {@code data.status}.
 *
 * <ul>
 *   <li>{@link #accepted()} ({@code 0000}): read {@code data}.</li>
 *   <li>{@link #rejected()} ({@code 8000}): nothing was created; {@code msg} says why; {@code data} is usually null.
 *   </li>
 *   <li>{@link #outcomeUnknown()} ({@code 5000}): the gateway cannot tell whether an order exists; query by
 *       {@code tradeNo} (or ask support) before creating it again.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe if {@code data} is (all data types of this SDK are).
 *
 * @param code outer code as sent
 * @param msg outer message as sent
 * @param success the envelope's {@code success} flag as sent (informative; {@link #accepted()} decides)
 * @param timestamp the envelope's epoch millis, 0 if absent
 * @param data endpoint payload, may be null on rejection
 */
public record ApiResult<T>(String code, String msg, boolean success, long timestamp, T data) {

    /** The request itself was valid and accepted ({@code code == "0000"}). */
    public boolean accepted() {
        return Codes.ACCEPTED.equals(code);
    }

    /** The gateway does not know whether an order was created ({@code code == "5000"}). */
    public boolean outcomeUnknown() {
        return Codes.SYSTEM_ERROR.equals(code);
    }

    /** Deterministic rejection, no order was created ({@code code == "8000"}). */
    public boolean rejected() {
        return Codes.REJECTED.equals(code);
    }

    /**
     * The payload of an accepted request.
     *
     * @throws PayProException carrying {@code code} and {@code msg} when the request was not accepted, or when an
     *         accepted answer came without {@code data}
     */
    public T dataOrThrow() {
        if (!accepted()) {
            throw new PayProException("request not accepted: code=" + code + ", msg=" + msg, code, msg);
        }
        if (data == null) {
            throw new PayProException("request accepted but the answer has no data (code=" + code + ")", code, msg);
        }
        return data;
    }
}
