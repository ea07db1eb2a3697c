package org.openpaypro.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The ledger audit of DESIGN §5, run by {@code GET /admin/v1/ledger/check} and after every test scenario: every
 * journal balances; every merchant balance equals its postings and is not negative; every trade's postings match
 * its state; unsettled and frozen balances equal what their trades say; a notification exists exactly for finished
 * trades. Reads only, in one repeatable-read snapshot. Every run is counted in {@code openpaypro_ledger_checks_total
 * {result=ok|failed|error}}, and {@code openpaypro_ledger_check_ok} (1 passed, 0 failed, NaN before the first run),
 * {@code openpaypro_ledger_check_violations} and {@code openpaypro_ledger_check_last_run_timestamp_seconds} hold the
 * last finished run. Thread-safe.
 */
public final class LedgerCheck {
    private static final int MAX_VIOLATIONS = 100;

    private static final Map<String, String> RULES = new LinkedHashMap<>();

    static {
        RULES.put("journal does not sum to zero", """
                SELECT 'journal ' || journal_id || ' sums to ' || sum(amount) FROM posting
                GROUP BY journal_id HAVING sum(amount) <> 0""");
        RULES.put("journal without postings", """
                SELECT 'journal ' || j.id || ' (' || j.kind || ') has no postings' FROM journal j
                WHERE NOT EXISTS (SELECT 1 FROM posting p WHERE p.journal_id = j.id)""");
        RULES.put("balance differs from postings", """
                SELECT 'account ' || a.id || ' (' || a.kind || ' of merchant ' || a.merchant_id || ') balance '
                       || a.balance || ' but postings sum to ' || coalesce(p.total, 0)
                FROM account a LEFT JOIN (SELECT account_id, sum(amount) AS total FROM posting GROUP BY account_id) p
                     ON p.account_id = a.id
                WHERE a.merchant_id IS NOT NULL AND a.balance <> coalesce(p.total, 0)""");
        RULES.put("negative merchant balance", """
                SELECT 'account ' || id || ' (' || kind || ' of merchant ' || merchant_id || ') is ' || balance
                FROM account WHERE merchant_id IS NOT NULL AND balance < 0""");
        RULES.put("trade postings do not match its state", """
                WITH effect AS (
                    SELECT j.trade_id,
                           sum(CASE WHEN a.kind = 'AVAILABLE' THEN p.amount ELSE 0 END) AS available,
                           sum(CASE WHEN a.kind = 'FROZEN' THEN p.amount ELSE 0 END) AS frozen,
                           sum(CASE WHEN a.kind = 'UNSETTLED' THEN p.amount ELSE 0 END) AS unsettled,
                           count(DISTINCT j.id) AS journals
                    FROM journal j JOIN posting p ON p.journal_id = j.id JOIN account a ON a.id = p.account_id
                    WHERE j.trade_id IS NOT NULL GROUP BY j.trade_id)
                SELECT 'trade ' || t.platform_trade_no || ' (' || t.direction || ' ' || t.status || ') has postings '
                       || coalesce(e.available, 0) || '/' || coalesce(e.frozen, 0) || '/' || coalesce(e.unsettled, 0)
                       || ' in ' || coalesce(e.journals, 0) || ' journals'
                FROM trade t LEFT JOIN effect e ON e.trade_id = t.id
                WHERE NOT (
                    (t.direction = 'PAYIN' AND t.status IN ('0015', '00029') AND e.trade_id IS NULL)
                 OR (t.direction = 'PAYIN' AND t.status IN ('0000', '0001') AND e.journals = 1
                     AND e.available = 0 AND e.frozen = 0 AND e.unsettled = t.settle_amount)
                 OR (t.direction = 'PAYOUT' AND t.status = '0015' AND e.journals = 1
                     AND e.available = -(t.amount + t.fee) AND e.frozen = t.amount + t.fee AND e.unsettled = 0)
                 OR (t.direction = 'PAYOUT' AND t.status = '0000' AND e.journals = 2
                     AND e.available = -(t.amount + t.fee) AND e.frozen = 0 AND e.unsettled = 0)
                 OR (t.direction = 'PAYOUT' AND t.status = '00029' AND e.journals = 2
                     AND e.available = 0 AND e.frozen = 0 AND e.unsettled = 0))""");
        RULES.put("unsettled balance differs from unsettled trades", """
                SELECT 'merchant ' || a.merchant_id || ' unsettled ' || a.balance || ' but trades say '
                       || coalesce(u.total, 0)
                FROM account a LEFT JOIN (SELECT merchant_id, sum(settle_amount) AS total FROM trade
                                          WHERE settle_amount IS NOT NULL AND settled_at IS NULL
                                          GROUP BY merchant_id) u ON u.merchant_id = a.merchant_id
                WHERE a.kind = 'UNSETTLED' AND a.balance <> coalesce(u.total, 0)""");
        RULES.put("frozen balance differs from processing payouts", """
                SELECT 'merchant ' || a.merchant_id || ' frozen ' || a.balance || ' but processing payouts say '
                       || coalesce(f.total, 0)
                FROM account a LEFT JOIN (SELECT merchant_id, sum(amount + fee) AS total FROM trade
                                          WHERE direction = 'PAYOUT' AND status = '0015'
                                          GROUP BY merchant_id) f ON f.merchant_id = a.merchant_id
                WHERE a.kind = 'FROZEN' AND a.balance <> coalesce(f.total, 0)""");
        RULES.put("notification missing or premature", """
                SELECT 'trade ' || t.platform_trade_no || ' (' || t.status || ') has '
                       || (SELECT count(*) FROM notification n WHERE n.trade_id = t.id) || ' notifications'
                FROM trade t
                WHERE (t.status <> '0015') <> EXISTS (SELECT 1 FROM notification n WHERE n.trade_id = t.id)""");
    }

