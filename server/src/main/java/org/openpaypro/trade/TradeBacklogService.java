package org.openpaypro.trade;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The trades still processing, per direction, for the operator's gauges (issue 17): how many, how many are older
 * than a threshold, and the age of the oldest, from the partial index on processing trades. Thread-safe.
 */
public final class TradeBacklogService {
    private final Jdbi jdbi;
    private final TradeBacklogRepository repository = new TradeBacklogRepository();

    /** One direction's processing trades. Immutable. */
    public record Backlog(long processing, long stuck, double oldestSeconds) {
    }

    public TradeBacklogService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Every direction, one with no processing trade at zero; one indexed query. */
    public Map<Direction, Backlog> processing(Duration stuckAfter) {
        Map<Direction, Backlog> backlog = new EnumMap<>(Direction.class);
        for (Direction direction : Direction.values()) {
            backlog.put(direction, new Backlog(0, 0, 0));
        }
        backlog.putAll(jdbi.withHandle(handle -> repository.processing(handle, stuckAfter)));
        return backlog;
    }
}
