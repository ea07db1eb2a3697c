package org.openpaypro.protocol;

/**
 * The outer shape of every synchronous response (spec §1.6): {@code msg}, {@code code}, {@code timestamp} (epoch
 * millis, a JSON number), {@code success} (true iff code is {@value Codes#ACCEPTED}) and the endpoint payload in
 * {@code data} ({@code null} on rejections).
 *
 * <p>Immutable; thread-safe as long as {@code data} is not mutated after construction.
 */
public record Envelope(String msg, String code, long timestamp, boolean success, Object data) {

    public static final String SUCCESS_MSG = "success";

    /** The request was accepted; the business outcome travels in {@code data.status}. */
    public static Envelope ok(Object data) {
        return new Envelope(SUCCESS_MSG, Codes.ACCEPTED, System.currentTimeMillis(), true, data);
    }

    /**
     * The request was not accepted (or its outcome is unknown, code {@value Codes#SYSTEM_ERROR}).
     *
     * @throws IllegalArgumentException if {@code code} is the success code or either argument is null
     */
    public static Envelope reject(String code, String msg) {
        if (code == null || msg == null) {
            throw new IllegalArgumentException("code and msg are required, got code=" + code + ", msg=" + msg);
        }
        if (Codes.ACCEPTED.equals(code)) {
            throw new IllegalArgumentException("a rejection cannot carry the success code " + Codes.ACCEPTED);
        }
        return new Envelope(msg, code, System.currentTimeMillis(), false, null);
    }
}
