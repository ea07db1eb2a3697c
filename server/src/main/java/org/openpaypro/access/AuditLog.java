package org.openpaypro.access;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The append-only audit trail (DESIGN §14). {@link #write} runs inside the caller's transaction, so a change and
 * its row commit or roll back together; a refused call writes nothing. Summaries must never carry secrets.
 * Its SQL is in {@link AuditRepository}. Stateless, thread-safe.
 */
public final class AuditLog {
    /** Most entries one page returns. */
    public static final int MAX_PAGE = 500;

    private final AuditRepository repository = new AuditRepository();

    /** One row of the trail. */
    public record Entry(long id, Instant at, String actor, String address, String action, String target,
                        String summary) {
    }

    public void write(Handle handle, Actor actor, String action, String target, String summary) {
        repository.insert(handle, actor.name(), actor.address() == null ? "" : actor.address(), action, target,
                summary);
    }

    /** Newest first, entries with an id below {@code before} (null: from the newest), at most {@code limit}. */
    public List<Entry> page(Handle handle, Long before, int limit) {
        return search(handle, new Filter(null, null, null), before, limit);
    }

    /**
     * What a page of the trail keeps: each component null for any; {@code actor} and {@code action} exact (the actor
     * compared lower-cased), {@code target} a substring.
     */
    public record Filter(String actor, String action, String target) {
    }

    /** As {@link #page}, only the entries {@code filter} keeps (the console's audit page). */
    public List<Entry> search(Handle handle, Filter filter, Long before, int limit) {
        return repository.page(handle, filter, before == null ? Long.MAX_VALUE : before,
                Math.min(Math.max(limit, 1), MAX_PAGE));
    }
}
