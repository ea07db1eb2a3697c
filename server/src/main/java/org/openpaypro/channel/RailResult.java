package org.openpaypro.channel;

import java.math.BigDecimal;

/**
 * A final outcome the rail confirmed: success (with the amount actually received or sent, null meaning exactly the
 * amount asked) or failure with the rail's reason, and the rail's reference (receipt, end-to-end id). Immutable.
 */
public record RailResult(boolean success, BigDecimal amount, String message, String railRef) {
    public static RailResult succeeded(BigDecimal amount, String railRef) {
        return new RailResult(true, amount, "SUCCESS", railRef);
    }

    public static RailResult failed(String message, String railRef) {
        return new RailResult(false, null, message, railRef);
    }
}
