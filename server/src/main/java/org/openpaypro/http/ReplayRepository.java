package org.openpaypro.http;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.db.RawSql;

/**
 * SQL of the seen signatures ({@code seen_sign}) for {@link ReplayGuard}. Stateless; runs on the caller's handle, the
 * record of uses on a connection of its own ({@link RawSql}).
 */
final class ReplayRepository {
    /** Run as plain JDBC ({@link RawSql}): every merchant request passes here (issue 15). */
    private static final RawSql RECORD = new RawSql("""
            WITH async AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true))
            INSERT INTO seen_sign (merchant_id, sign, expires_at)
            SELECT u.merchant, decode(u.sign, 'hex'), to_timestamp(u.expires / 1000.0)
            FROM unnest(CAST(:merchants AS bigint[]), CAST(:signs AS text[]), CAST(:expires AS bigint[]))
                AS u (merchant, sign, expires), async
            ON CONFLICT (merchant_id, sign) DO UPDATE SET expires_at = excluded.expires_at
            WHERE seen_sign.expires_at < now()
            RETURNING merchant_id || ':' || encode(sign, 'hex')""");

    /** A signature to record: the merchant, the 32 hex characters of its digest and when it may be forgotten. */
    record Use(long merchantId, String signHex, long expiresAtMillis) {
        String key() {
            return merchantId + ":" + signHex;
        }
    }

    /**
     * Records each use unless it is recorded and unexpired, in one statement that is its own transaction, committed
     * without waiting for the disk ({@code set_config(..., true)} is {@code SET LOCAL} inside the statement, so no
     * BEGIN/SET/COMMIT round trips); returns the keys ({@link Use#key()}) that were new. The uses must be distinct:
     * the same row twice in one {@code ON CONFLICT DO UPDATE} is an error in PostgreSQL.
     */
    Set<String> recordUnlessSeen(Jdbi jdbi, List<Use> uses) {
        long[] merchants = new long[uses.size()];
        String[] signs = new String[uses.size()];
        long[] expires = new long[uses.size()];
        for (int i = 0; i < uses.size(); i++) {
            merchants[i] = uses.get(i).merchantId();
            signs[i] = uses.get(i).signHex();
            expires[i] = uses.get(i).expiresAtMillis();
        }
        List<String> fresh = RECORD.bind().set("merchants", merchants).set("signs", signs).set("expires", expires)
                .query(jdbi, row -> row.getString(1));
        return new HashSet<>(fresh);
    }

    /** Deletes up to {@code batch} expired signatures; how many. */
    int deleteExpired(Handle handle, int batch) {
        return handle.createUpdate("""
                DELETE FROM seen_sign WHERE ctid = ANY (ARRAY(
                    SELECT ctid FROM seen_sign WHERE expires_at < now() LIMIT :batch))""")
                .bind("batch", batch).execute();
    }
}
