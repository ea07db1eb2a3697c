package org.openpaypro.protocol;

/**
 * Business state of a trade as carried in {@code data.status} (spec §5.2, §5.3). {@link #PARTIAL} exists for
 * countries that report partial pay-ins; Brazil never emits it (OP-20).
 *
 * <p>Immutable enum; thread-safe.
 */
public enum TradeStatus {
    SUCCESS("0000", true),
    PROCESSING("0015", false),
    PARTIAL("0001", true),
    FAILED("00029", true);

    private final String wire;
    private final boolean terminal;

    TradeStatus(String wire, boolean terminal) {
        this.wire = wire;
        this.terminal = terminal;
    }

    /** The code as written in JSON. */
    public String wire() {
        return wire;
    }

    /** Whether no further transition can happen. */
    public boolean terminal() {
        return terminal;
    }

    /**
     * Exact match on the wire code.
     *
     * @throws IllegalArgumentException for null or an unknown code
     */
    public static TradeStatus fromWire(String wire) {
        for (TradeStatus status : values()) {
            if (status.wire.equals(wire)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown trade status '" + wire + "'");
    }
}