    private final Jdbi jdbi;
    private final MeterRegistry metrics;
    /** ok (1/0), violations, finished at (epoch seconds) of the last finished run. */
    private final AtomicReference<double[]> last = new AtomicReference<>(new double[] {Double.NaN, Double.NaN, 0});

    /** The audit's answer: ok when no rule found anything. */
    public record Report(boolean ok, long journals, long postings, long trades, List<String> violations) {
    }

    /** The outcome of the last finished run, for the console dashboard. Immutable. */
    public record LastRun(boolean ok, int violations, java.time.Instant finishedAt) {
    }

    private final AtomicReference<LastRun> lastRun = new AtomicReference<>();

    public LedgerCheck(Jdbi jdbi) {
        this(jdbi, new SimpleMeterRegistry());
    }

    public LedgerCheck(Jdbi jdbi, MeterRegistry metrics) {
        this.jdbi = jdbi;
        this.metrics = metrics;
        for (String result : List.of("ok", "failed", "error")) {
            count(result, 0);
        }
        Gauge.builder("openpaypro_ledger_check_ok", last, l -> l.get()[0])
                .description("1 when the last ledger check passed, 0 when it found violations").register(metrics);
        Gauge.builder("openpaypro_ledger_check_violations", last, l -> l.get()[1])
                .description("violations found by the last ledger check (at most 100)").register(metrics);
        Gauge.builder("openpaypro_ledger_check_last_run_timestamp_seconds", last, l -> l.get()[2])
                .description("when the last ledger check finished (0: none since start)").register(metrics);
    }

    /** Runs the audit and records its result in the metrics; a run that fails (database) counts as "error". */
    public Report run() {
        Report report;
        try {
            report = audit();
        } catch (RuntimeException e) {
            count("error", 1);
            throw e;
        }
        count(report.ok() ? "ok" : "failed", 1);
        last.set(new double[] {report.ok() ? 1 : 0, report.violations().size(), System.currentTimeMillis() / 1000.0});
        lastRun.set(new LastRun(report.ok(), report.violations().size(), java.time.Instant.now()));
        return report;
    }

    /** The last finished run since start, if any (the periodic check, the operator API or the console ran it). */
    public java.util.Optional<LastRun> lastRun() {
        return java.util.Optional.ofNullable(lastRun.get());
    }

    private void count(String result, double amount) {
        Counter.builder("openpaypro_ledger_checks").description("ledger check runs by result").tag("result", result)
                .register(metrics).increment(amount);
    }

    private Report audit() {
        return jdbi.inTransaction(org.jdbi.v3.core.transaction.TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            org.openpaypro.db.Database.allowLongStatements(handle); // reads whole tables: no request timeout
            List<String> violations = new ArrayList<>();
            for (Map.Entry<String, String> rule : RULES.entrySet()) {
                for (String finding : handle.createQuery(rule.getValue() + " LIMIT " + MAX_VIOLATIONS)
                        .mapTo(String.class).list()) {
                    if (violations.size() < MAX_VIOLATIONS) {
                        violations.add(rule.getKey() + ": " + finding);
                    }
                }
            }
            return new Report(violations.isEmpty(), count(handle, "journal"), count(handle, "posting"),
                    count(handle, "trade"), violations);
        });
    }

    private static long count(Handle handle, String table) {
        return handle.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one();
    }
}
