package org.openpaypro.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.config.Config;
import org.openpaypro.db.Database;
import org.openpaypro.merchant.FeePlan;
import org.openpaypro.merchant.MerchantRepository;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.merchant.SecretBox;
import org.openpaypro.settlement.SettlementService;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.trade.PartialPayinFee;
import org.openpaypro.trade.SettlementDate;
import org.openpaypro.trade.TradeLedgerRules;
import org.openpaypro.trade.TradeSettlementService;

/**
 * A model test of the ledger (DESIGN §5, TigerBeetle's habit): random sequences of pay-ins, their results (success,
 * partial, failure), payouts (refused when funds are short), payout successes and failures, settlement runs and
 * adjustments in both directions, for two merchants, run against the real {@link Ledger}, {@link SettlementService}
 * and {@link LedgerCheck} on their own embedded PostgreSQL (no mocks). The test keeps the trade rows the way the
 * trade service would (it only needs them for their state), predicts every balance with a plain model, and after
 * each sequence asserts: debits equal credits (every journal and all postings sum to zero), no merchant balance is
 * negative, every merchant balance equals the sum of its postings, the balances are the model's, and the ledger
 * check finds nothing. Bounded: 40 sequences of at most 25 steps; jqwik shrinks a failing sequence to a short one
 * (its default bounded shrinking, at most 10 s).
 */
class LedgerPropertiesIT {
    private static final AtomicLong MERCHANT_NUMBERS = new AtomicLong(1_000_000_000L);
    private static final AtomicLong TRADE_NUMBERS = new AtomicLong();
    private static final String CURRENCY = "BRL";
    private static final String CHANNEL = "simulator";
    private static final ZoneId ZONE = ZoneId.of("America/Sao_Paulo");

    private static Database database;
    private static Jdbi jdbi;
    private static Ledger ledger;
    private static SettlementService settlement;

    @BeforeContainer
    static void start() {
        database = Database.open(Config.from(TestGateway.defaultEnv(TestGateway.freshDataDir())));
        jdbi = database.jdbi();
        // a model test needs no durability: commits without waiting for the disk keep 1,500 transactions quick
        jdbi.useHandle(handle -> {
            handle.execute("ALTER SYSTEM SET synchronous_commit = off");
            handle.execute("SELECT pg_reload_conf()");
        });
        ledger = new Ledger();
        settlement = new SettlementService(jdbi, ledger, new TradeSettlementService(jdbi),
                new MerchantService(jdbi, new MerchantRepository(new SecretBox("00".repeat(32)))),
                new SimpleMeterRegistry());
    }

    @AfterContainer
    static void stop() {
        database.close();
    }

    /** One step of a sequence; {@code merchant} is 0 or 1, {@code pick} chooses among the open trades. */
    sealed interface Step permits Payin, PayinResult, Payout, PayoutResult, Settle, Adjust {
    }

    /** A pay-in is created (processing); refused like a create when its fee does not leave anything. */
    record Payin(int merchant, long amountUnits, FeePlan fee) implements Step {
    }

    enum PayinOutcome { SUCCESS, PARTIAL, FAILURE }

    /** A processing pay-in ends; a partial one pays {@code paidPerMille} ‰ of its amount (at least one unit). */
    record PayinResult(int pick, PayinOutcome outcome, int paidPerMille, int settlementDelayDays) implements Step {
    }

    /** A payout of amount + fee is frozen, or refused (nothing written) when AVAILABLE is short. */
    record Payout(int merchant, long amountUnits, FeePlan fee) implements Step {
    }

    /** A processing payout succeeds (the frozen funds leave) or fails (they come back to AVAILABLE). */
    record PayoutResult(int pick, boolean success) implements Step {
    }

    /** A settlement run as of {@code daysAhead} days from now. */
    record Settle(int daysAhead) implements Step {
    }

    /** An operator adjustment; a debit beyond AVAILABLE is refused and writes nothing. */
    record Adjust(int merchant, long amountUnits) implements Step {
    }

    /** The model of one merchant's balances. */
    static final class Balances3 {
        long available;
        long frozen;
        long unsettled;

        Balances balances() {
            return new Balances(available, frozen, unsettled);
        }
    }

    /** A trade of the sequence as the model sees it. */
    static final class OpenTrade {
        final long id;
        final int merchant;
        final long amountUnits;
        final long feeUnits;
        boolean open = true;
        Long settleAmountUnits;
        Instant settleAt;
        boolean settled;

