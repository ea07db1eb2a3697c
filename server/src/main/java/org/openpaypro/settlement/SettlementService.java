package org.openpaypro.settlement;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.access.Actor;
import org.openpaypro.access.AuditLog;
import org.openpaypro.ledger.Ledger;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.trade.TradeSettlementService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves settled pay-in funds from UNSETTLED to AVAILABLE (DESIGN §5): every successful pay-in carries its
 * {@code settle_at} (T+N at the country's local midnight) and net amount; a run settles everything due, per merchant
 * in batches of up to 1,000 trades, one journal per batch. Trades are claimed with SKIP LOCKED and marked settled in
 * the same transaction as the journal, so concurrent runs on several nodes never settle a trade twice. Merchants are
 * settled independently: a merchant whose batch fails (e.g. a balance that would overflow) is logged, counted in
 * {@code openpaypro_settlement_failures_total}, left for the next run, and the others are still settled. A run an
 * operator starts writes one audit row per batch inside the batch's transaction, and one for the run itself
 * (scheduled runs are not operator changes and write none). Thread-safe.
 */
public final class SettlementService {
    private static final Logger log = LoggerFactory.getLogger(SettlementService.class);
    private static final int BATCH = 1000;

    private final Jdbi jdbi;
    private final Ledger ledger;
    private final TradeSettlementService dueTrades;
    private final MerchantService merchants;
    private final Counter failures;
    private final AuditLog audit = new AuditLog();

    /** What a run did; {@code failedMerchants} were left unsettled (see the log) and retried by the next run. */
    public record Result(int trades, int journals, int failedMerchants) {
    }

    public SettlementService(Jdbi jdbi, Ledger ledger, TradeSettlementService dueTrades, MerchantService merchants,
                             MeterRegistry metrics) {
        this.jdbi = jdbi;
        this.ledger = ledger;
        this.dueTrades = dueTrades;
        this.merchants = merchants;
        this.failures = Counter.builder("openpaypro_settlement_failures")
                .description("merchants whose settlement failed in a run (left for the next run)").register(metrics);
    }

    /** A scheduled run (no operator). */
    public Result run(Instant asOf) {
        return run(asOf, null);
    }

    /** Settles everything due at {@code asOf}; {@code actor} (null for the scheduler) is audited. */
    public Result run(Instant asOf, Actor actor) {
        int trades = 0;
        int journals = 0;
        int failed = 0;
        for (long merchantId : dueTrades.merchantsDue(asOf)) {
            try {
                Settled settled = settleMerchant(merchantId, asOf, actor);
                trades += (int) settled.trades();
                journals += (int) settled.journals();
            } catch (RuntimeException e) {
                failed++;
                failures.increment();
                log.error("settlement of merchant id {} failed; its due trades stay unsettled until a later run: {}",
                        merchantId, e.getMessage());
            }
        }
        if (actor != null) {
            String summary = "trades=" + trades + ", journals=" + journals + ", failedMerchants=" + failed;
            jdbi.useTransaction(handle -> audit.write(handle, actor, "settlement.run", "asOf=" + asOf, summary));
        }
        return new Result(trades, journals, failed);
    }

    /** How many trades one merchant's settlement moved to available, in how many journal entries. */
    private record Settled(long trades, long journals) {
    }

    /** Settles one merchant, one transaction per batch. */
    private Settled settleMerchant(long merchantId, Instant asOf, Actor actor) {
        long trades = 0;
        long journals = 0;
        // read before the batches' transactions, so a batch never waits for a second connection
        String merchantNo = actor != null ? merchants.findById(merchantId).orElseThrow().merchantNo() : null;
        while (true) {
            Settled batch = jdbi.inTransaction(handle -> {
                List<Long> amounts = dueTrades.claimDue(handle, merchantId, asOf, BATCH);
                long total = 0;
                for (long amount : amounts) {
                    total = Ledger.addExact(total, amount, "the settlement batch");
                }
                if (total > 0) {
                    ledger.settle(handle, merchantId, total);
                }
                if (actor != null && !amounts.isEmpty()) {
                    audit.write(handle, actor, "settlement.batch", merchantNo,
                            "trades=" + amounts.size() + ", unitsToAvailable=" + total + ", asOf=" + asOf);
                }
                return new Settled(amounts.size(), total > 0 ? 1 : 0);
            });
            trades += batch.trades();
            journals += batch.journals();
            if (batch.trades() < BATCH) {
                return new Settled(trades, journals);
            }
        }
    }

}
