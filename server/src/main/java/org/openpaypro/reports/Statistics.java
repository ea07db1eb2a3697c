package org.openpaypro.reports;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.openpaypro.trade.Direction;

/**
 * Daily and grouped trade statistics for the portal home chart, the console dashboard and settlement pages: volume
 * and success rate per day, per merchant, per country and channel, and settlement per day. Days are UTC. Each call
 * reads only the period it reports, through the V14 indexes on {@code created_at} / {@code settled_at}. Thread-safe.
 */
public final class Statistics {
    /** How many days the charts show, today included. */
    public static final int CHART_DAYS = 30;
    private static final String SUCCEEDED = "t.status IN ('0000', '0001')";
    private static final String AGGREGATES = """
            count(*) AS trades, count(*) FILTER (WHERE t.status <> '0015') AS finished,
            count(*) FILTER (WHERE %1$s) AS succeeded,
            coalesce(sum(coalesce(t.paid_amount, t.amount)) FILTER (WHERE %1$s), 0) AS volume""".formatted(SUCCEEDED);

    private final Jdbi jdbi;
    private final Clock clock;

    public Statistics(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The first day of the chart: {@link #CHART_DAYS} days ending today (UTC). */
    public LocalDate chartStart() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(CHART_DAYS - 1);
    }

    /** Per day, direction and currency over the last {@link #CHART_DAYS} days; {@code merchantId} null: everyone. */
    public List<DayVolume> daily(Long merchantId) {
        String sql = "SELECT (t.created_at AT TIME ZONE 'UTC')::date AS day, t.direction, t.currency, " + AGGREGATES
                + "\nFROM trade t WHERE t.created_at >= :from" + (merchantId == null ? "" : " AND t.merchant_id = :m")
                + "\nGROUP BY 1, 2, 3 ORDER BY 1, 2, 3";
        return jdbi.withHandle(handle -> bindPeriod(handle.createQuery(sql), merchantId, start(chartStart()))
                .map((rs, ctx) -> new DayVolume(rs.getObject("day", LocalDate.class),
                        Direction.valueOf(rs.getString("direction")), rs.getString("currency"), rs.getLong("trades"),
                        rs.getLong("finished"), rs.getLong("succeeded"), rs.getLong("volume")))
                .list());
    }

    /** Per merchant, direction and currency, for trades created since {@code since}; biggest volume first. */
    public List<GroupVolume> byMerchant(Instant since) {
        return grouped("m.merchant_no", "JOIN merchant m ON m.id = t.merchant_id", since);
    }

    /** Per country and channel ({@code "BR/simulator"}), direction and currency, since {@code since}. */
    public List<GroupVolume> byCountryAndChannel(Instant since) {
        return grouped("t.country || '/' || t.channel", "", since);
    }

    /** What became available per day and currency for one merchant, newest day first, from {@code from} on. */
    public List<SettlementDay> settlementDays(long merchantId, LocalDate from) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT (t.settled_at AT TIME ZONE 'UTC')::date AS day, t.currency, count(*) AS trades,
                               coalesce(sum(t.settle_amount), 0) AS available, coalesce(sum(t.fee), 0) AS fees
                        FROM trade t
                        WHERE t.merchant_id = :m AND t.settled_at IS NOT NULL AND t.settled_at >= :from
                        GROUP BY 1, 2 ORDER BY 1 DESC, 2""")
                .bind("m", merchantId)
                .bind("from", start(from))
                .map((rs, ctx) -> new SettlementDay(rs.getObject("day", LocalDate.class), rs.getString("currency"),
                        rs.getLong("trades"), rs.getLong("available"), rs.getLong("fees")))
                .list());
    }

    private List<GroupVolume> grouped(String key, String join, Instant since) {
        String sql = "SELECT " + key + " AS key, t.direction, t.currency, " + AGGREGATES + "\nFROM trade t " + join
                + "\nWHERE t.created_at >= :from GROUP BY 1, 2, 3 ORDER BY volume DESC, 1, 2, 3 LIMIT 500";
        return jdbi.withHandle(handle -> bindPeriod(handle.createQuery(sql), null, Timestamp.from(since))
                .map((rs, ctx) -> new GroupVolume(rs.getString("key"), Direction.valueOf(rs.getString("direction")),
                        rs.getString("currency"), rs.getLong("trades"), rs.getLong("finished"),
                        rs.getLong("succeeded"), rs.getLong("volume")))
                .list());
    }

    private static Query bindPeriod(Query query, Long merchantId, Timestamp from) {
        query.bind("from", from);
        if (merchantId != null) {
            query.bind("m", merchantId);
        }
        return query;
    }

    private static Timestamp start(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
