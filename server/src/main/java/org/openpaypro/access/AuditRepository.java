package org.openpaypro.access;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.openpaypro.db.RawSql;

/** SQL of the audit trail ({@code audit_entry}) for {@link AuditLog}. Stateless; runs on the caller's handle. */
final class AuditRepository {
    /** Plain JDBC: every audited change runs it, the sandbox's result route under load (issue 15). */
    private static final RawSql INSERT = new RawSql("INSERT INTO audit_entry (actor, address, action, target, summary) "
            + "VALUES (:actor, :address, :action, :target, :summary)");

    void insert(Handle handle, String actor, String address, String action, String target, String summary) {
        INSERT.bind().set("actor", actor).set("address", address).set("action", action).set("target", target)
                .set("summary", summary).query(handle, row -> null);
    }

    /** Newest first, entries {@code filter} keeps with an id below {@code before}, at most {@code limit}. */
    List<AuditLog.Entry> page(Handle handle, AuditLog.Filter filter, long before, int limit) {
        return handle.createQuery("""
                        SELECT id, at, actor, address, action, target, summary FROM audit_entry
                        WHERE (CAST(:actor AS text) IS NULL OR actor = lower(:actor))
                          AND (CAST(:action AS text) IS NULL OR action = :action)
                          AND (CAST(:target AS text) IS NULL OR position(:target IN target) > 0)
                          AND id < :before
                        ORDER BY id DESC LIMIT :limit""")
                .bind("actor", filter.actor())
                .bind("action", filter.action())
                .bind("target", filter.target())
                .bind("before", before)
                .bind("limit", limit)
                .map((rs, ctx) -> new AuditLog.Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"), rs.getString("address"), rs.getString("action"),
                        rs.getString("target"), rs.getString("summary")))
                .list();
    }
}
