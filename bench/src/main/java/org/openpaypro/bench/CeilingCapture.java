package org.openpaypro.bench;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Derives, per scenario, the SQL one request costs the database: sends three sample requests with statement logging
 * on, keeps the transactions linked to each sample by its identifiers (trade numbers, trade and notification ids;
 * the merchant id for a balance query), takes the sample with the fewest statements (the steady state: no cache
 * miss) and, for write scenarios, renders it as a pgbench script ({@link PgbenchScript}). Not thread-safe.
 */
final class CeilingCapture {
    private static final int SAMPLES = 3;

    /** What one request of a scenario executes, and the pgbench script made from it (null for read scenarios). */
    record Derived(Scenario scenario, List<PgLog.Statement> statements, int transactions, String script,
                   List<String> notes) {
        int statementCount() {
            return statements.size();
        }
    }

    private record Sample(List<PgLog.Statement> statements, int transactions, Map<String, String> variables,
                          List<PgbenchScript.Returned> returned, List<String> notes) {
    }

    private final StatementCapture capture;
    private final Psql psql;
    private final MerchantLayout layout;
    private final Workloads workloads;
    private final int merchantCount;
    private final int hotIndex;
    private final Calls calls;
    private final NotifyReceiver receiver;
    private final Set<String> background;

    CeilingCapture(StatementCapture capture, Psql psql, MerchantLayout layout, Workloads workloads, int merchantCount,
                   int hotIndex, Calls calls, NotifyReceiver receiver) throws Exception {
        this.capture = capture;
        this.psql = psql;
        this.layout = layout;
        this.workloads = workloads;
        this.merchantCount = merchantCount;
        this.hotIndex = hotIndex;
        this.calls = calls;
        this.receiver = receiver;
        // 1.5 s covers several polls of every periodic worker (notify 200 ms, reconciler 500 ms).
        this.background = capture.background(1_500);
    }

    Derived derive(Scenario scenario) throws Exception {
        List<SampleIds> ids = new ArrayList<>();
        for (int s = 0; s < SAMPLES; s++) {
            int index = scenario == Scenario.PAYOUT_CREATE_HOT ? hotIndex : (merchantCount / 2 + s) % merchantCount;
            ids.add(prepare(scenario, index));
        }
        List<PgLog.Statement> captured = capture.record(() -> ids.forEach(sample -> perform(scenario, sample)));
        List<PgLog.Transaction> all = PgLog.transactions(captured);
        Sample best = null;
        for (SampleIds sample : ids) {
            Sample candidate = sample(scenario, sample, all);
            if (!candidate.statements().isEmpty()
                    && (best == null || candidate.statements().size() < best.statements().size())) {
                best = candidate;
            }
        }
        if (best == null) {
            return new Derived(scenario, List.of(), 0, null, List.of("no statement of the sample requests was"
                    + " found in the PostgreSQL log"));
        }
        String script = null;
        List<String> notes = new ArrayList<>(best.notes());
        if (scenario.writes()) {
            try {
                script = PgbenchScript.render(header(scenario, best), best.statements(), best.variables(),
                        best.returned(), capture.parameterTypes(best.statements()));
            } catch (IllegalStateException e) {
                notes.add("no pgbench script: " + e.getMessage());
            }
        }
        return new Derived(scenario, best.statements(), best.transactions(), script, notes);
    }

    /** One sample request's merchant, numbers and sign; filled in as the request runs. */
    private static final class SampleIds {
        final int merchantIndex;
        String tradeNo;
        String platformTradeNo;
        String sign;
        String error;

        SampleIds(int merchantIndex) {
            this.merchantIndex = merchantIndex;
        }
    }

