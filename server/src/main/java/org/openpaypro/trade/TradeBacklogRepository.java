package org.openpaypro.trade;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** SQL of {@link TradeBacklogService}. Stateless. */
final class TradeBacklogRepository {
    private static final String PROCESSING = """
            SELECT direction, count(*) AS processing,
                   count(*) FILTER (WHERE created_at < now() - make_interval(secs => :stuckSeconds)) AS stuck,
                   coalesce(extract(epoch FROM now() - min(created_at)), 0) AS oldest
            FROM trade WHERE status = '0015' GROUP BY direction""";

    /** The directions that have processing trades. */
    Map<Direction, TradeBacklogService.Backlog> processing(Handle handle, Duration stuckAfter) {
        Map<Direction, TradeBacklogService.Backlog> found = new EnumMap<>(Direction.class);
        handle.createQuery(PROCESSING).bind("stuckSeconds", (double) stuckAfter.toSeconds())
                .map((rs, ctx) -> found.put(Direction.valueOf(rs.getString("direction")),
                        new TradeBacklogService.Backlog(rs.getLong("processing"), rs.getLong("stuck"),
                                rs.getDouble("oldest"))))
                .list();
        return found;
    }
}
