package org.openpaypro.settlement;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.ledger.Ledger;

/**
 * Moves settled pay-in funds from UNSETTLED to AVAILABLE (DESIGN §5): every successful pay-in carries its
 * {@code settle_at} (T+N at the country's local midnight) and net amount; a run settles everything due, per merchant
 * in batches of up to 1,000 trades, one journal per batch. Trades are claimed with SKIP LOCKED and marked settled in
 * the same transaction as the journal, so concurrent runs on several nodes never settle a trade twice. Thread-safe.
 */
public final class SettlementService {
    private static final int BATCH = 1000;

    private final Jdbi jdbi;
    private final Ledger ledger;

    /** What a run did. */
    public record Result(int trades, int journals) {
    }

    public SettlementService(Jdbi jdbi, Ledger ledger) {
        this.jdbi = jdbi;
        this.ledger = ledger;
    }

    public Result run(Instant asOf) {
        int trades = 0;
        int journals = 0;
        List<Long> merchants = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT DISTINCT merchant_id FROM trade
                        WHERE settled_at IS NULL AND settle_at IS NOT NULL AND settle_at <= :asOf""")
                .bind("asOf", Timestamp.from(asOf))
                .mapTo(Long.class)
                .list());
        for (long merchantId : merchants) {
            while (true) {
                long[] batch = jdbi.inTransaction(handle -> {
                    List<Long> amounts = handle.createQuery("""
                                    UPDATE trade SET settled_at = now()
                                    WHERE id IN (SELECT id FROM trade
                                                 WHERE merchant_id = :m AND settled_at IS NULL AND settle_at IS NOT NULL
                                                   AND settle_at <= :asOf
                                                 ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED)
                                    RETURNING settle_amount""")
                            .bind("m", merchantId)
                            .bind("asOf", Timestamp.from(asOf))
                            .bind("batch", BATCH)
                            .mapTo(Long.class)
                            .list();
                    long total = 0;
                    for (long amount : amounts) {
                        total = Math.addExact(total, amount);
                    }
                    if (total > 0) {
                        ledger.settle(handle, merchantId, total);
                    }
                    return new long[] {amounts.size(), total > 0 ? 1 : 0};
                });
                trades += (int) batch[0];
                journals += (int) batch[1];
                if (batch[0] < BATCH) {
                    break;
                }
            }
        }
        return new Result(trades, journals);
    }
}