        OpenTrade(long id, int merchant, long amountUnits, long feeUnits) {
            this.id = id;
            this.merchant = merchant;
            this.amountUnits = amountUnits;
            this.feeUnits = feeUnits;
        }
    }

    /** One sequence's world: its two merchants, the model and the open trades. */
    static final class World {
        final long[] merchantIds = new long[2];
        final Balances3[] model = {new Balances3(), new Balances3()};
        final List<OpenTrade> payins = new ArrayList<>();
        final List<OpenTrade> payouts = new ArrayList<>();
        final List<OpenTrade> settleable = new ArrayList<>();
    }

    @Property(tries = 40)
    void after_any_sequence_debits_equal_credits_no_balance_is_negative_and_each_equals_its_postings(
            @ForAll("sequences") List<Step> steps) {
        World world = new World();
        world.merchantIds[0] = newMerchant();
        world.merchantIds[1] = newMerchant();
        for (int index = 0; index < steps.size(); index++) {
            apply(world, steps.get(index));
            // balances after every step: a failing sequence stops at its first wrong step, so shrinking is quick
            assertBalancesAreTheModels(world, "after step " + index + " " + steps.get(index));
        }
        assertLedgerInvariants();
        LedgerCheck.Report report = new LedgerCheck(jdbi, new SimpleMeterRegistry(), TradeLedgerRules.rules()).run();
        assertThat(report.violations()).as("ledger check after " + steps).isEmpty();
    }

    private static void apply(World world, Step step) {
        if (step instanceof Payin payin) {
            createPayin(world, payin);
        } else if (step instanceof PayinResult result) {
            finishPayin(world, result);
        } else if (step instanceof Payout payout) {
            createPayout(world, payout);
        } else if (step instanceof PayoutResult result) {
            finishPayout(world, result);
        } else if (step instanceof Settle settle) {
            settle(world, settle);
        } else if (step instanceof Adjust adjust) {
            adjust(world, adjust);
        }
    }

    private static void createPayin(World world, Payin payin) {
        long fee = payin.fee().feeFor(payin.amountUnits());
        if (fee >= payin.amountUnits()) {
            return; // refused at creation (amount does not cover the fee): nothing is written
        }
        long id = jdbi.inTransaction(handle -> insertTrade(handle, world.merchantIds[payin.merchant()], "PAYIN",
                payin.amountUnits(), fee));
        world.payins.add(new OpenTrade(id, payin.merchant(), payin.amountUnits(), fee));
    }

    private static void finishPayin(World world, PayinResult result) {
        List<OpenTrade> open = world.payins.stream().filter(trade -> trade.open).toList();
        if (open.isEmpty()) {
            return;
        }
        OpenTrade trade = open.get(result.pick() % open.size());
        trade.open = false;
        long paid = switch (result.outcome()) {
            case SUCCESS -> trade.amountUnits;
            // a pay-in of one unit cannot be paid in part: it is paid in full
            case PARTIAL -> Math.max(1, Math.min(trade.amountUnits - 1,
                    trade.amountUnits * result.paidPerMille() / 1000));
            case FAILURE -> 0;
        };
        if (paid == 0) {
            jdbi.useTransaction(handle -> finishTrade(handle, trade.id, "00029", null, null, null));
            return;
        }
        long fee = PartialPayinFee.onPaid(trade.amountUnits, trade.feeUnits, paid);
        Instant settleAt = SettlementDate.settleAt(Instant.now(), ZONE, result.settlementDelayDays());
        String status = paid == trade.amountUnits ? "0000" : "0001";
        long merchantId = world.merchantIds[trade.merchant];
        jdbi.useTransaction(handle -> {
            finishTrade(handle, trade.id, status, paid, paid - fee, settleAt);
            ledger.write(handle, trade.id, ledger.payinSuccess(handle, merchantId, CURRENCY, CHANNEL, paid, fee));
        });
        trade.settleAmountUnits = paid - fee;
        trade.settleAt = settleAt;
        world.settleable.add(trade);
        world.model[trade.merchant].unsettled += paid - fee;
    }

    private static void createPayout(World world, Payout payout) {
        long fee = payout.fee().feeFor(payout.amountUnits());
        long total = payout.amountUnits() + fee;
        long merchantId = world.merchantIds[payout.merchant()];
        // as the payout writer does: lock AVAILABLE, check, then write trade and freeze in the same transaction
        Long id = jdbi.inTransaction(handle -> {
            if (ledger.lockAvailable(handle, List.of(merchantId)).get(merchantId) < total) {
                return null;
            }
            long tradeId = insertTrade(handle, merchantId, "PAYOUT", payout.amountUnits(), fee);
            ledger.freezeForPayouts(handle, List.of(new Ledger.Frozen(tradeId, merchantId, total)));
            return tradeId;
        });
        Balances3 model = world.model[payout.merchant()];
        assertThat(id != null).as("payout of " + total + " accepted with " + model.available + " available")
                .isEqualTo(model.available >= total);
        if (id != null) {
            world.payouts.add(new OpenTrade(id, payout.merchant(), payout.amountUnits(), fee));
            model.available -= total;
            model.frozen += total;
        }
    }

