package org.openpaypro.sdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openpaypro.protocol.TradeStatus;

/**
 * A result callback of the gateway (spec §4), the same shape for pay-ins and payouts: route it by {@code tradeNo}
 * and handle it idempotently, because callbacks are delivered at least once. {@code successTime} is null unless the
 * trade succeeded. {@code fields} holds every body field except {@code sign}, including ones this SDK does not know,
 * as the text that was signed (a JSON {@code null} stays {@code null}).
 *
 * <p>Immutable; thread-safe.
 */
public record Notification(String platFormTradeNo, String tradeNo, String amount, String status, String message,
        String successTime, String timestamp, Map<String, String> fields) {

    public Notification {
        // Map.copyOf refuses null values, which a callback may carry (OP-3).
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Builds the record from the parsed body fields ({@code sign} already removed). */
    static Notification of(Map<String, String> fields) {
        return new Notification(fields.get("platFormTradeNo"), fields.get("tradeNo"), fields.get("amount"),
                fields.get("status"), fields.get("message"), fields.get("successTime"), fields.get("timestamp"),
                fields);
    }

    /**
     * {@code status} read as spec §1.6 says: unknown codes are final failures.
     *
     * @throws PayProException if the callback has no status
     */
    public TradeStatus tradeStatus() {
        return Statuses.interpret(status);
    }
}
