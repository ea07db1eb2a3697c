package org.openpaypro.notify;

import java.util.Map;
import java.util.Optional;

/**
 * What the dispatcher needs of a finished trade to deliver its callback, supplied by the feature that owns trades:
 * notify reads no trade table and knows no trade record, so trade can depend on notify (its outbox, its URL policy)
 * without a cycle. Implementations are thread-safe.
 */
public interface CallbackSource {
    /** The callback of trade {@code tradeId}; empty when there is no such trade. */
    Optional<Callback> find(long tradeId);

    /** One trade's callback: the merchant it belongs to, where it goes, and how its body is built. Immutable. */
    record Callback(long merchantId, String platformTradeNo, String notifyUrl, Body body) {
    }

    /** The callback body (spec §4) signed with {@code secret}, stamped {@code nowMillis}. Stateless. */
    @FunctionalInterface
    interface Body {
        Map<String, Object> build(String secret, long nowMillis);
    }
}
