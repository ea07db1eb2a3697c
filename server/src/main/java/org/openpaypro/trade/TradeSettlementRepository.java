package org.openpaypro.trade;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL of the settlement columns of {@code trade} (settle_at, settle_amount, settled_at). Stateless. */
final class TradeSettlementRepository {

    List<Long> merchantsDue(Handle handle, Instant asOf) {
        return handle.createQuery("""
                        SELECT DISTINCT merchant_id FROM trade
                        WHERE settled_at IS NULL AND settle_at IS NOT NULL AND settle_at <= :asOf""")
                .bind("asOf", Timestamp.from(asOf))
                .mapTo(Long.class)
                .list();
    }

    List<Long> claimDue(Handle handle, long merchantId, Instant asOf, int limit) {
        return handle.createQuery("""
                        UPDATE trade SET settled_at = now()
                        WHERE id IN (SELECT id FROM trade
                                     WHERE merchant_id = :m AND settled_at IS NULL AND settle_at IS NOT NULL
                                       AND settle_at <= :asOf
                                     ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED)
                        RETURNING settle_amount""")
                .bind("m", merchantId)
                .bind("asOf", Timestamp.from(asOf))
                .bind("batch", limit)
                .mapTo(Long.class)
                .list();
    }
}
