package org.openpaypro.access;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The append-only audit trail (DESIGN §14). {@link #write} runs inside the caller's transaction, so a change and
 * its row commit or roll back together; a refused call writes nothing. Summaries must never carry secrets.
 * Stateless, thread-safe.
 */
public final class AuditLog {
    /** Most entries one page returns. */
    public static final int MAX_PAGE = 500;

    /** One row of the trail. */
    public record Entry(long id, Instant at, String actor, String address, String action, String target,
                        String summary) {
    }

    public void write(Handle handle, Actor actor, String action, String target, String summary) {
        handle.createUpdate("INSERT INTO audit_entry (actor, address, action, target, summary) "
                        + "VALUES (:actor, :address, :action, :target, :summary)")
                .bind("actor", actor.name())
                .bind("address", actor.address() == null ? "" : actor.address())
                .bind("action", action)
                .bind("target", target)
                .bind("summary", summary)
                .execute();
    }

    /** Newest first, entries with an id below {@code before} (null: from the newest), at most {@code limit}. */
    public List<Entry> page(Handle handle, Long before, int limit) {
        return handle.createQuery("SELECT id, at, actor, address, action, target, summary FROM audit_entry "
                        + "WHERE id < :before ORDER BY id DESC LIMIT :limit")
                .bind("before", before == null ? Long.MAX_VALUE : before)
                .bind("limit", Math.min(Math.max(limit, 1), MAX_PAGE))
                .map((rs, ctx) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"), rs.getString("address"), rs.getString("action"),
                        rs.getString("target"), rs.getString("summary")))
                .list();
    }
}
