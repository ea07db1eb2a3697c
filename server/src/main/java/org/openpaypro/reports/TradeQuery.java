package org.openpaypro.reports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openpaypro.protocol.TradeStatus;
import org.openpaypro.trade.Direction;

/**
 * The SQL of a trade search: the WHERE clause a {@link TradeFilter} stands for, with its bound values, ordered newest
 * first by {@code (created_at, id)} so that pages continue by keyset (never OFFSET) along the V14 indexes. Values are
 * always bound, never spliced. Immutable once built; not shared.
 */
final class TradeQuery {
    static final String COLUMNS = """
            SELECT t.id, t.platform_trade_no, t.trade_no, m.merchant_no, t.direction, t.country, t.currency,
                   t.amount_text, t.fee, t.paid_amount, t.status, t.message, t.channel, t.created_at, t.finished_at
            FROM trade t JOIN merchant m ON m.id = t.merchant_id""";

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> values = new LinkedHashMap<>();

    TradeQuery(TradeFilter filter) {
        add(filter.merchantId(), "t.merchant_id = :merchantId", "merchantId");
        add(filter.direction() == null ? null : filter.direction().name(), "t.direction = :direction", "direction");
        add(filter.status() == null ? null : filter.status().wire(), "t.status = :status", "status");
        add(timestamp(filter.createdFromInstant()), "t.created_at >= :createdFrom", "createdFrom");
        add(timestamp(filter.createdBeforeInstant()), "t.created_at < :createdBefore", "createdBefore");
        add(filter.tradeNo(), "t.trade_no = :tradeNo", "tradeNo");
        add(filter.platformTradeNo(), "t.platform_trade_no = :platformTradeNo", "platformTradeNo");
    }

    /** Continues after the row a cursor names (the last row of the previous page). */
    TradeQuery after(Cursor cursor) {
        if (cursor != null) {
            conditions.add("(t.created_at, t.id) < (:cursorAt, :cursorId)");
            values.put("cursorAt", Timestamp.from(cursor.createdAt()));
            values.put("cursorId", cursor.id());
        }
        return this;
    }

    String sql(Integer limit) {
        String where = conditions.isEmpty() ? "" : "\nWHERE " + String.join(" AND ", conditions);
        return COLUMNS + where + "\nORDER BY t.created_at DESC, t.id DESC" + (limit == null ? "" : "\nLIMIT " + limit);
    }

    Map<String, Object> values() {
        return values;
    }

    static TradeRow row(ResultSet rs) throws SQLException {
        long paid = rs.getLong("paid_amount");
        Long paidAmount = rs.wasNull() ? null : paid;
        return new TradeRow(rs.getLong("id"), rs.getString("platform_trade_no"), rs.getString("trade_no"),
                rs.getString("merchant_no"), Direction.valueOf(rs.getString("direction")), rs.getString("country"),
                rs.getString("currency"), rs.getString("amount_text"), rs.getLong("fee"), paidAmount,
                TradeStatus.fromWire(rs.getString("status")), rs.getString("message"), rs.getString("channel"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("finished_at")));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private void add(Object value, String condition, String name) {
        if (value != null) {
            conditions.add(condition);
            values.put(name, value);
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /**
     * Where a page ends: the creation time (microseconds, as PostgreSQL keeps it) and id of its last row, written as
     * {@code <epochMicros>.<id>} so a person can read it in a URL. Immutable.
     */
    record Cursor(Instant createdAt, long id) {
        static Cursor of(TradeRow row) {
            return new Cursor(row.createdAt(), row.id());
        }

        String text() {
            long micros = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L),
                    createdAt.getNano() / 1_000);
            return micros + "." + id;
        }

        /** @throws IllegalArgumentException when the text is not a cursor this class wrote */
        static Cursor parse(String text) {
            if (text == null || !text.matches("-?[0-9]{1,17}\\.[0-9]{1,18}")) {
                throw new IllegalArgumentException("after must be the cursor of a previous page");
            }
            int dot = text.indexOf('.');
            try {
                long micros = Long.parseLong(text.substring(0, dot));
                long id = Long.parseLong(text.substring(dot + 1));
                return new Cursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1_000L), id);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("after must be the cursor of a previous page");
            }
        }
    }
}
