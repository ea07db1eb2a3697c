package org.openpaypro.settlement;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.access.Actor;
import org.openpaypro.access.AuditLog;
import org.openpaypro.ledger.Ledger;

/**
 * Moves settled pay-in funds from UNSETTLED to AVAILABLE (DESIGN §5): every successful pay-in carries its
 * {@code settle_at} (T+N at the country's local midnight) and net amount; a run settles everything due, per merchant
 * in batches of up to 1,000 trades, one journal per batch. Trades are claimed with SKIP LOCKED and marked settled in
 * the same transaction as the journal, so concurrent runs on several nodes never settle a trade twice. A run an
 * operator starts writes one audit row per batch inside the batch's transaction, and one for the run itself
 * (scheduled runs are not operator changes and write none). Thread-safe.
 */
public final class SettlementService {
    private static final int BATCH = 1000;

    private final Jdbi jdbi;
    private final Ledger ledger;
    private final AuditLog audit = new AuditLog();

    /** What a run did. */
    public record Result(int trades, int journals) {
    }

    public SettlementService(Jdbi jdbi, Ledger ledger) {
        this.jdbi = jdbi;
        this.ledger = ledger;
    }

    /** A scheduled run (no operator). */
    public Result run(Instant asOf) {
        return run(asOf, null);
    }

    /** Settles everything due at {@code asOf}; {@code actor} (null for the scheduler) is audited. */
    public Result run(Instant asOf, Actor actor) {
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
                    if (actor != null && !amounts.isEmpty()) {
                        audit.write(handle, actor, "settlement.batch", merchantNo(handle, merchantId),
                                "trades=" + amounts.size() + ", unitsToAvailable=" + total + ", asOf=" + asOf);
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
        if (actor != null) {
            String summary = "trades=" + trades + ", journals=" + journals;
            jdbi.useTransaction(handle -> audit.write(handle, actor, "settlement.run", "asOf=" + asOf, summary));
        }
        return new Result(trades, journals);
    }

    private static String merchantNo(org.jdbi.v3.core.Handle handle, long merchantId) {
        return handle.createQuery("SELECT merchant_no FROM merchant WHERE id = :id").bind("id", merchantId)
                .mapTo(String.class).one();
    }
}
