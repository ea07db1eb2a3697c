package org.openpaypro.reports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.ledger.LedgerCheck;

/**
 * The numbers on the console's first page: callbacks waiting and the oldest of them, trades still processing, the
 * last ledger check, and the last 24 hours' volume and success rate per country and channel. Cheap on a big
 * database: every count goes through a partial index of the rows it counts. Thread-safe.
 */
public final class OperatorDashboard {
    public static final Duration PERIOD = Duration.ofHours(24);

    private final Jdbi jdbi;
    private final Statistics statistics;
    private final LedgerCheck ledgerCheck;
    private final Clock clock;

    /** What the dashboard shows. {@code ledger} is empty when no check has run since start. Immutable. */
    public record Numbers(Instant at, long pendingCallbacks, Instant oldestPendingCallback, long exhaustedCallbacks,
                          long processingTrades, java.util.Optional<LedgerCheck.LastRun> ledger,
                          List<GroupVolume> byCountryAndChannel) {
        public Numbers {
            byCountryAndChannel = List.copyOf(byCountryAndChannel);
        }
    }

    public OperatorDashboard(Jdbi jdbi, Statistics statistics, LedgerCheck ledgerCheck, Clock clock) {
        this.jdbi = jdbi;
        this.statistics = statistics;
        this.ledgerCheck = ledgerCheck;
        this.clock = clock;
    }

    public Numbers numbers() {
        Instant now = clock.instant();
        Map<String, Object> notify = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT (SELECT count(*) FROM notification WHERE status = 'PENDING') AS pending,
                               (SELECT min(created_at) FROM notification WHERE status = 'PENDING') AS oldest,
                               (SELECT count(*) FROM notification
                                 WHERE status = 'EXHAUSTED' AND finished_at >= :since) AS exhausted,
                               (SELECT count(*) FROM trade WHERE status = '0015') AS processing""")
                .bind("since", java.sql.Timestamp.from(now.minus(PERIOD)))
                .mapToMap().one());
        Object oldest = notify.get("oldest");
        return new Numbers(now, ((Number) notify.get("pending")).longValue(),
                oldest instanceof java.sql.Timestamp timestamp ? timestamp.toInstant() : null,
                ((Number) notify.get("exhausted")).longValue(), ((Number) notify.get("processing")).longValue(),
                ledgerCheck.lastRun(), statistics.byCountryAndChannel(now.minus(PERIOD)));
    }
}
