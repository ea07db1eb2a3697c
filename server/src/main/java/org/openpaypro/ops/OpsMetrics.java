package org.openpaypro.ops;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;
import org.openpaypro.trade.Direction;
import org.openpaypro.trade.TradeBacklogService;

/**
 * The operator's gauges that are not tied to one request (issue 17): trades still processing per direction, how many
 * of them are older than the "stuck" threshold and the age of the oldest, read by {@link #refresh} from the partial
 * index on processing trades (a periodic worker calls it, never a request); and the database's health and connection
 * pool, read from what the probe and the pool already know. Thread-safe: one thread refreshes, any thread reads.
 */
public final class OpsMetrics {
    /** How often {@link #refresh} should run. */
    public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(15);

    private final TradeBacklogService backlog;
    private final Duration stuckAfter;
    private final Map<Direction, double[]> trades = new ConcurrentHashMap<>();

    public OpsMetrics(TradeBacklogService backlog, Duration stuckAfter, MeterRegistry metrics) {
        this.backlog = backlog;
        this.stuckAfter = stuckAfter;
        for (Direction direction : Direction.values()) {
            trades.put(direction, new double[3]);
            String tag = direction.name();
            Gauge.builder("openpaypro_trades_processing", trades, t -> t.get(direction)[0]).tag("direction", tag)
                    .description("trades in processing (0015)").register(metrics);
            Gauge.builder("openpaypro_trades_stuck", trades, t -> t.get(direction)[1]).tag("direction", tag)
                    .description("trades in processing for longer than OPENPAYPRO_STUCK_TRADE_AFTER")
                    .register(metrics);
            Gauge.builder("openpaypro_trades_oldest_processing_seconds", trades, t -> t.get(direction)[2])
                    .tag("direction", tag).description("age of the oldest trade in processing").register(metrics);
        }
    }

    /** Reads the processing trades once (one indexed query); a direction with none reads 0. */
    public void refresh() {
        Map<Direction, TradeBacklogService.Backlog> found = backlog.processing(stuckAfter);
        for (Direction direction : Direction.values()) {
            TradeBacklogService.Backlog now = found.get(direction);
            trades.put(direction, now == null ? new double[3]
                    : new double[] {now.processing(), now.stuck(), now.oldestSeconds()});
        }
    }

    /** {@code openpaypro_database_up} from the probe, and the pool's active, idle and waiting connections. */
    public static void bindDatabase(BooleanSupplier healthy, HikariDataSource pool, MeterRegistry metrics) {
        Gauge.builder("openpaypro_database_up", healthy, h -> h.getAsBoolean() ? 1 : 0)
                .description("1 while the database answers the health probe (what /health reports)")
                .strongReference(true).register(metrics);
        poolGauge("active", HikariPoolMXBean::getActiveConnections, pool, metrics);
        poolGauge("idle", HikariPoolMXBean::getIdleConnections, pool, metrics);
        poolGauge("pending", HikariPoolMXBean::getThreadsAwaitingConnection, pool, metrics);
    }

    private static void poolGauge(String state, ToIntFunction<HikariPoolMXBean> read, HikariDataSource pool,
                                  MeterRegistry metrics) {
        Gauge.builder("openpaypro_db_pool_connections", pool, p -> p.getHikariPoolMXBean() == null ? 0
                        : read.applyAsInt(p.getHikariPoolMXBean()))
                .tag("state", state).description("database pool connections by state (pending: threads waiting)")
                .register(metrics);
    }
}
