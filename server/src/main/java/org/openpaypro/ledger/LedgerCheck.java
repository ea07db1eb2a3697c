package org.openpaypro.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;

/**
 * The ledger audit of DESIGN §5, run by {@code GET /admin/v1/ledger/check} and after every test scenario: every
 * journal balances; every merchant balance equals its postings and is not negative (the ledger's own rules, here);
 * then the rules other features state about the ledger, passed in by the composition root (the trade's: every
 * trade's postings match its state, unsettled and frozen balances equal what the trades say, a notification exists
 * exactly for finished trades; see {@code trade.TradeLedgerRules}). Reads only, in one repeatable-read snapshot.
 * Every run is counted in {@code openpaypro_ledger_checks_total {result=ok|failed|error}}, and
 * {@code openpaypro_ledger_check_ok} (1 passed, 0 failed, NaN before the first run),
 * {@code openpaypro_ledger_check_violations} and {@code openpaypro_ledger_check_last_run_timestamp_seconds} hold the
 * last finished run. Thread-safe.
 */
public final class LedgerCheck {
    private static final int MAX_VIOLATIONS = 100;

    /** The ledger's own rules: name → a query returning one line per violation. */
    private static final Map<String, String> LEDGER_RULES = new LinkedHashMap<>();

    static {
        LEDGER_RULES.put("journal does not sum to zero", """
                SELECT 'journal ' || journal_id || ' sums to ' || sum(amount) FROM posting
                GROUP BY journal_id HAVING sum(amount) <> 0""");
        LEDGER_RULES.put("journal without postings", """
                SELECT 'journal ' || j.id || ' (' || j.kind || ') has no postings' FROM journal j
                WHERE NOT EXISTS (SELECT 1 FROM posting p WHERE p.journal_id = j.id)""");
        LEDGER_RULES.put("balance differs from postings", """
                SELECT 'account ' || a.id || ' (' || a.kind || ' of merchant ' || a.merchant_id || ') balance '
                       || a.balance || ' but postings sum to ' || coalesce(p.total, 0)
                FROM account a LEFT JOIN (SELECT account_id, sum(amount) AS total FROM posting GROUP BY account_id) p
                     ON p.account_id = a.id
                WHERE a.merchant_id IS NOT NULL AND a.balance <> coalesce(p.total, 0)""");
        LEDGER_RULES.put("negative merchant balance", """
                SELECT 'account ' || id || ' (' || kind || ' of merchant ' || merchant_id || ') is ' || balance
                FROM account WHERE merchant_id IS NOT NULL AND balance < 0""");
    }

    private final Jdbi jdbi;
    private final MeterRegistry metrics;
    private final Map<String, String> rules = new LinkedHashMap<>();
    private final LedgerCheckRepository repository = new LedgerCheckRepository();
    /** ok (1/0), violations, finished at (epoch seconds) of the last finished run. */
    private final AtomicReference<double[]> last = new AtomicReference<>(new double[] {Double.NaN, Double.NaN, 0});

    /** The audit's answer: ok when no rule found anything. */
    public record Report(boolean ok, long journals, long postings, long trades, List<String> violations) {
    }

    /** The outcome of the last finished run, for the console dashboard. Immutable. */
    public record LastRun(boolean ok, int violations, java.time.Instant finishedAt) {
    }

    private final AtomicReference<LastRun> lastRun = new AtomicReference<>();

    /**
     * @param otherRules the rules other features state about the ledger (name → a query returning one line per
     *                   violation), checked after the ledger's own
     */
    public LedgerCheck(Jdbi jdbi, MeterRegistry metrics, Map<String, String> otherRules) {
        this.jdbi = jdbi;
        this.metrics = metrics;
        rules.putAll(LEDGER_RULES);
        rules.putAll(otherRules);
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
            for (Map.Entry<String, String> rule : rules.entrySet()) {
                for (String finding : repository.findings(handle, rule.getValue(), MAX_VIOLATIONS)) {
                    if (violations.size() < MAX_VIOLATIONS) {
                        violations.add(rule.getKey() + ": " + finding);
                    }
                }
            }
            return new Report(violations.isEmpty(), repository.count(handle, "journal"),
                    repository.count(handle, "posting"), repository.count(handle, "trade"), violations);
        });
    }
}