    /** Outside the capture window: whatever the sample request needs to exist first. */
    private SampleIds prepare(Scenario scenario, int merchantIndex) {
        SampleIds sample = new SampleIds(merchantIndex);
        BenchMerchant merchant = workloads.merchant(merchantIndex);
        if (scenario == Scenario.QUERY_PAYIN || scenario == Scenario.QUERY_PAYOUT) {
            sample.tradeNo = workloads.nextTradeNo("cq");
            Calls.Outcome created = calls.call(scenario == Scenario.QUERY_PAYIN ? Calls.Op.PAYIN : Calls.Op.PAYOUT,
                    merchant, sample.tradeNo);
            sample.platformTradeNo = created.platformTradeNo();
            sample.error = created.error();
        }
        return sample;
    }

    private void perform(Scenario scenario, SampleIds sample) {
        BenchMerchant merchant = workloads.merchant(sample.merchantIndex);
        Calls.Outcome outcome = switch (scenario) {
            case PAYIN_CREATE -> calls.call(Calls.Op.PAYIN, merchant, sample.tradeNo = workloads.nextTradeNo("cp"));
            case PAYOUT_CREATE, PAYOUT_CREATE_HOT ->
                calls.call(Calls.Op.PAYOUT, merchant, sample.tradeNo = workloads.nextTradeNo("cp"));
            case QUERY_PAYIN -> calls.call(Calls.Op.QUERY_PAYIN, merchant, sample.tradeNo);
            case QUERY_PAYOUT -> calls.call(Calls.Op.QUERY_PAYOUT, merchant, sample.tradeNo);
            case BALANCE -> calls.call(Calls.Op.BALANCE, merchant, null);
            case FULL_FLOW -> workloads.flow(calls, sample.merchantIndex,
                    sample.tradeNo = workloads.nextTradeNo("cf"), 10);
            case TRADES_PAGE, HTTP_FLOOR -> throw new IllegalArgumentException(scenario.label() + " has no SQL");
        };
        sample.sign = calls.lastSign() == null ? null : calls.lastSign().toLowerCase(Locale.ROOT);
        if (outcome.platformTradeNo() != null) {
            sample.platformTradeNo = outcome.platformTradeNo();
        }
        if (!outcome.ok() && sample.error == null) {
            sample.error = outcome.error();
        }
    }

    private Sample sample(Scenario scenario, SampleIds sample, List<PgLog.Transaction> all)
            throws IOException, InterruptedException {
        List<String> notes = new ArrayList<>();
        if (sample.error != null) {
            notes.add("a sample request failed: " + sample.error);
        }
        long merchantId = layout.merchantId(sample.merchantIndex);
        String tradeId = null;
        List<String> notificationIds = new ArrayList<>();
        if (sample.platformTradeNo != null && sample.platformTradeNo.matches("[A-Za-z0-9]+")) {
            List<String[]> rows = psql.rows("SELECT id FROM trade WHERE platform_trade_no = '"
                    + sample.platformTradeNo + "';");
            if (!rows.isEmpty()) {
                tradeId = rows.get(0)[0];
                for (String[] row : psql.rows("SELECT id FROM notification WHERE trade_id = " + tradeId
                        + " ORDER BY id;")) {
                    notificationIds.add(row[0]);
                }
            }
        }
        Set<String> identifiers = new LinkedHashSet<>();
        identifiers.add(sample.tradeNo);
        identifiers.add(sample.platformTradeNo);
        // the replay guard's seen_sign write names no trade, only the sign (32 hex characters, an array element)
        identifiers.add(sample.sign);
        identifiers.add(tradeId);
        identifiers.addAll(notificationIds);
        if (scenario == Scenario.BALANCE) {
            identifiers.add(Long.toString(merchantId));
        }
        identifiers.remove(null);
        List<PgLog.Transaction> linked = StatementCapture.requestTransactions(all, identifiers, background);
        if (scenario == Scenario.FULL_FLOW && !notificationIds.isEmpty()) {
            linked = withClaim(all, linked, notificationIds);
        }
        List<PgLog.Statement> statements = new ArrayList<>();
        linked.forEach(transaction -> statements.addAll(transaction.statements()));

        Map<String, String> variables = new LinkedHashMap<>();
        bind(variables, sample.tradeNo, "tn", notes);
        bind(variables, sample.platformTradeNo, "ptn", notes);
        // a fresh sign per transaction: 16 random digits padded to 32, valid hex for decode(.., 'hex')
        bind(variables, sample.sign, "lpad(CAST(:sgn AS text), 32, '0')", notes);
        bind(variables, Long.toString(merchantId), "mid", notes);
        for (String kind : MerchantLayout.KINDS) {
            bind(variables, Long.toString(layout.accountId(kind, sample.merchantIndex)),
                    "acc_" + kind.toLowerCase(Locale.ROOT), notes);
        }
        MerchantLayout.platform(psql).forEach((name, id) -> bind(variables, id, name, notes));
        List<PgbenchScript.Returned> returned = new ArrayList<>();
        addReturned(returned, statements, "trade", "t_", tradeId, null, variables, notes);
        if (!notificationIds.isEmpty()) {
            addReturned(returned, statements, "notification", "n_", notificationIds.get(0),
                    "SELECT max(id) AS id FROM notification WHERE trade_id = :t_id", variables, notes);
        }
        return new Sample(statements, linked.size(), variables, returned, notes);
    }

