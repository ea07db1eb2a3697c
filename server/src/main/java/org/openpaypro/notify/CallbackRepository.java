package org.openpaypro.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * The SQL side of what the dispatcher needs of a finished trade to deliver its callback, supplied by the feature
 * that owns trades: notify knows no trade record and no trade column, so trade can depend on notify (its outbox,
 * its URL policy) without a cycle. The claim joins the source's {@link #table()} by the notification's
 * {@code trade_id} and hands each row to {@link #callback}, so a claim needs no second read. Implementations are
 * thread-safe.
 */
public interface CallbackRepository {
    /** The table of the notifications' {@code trade_id} (its key column is {@code id}). */
    String table();

    /** The callback of the source row at the result set's current row (all the table's columns). */
    Callback callback(ResultSet row) throws SQLException;

    /** One trade's callback: the merchant it belongs to, where it goes, and how its body is built. Immutable. */
    record Callback(long merchantId, String platformTradeNo, String notifyUrl, Body body) {
    }

    /** The callback body (spec §4) signed with {@code secret}, stamped {@code nowMillis}. Stateless. */
    @FunctionalInterface
    interface Body {
        Map<String, Object> build(String secret, long nowMillis);
    }
}