    private static void finishPayout(World world, PayoutResult result) {
        List<OpenTrade> open = world.payouts.stream().filter(trade -> trade.open).toList();
        if (open.isEmpty()) {
            return;
        }
        OpenTrade trade = open.get(result.pick() % open.size());
        trade.open = false;
        long merchantId = world.merchantIds[trade.merchant];
        long total = trade.amountUnits + trade.feeUnits;
        jdbi.useTransaction(handle -> {
            finishTrade(handle, trade.id, result.success() ? "0000" : "00029", null, null, null);
            if (result.success()) {
                ledger.write(handle, trade.id, ledger.payoutSuccess(handle, merchantId, CURRENCY, CHANNEL,
                        trade.amountUnits, trade.feeUnits));
            } else {
                ledger.write(handle, trade.id, ledger.payoutFailure(merchantId, total));
            }
        });
        Balances3 model = world.model[trade.merchant];
        model.frozen -= total;
        if (!result.success()) {
            model.available += total;
        }
    }

    private static void settle(World world, Settle settle) {
        Instant asOf = Instant.now().plus(Duration.ofDays(settle.daysAhead()));
        SettlementService.Result run = settlement.run(asOf);
        assertThat(run.failedMerchants()).isZero();
        for (OpenTrade trade : world.settleable) {
            if (!trade.settled && !trade.settleAt.isAfter(asOf)) {
                trade.settled = true;
                world.model[trade.merchant].unsettled -= trade.settleAmountUnits;
                world.model[trade.merchant].available += trade.settleAmountUnits;
            }
        }
    }

    private static void adjust(World world, Adjust adjust) {
        long merchantId = world.merchantIds[adjust.merchant()];
        boolean done = jdbi.inTransaction(handle -> ledger.adjust(handle, merchantId, CURRENCY, adjust.amountUnits(),
                "model test"));
        Balances3 model = world.model[adjust.merchant()];
        assertThat(done).as("adjustment of " + adjust.amountUnits() + " with " + model.available + " available")
                .isEqualTo(model.available + adjust.amountUnits() >= 0);
        if (done) {
            model.available += adjust.amountUnits();
        }
    }

    private static void assertBalancesAreTheModels(World world, String when) {
        jdbi.useHandle(handle -> {
            for (int merchant = 0; merchant < 2; merchant++) {
                assertThat(ledger.balances(handle, world.merchantIds[merchant])).as("merchant " + merchant + " " + when)
                        .isEqualTo(world.model[merchant].balances());
            }
        });
    }

    /** The invariants of DESIGN §5 over the whole database, written independently of {@link LedgerCheck}. */
    private static void assertLedgerInvariants() {
        jdbi.useHandle(handle -> {
            List<String> unbalanced = handle.createQuery("""
                            SELECT journal_id || ': ' || sum(amount) FROM posting GROUP BY journal_id
                            HAVING sum(amount) <> 0""").mapTo(String.class).list();
            assertThat(unbalanced).as("journals whose debits differ from their credits").isEmpty();
            Map<String, Object> totals = handle.createQuery("""
                            SELECT coalesce(sum(amount) FILTER (WHERE amount > 0), 0) AS credits,
                                   coalesce(-sum(amount) FILTER (WHERE amount < 0), 0) AS debits FROM posting""")
                    .mapToMap().one();
            assertThat(totals.get("debits")).as("all debits and credits").isEqualTo(totals.get("credits"));
            List<String> negative = handle.createQuery("""
                            SELECT id || ' ' || kind || ' ' || balance FROM account
                            WHERE merchant_id IS NOT NULL AND balance < 0""").mapTo(String.class).list();
            assertThat(negative).as("negative merchant balances").isEmpty();
            List<String> drifted = handle.createQuery("""
                            SELECT a.id || ' ' || a.kind || ' ' || a.balance || ' <> ' || coalesce(sum(p.amount), 0)
                            FROM account a LEFT JOIN posting p ON p.account_id = a.id
                            WHERE a.merchant_id IS NOT NULL GROUP BY a.id
                            HAVING a.balance <> coalesce(sum(p.amount), 0)""").mapTo(String.class).list();
            assertThat(drifted).as("merchant balances that differ from the sum of their postings").isEmpty();
        });
    }