    /** Adds the dispatcher's claim of the notification (it names no id of the trade) before its first use. */
    private List<PgLog.Transaction> withClaim(List<PgLog.Transaction> all, List<PgLog.Transaction> linked,
                                              List<String> notificationIds) {
        for (int i = 0; i < linked.size(); i++) {
            PgLog.Transaction transaction = linked.get(i);
            if (notificationIds.stream().anyMatch(transaction::mentions)
                    && transaction.work().stream().noneMatch(statement ->
                    PgbenchScript.insertsInto(statement.sql(), "notification"))) {
                PgLog.Transaction claim = StatementCapture.claimBefore(all, transaction, "notification",
                        background);
                if (claim != null) {
                    List<PgLog.Transaction> result = new ArrayList<>(linked);
                    result.add(i, claim);
                    return result;
                }
                return linked;
            }
        }
        return linked;
    }

    private static void bind(Map<String, String> variables, String value, String name, List<String> notes) {
        if (value == null) {
            return;
        }
        String previous = variables.putIfAbsent(value, name);
        if (previous != null && !previous.equals(name)) {
            notes.add("value " + value + " is both :" + previous + " and :" + name + "; used as :" + previous);
        }
    }

    private static void addReturned(List<PgbenchScript.Returned> returned, List<PgLog.Statement> statements,
                                    String table, String prefix, String id, String lookup,
                                    Map<String, String> variables, List<String> notes) {
        if (id == null) {
            return;
        }
        if (PgLog.transactions(statements).stream().noneMatch(transaction -> transaction.mentions(id))) {
            return;
        }
        if (variables.containsKey(id)) {
            notes.add("the " + table + " id " + id + " equals :" + variables.get(id) + "; the script may mix them");
        }
        returned.add(new PgbenchScript.Returned(table, prefix, id, lookup));
    }

    private List<String> header(Scenario scenario, Sample sample) {
        List<String> lines = new ArrayList<>();
        lines.add("-- pgbench script of one OpenPayPro \"" + scenario.label() + "\" request: the SQL the gateway sent");
        lines.add("-- for it, captured from PostgreSQL (log_statement = 'all') by org.openpaypro.bench.Bench on "
                + LocalDate.now() + ";");
        lines.add("-- " + sample.transactions() + " transaction(s), " + sample.statements().size()
                + " statements including BEGIN/COMMIT. Request values are variables; ids come from -D (see");
        lines.add("-- docs/PERFORMANCE.md). Run with: pgbench -n -M prepared -f <this> -D merchants=.. -D mbase=..");
        lines.addAll(MerchantLayout.merchantLines(scenario == Scenario.PAYOUT_CREATE_HOT));
        lines.add("\\set tn random(1, 9223372036854775806)");
        lines.add("\\set ptn random(1, 9223372036854775806)");
        lines.add("\\set sgn random(1000000000000000, 9999999999999999)");
        return lines;
    }
}