    private static long newMerchant() {
        String merchantNo = Long.toString(MERCHANT_NUMBERS.incrementAndGet());
        return jdbi.inTransaction(handle -> {
            long id = handle.createQuery("""
                            INSERT INTO merchant (merchant_no, name, country, currency, secret_enc)
                            VALUES (:no, 'Model merchant', 'BR', :currency, '\\x00'::bytea) RETURNING id""")
                    .bind("no", merchantNo).bind("currency", CURRENCY).mapTo(Long.class).one();
            handle.createUpdate("""
                            INSERT INTO account (merchant_id, kind, currency)
                            VALUES (:id, 'AVAILABLE', :currency), (:id, 'FROZEN', :currency),
                                   (:id, 'UNSETTLED', :currency)""")
                    .bind("id", id).bind("currency", CURRENCY).execute();
            return id;
        });
    }

    private static long insertTrade(Handle handle, long merchantId, String direction, long amountUnits, long feeUnits) {
        long number = TRADE_NUMBERS.incrementAndGet();
        return handle.createQuery("""
                        INSERT INTO trade (platform_trade_no, merchant_id, trade_no, direction, country, currency,
                            amount, amount_text, fee, message, notify_url, channel)
                        VALUES (:platformNo, :merchant, :tradeNo, :direction, 'BR', :currency, :amount, 'model', :fee,
                            'Paying', 'http://127.0.0.1:9/model', :channel)
                        RETURNING id""")
                .bind("platformNo", "model" + System.nanoTime() + "x" + number)
                .bind("merchant", merchantId)
                .bind("tradeNo", "M" + number)
                .bind("direction", direction)
                .bind("currency", CURRENCY)
                .bind("amount", amountUnits)
                .bind("fee", feeUnits)
                .bind("channel", CHANNEL)
                .mapTo(Long.class).one();
    }

    /** The trade's final state as the trade service writes it, and its (already delivered) notification. */
    private static void finishTrade(Handle handle, long tradeId, String status, Long paidUnits, Long settleUnits,
                                    Instant settleAt) {
        handle.createUpdate("""
                        UPDATE trade SET status = :status, finished_at = now(), paid_amount = :paid,
                            settle_amount = :settle, settle_at = :settleAt WHERE id = :id""")
                .bind("status", status)
                .bind("paid", paidUnits)
                .bind("settle", settleUnits)
                .bind("settleAt", settleAt == null ? null : Timestamp.from(settleAt))
                .bind("id", tradeId)
                .execute();
        handle.createUpdate("INSERT INTO notification (trade_id, status) VALUES (:id, 'DELIVERED')")
                .bind("id", tradeId).execute();
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        Arbitrary<Integer> merchant = Arbitraries.integers().between(0, 1);
        Arbitrary<Long> amount = Arbitraries.longs().between(1, 100_000_000_000L).edgeCases(edges ->
                edges.includeOnly(1L, 100_000_000_000L));
        Arbitrary<FeePlan> fee = Combinators.combine(Arbitraries.longs().between(0, 1_000_000),
                Arbitraries.longs().between(0, 100_000)).as(FeePlan::new);
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 99);
        Arbitrary<Step> payin = Combinators.combine(merchant, amount, fee).as(Payin::new);
        Arbitrary<Step> payinResult = Combinators.combine(pick, Arbitraries.of(PayinOutcome.class),
                Arbitraries.integers().between(1, 999), Arbitraries.integers().between(0, 2)).as(PayinResult::new);
        Arbitrary<Step> payout = Combinators.combine(merchant, amount, fee).as(Payout::new);
        Arbitrary<Step> payoutResult = Combinators.combine(pick, Arbitraries.of(true, false)).as(PayoutResult::new);
        Arbitrary<Step> settle = Arbitraries.integers().between(0, 3).map(Settle::new);
        Arbitrary<Step> adjust = Combinators.combine(merchant,
                Arbitraries.longs().between(-100_000_000_000L, 100_000_000_000L).filter(units -> units != 0))
                .as(Adjust::new);
        return Arbitraries.frequencyOf(Tuple.of(4, payin), Tuple.of(4, payinResult), Tuple.of(3, payout),
                        Tuple.of(3, payoutResult), Tuple.of(2, settle), Tuple.of(2, adjust))
                .list().ofMinSize(1).ofMaxSize(25);
    }
}
