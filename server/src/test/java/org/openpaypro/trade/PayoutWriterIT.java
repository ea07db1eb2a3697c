package org.openpaypro.trade;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.openpaypro.error.Rejection;
import org.openpaypro.ledger.Balances;
import org.openpaypro.ledger.Ledger;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.Funding;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Batches of the payout writer: duplicates, payouts over the funds left and good ones, of one merchant and of
 * several; two batches sharing merchants, written at once, both commit.
 */
class PayoutWriterIT {
    private static final long UNITS_PER_MAJOR = 10_000;

    @Test
    void one_batch_answers_each_payout_on_its_own_in_arrival_order_and_writes_nothing_for_the_refused() {
        TestGateway gateway = TestGateway.get();
        Jdbi jdbi = gateway.app().database().jdbi();
        long merchantId = fundedMerchant(gateway, "100.00");
        PayoutWriter writer = new PayoutWriter(jdbi, new TradeRepository(), new Ledger());
        String tag = "W" + System.nanoTime();
        writer.create(draft(merchantId, tag + "A", 10), 10 * UNITS_PER_MAJOR);

        List<PayoutWriter.Outcome> outcomes = writer.write(List.of(
                new PayoutWriter.Draft(draft(merchantId, tag + "A", 5), 5 * UNITS_PER_MAJOR),
                new PayoutWriter.Draft(draft(merchantId, tag + "B", 30), 30 * UNITS_PER_MAJOR),
                new PayoutWriter.Draft(draft(merchantId, tag + "C", 70), 70 * UNITS_PER_MAJOR),
                new PayoutWriter.Draft(draft(merchantId, tag + "D", 50), 50 * UNITS_PER_MAJOR),
                new PayoutWriter.Draft(draft(merchantId, tag + "B", 1), UNITS_PER_MAJOR)));

        // 100 funded, 10 frozen before: B (30) fits, C (70) does not fit the 60 left, D (50) still does
        assertThat(outcomes).extracting(PayoutWriter.Outcome::refusal).containsExactly(
                Rejection.DUPLICATE_TRADE_NO, null, Rejection.INSUFFICIENT_BALANCE, null,
                Rejection.DUPLICATE_TRADE_NO);
        assertThat(outcomes.get(1).trade().tradeNo()).isEqualTo(tag + "B");
        assertThat(outcomes.get(3).trade().tradeNo()).isEqualTo(tag + "D");
        Map<String, Long> frozenByTradeNo = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT t.trade_no, p.amount FROM trade t JOIN journal j ON j.trade_id = t.id
                        JOIN posting p ON p.journal_id = j.id JOIN account a ON a.id = p.account_id
                        WHERE t.merchant_id = :m AND j.kind = 'PAYOUT_FREEZE' AND a.kind = 'FROZEN'""")
                .bind("m", merchantId)
                .reduceRows(new HashMap<String, Long>(), (map, row) -> {
                    map.put(row.getColumn("trade_no", String.class), row.getColumn("amount", Long.class));
                    return map;
                }));
        assertThat(frozenByTradeNo).isEqualTo(Map.of(tag + "A", 10 * UNITS_PER_MAJOR, tag + "B",
                30 * UNITS_PER_MAJOR, tag + "D", 50 * UNITS_PER_MAJOR));
        long tradesOfC = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM trade WHERE merchant_id = :m AND trade_no = :no")
                .bind("m", merchantId).bind("no", tag + "C").mapTo(Long.class).one());
        assertThat(tradesOfC).isZero();
        long queued = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM payout_submission WHERE merchant_id = :m").bind("m", merchantId)
                .mapTo(Long.class).one());
        assertThat(queued).isEqualTo(3);
        gateway.assertLedgerOk();
    }

    @Test
    void one_batch_of_several_merchants_answers_each_payout_on_its_own_per_merchant_funds_in_arrival_order() {
        TestGateway gateway = TestGateway.get();
        Jdbi jdbi = gateway.app().database().jdbi();
        long one = fundedMerchant(gateway, "100.00");
        long two = fundedMerchant(gateway, "100.00");
        long three = fundedMerchant(gateway, "150.00");
        PayoutWriter writer = new PayoutWriter(jdbi, new TradeRepository(), new Ledger());
        String tag = "M" + System.nanoTime();
        writer.create(draft(one, tag + "A", 10), 10 * UNITS_PER_MAJOR);

        List<PayoutWriter.Outcome> outcomes = writer.write(List.of(
                payout(one, tag + "A", 5),      // a tradeNo merchant one used before
                payout(two, tag + "X", 60),     // two: 40 left
                payout(one, tag + "B", 30),     // one: 90 → 60 left
                payout(three, tag + "P", 200),  // more than three's 150
                payout(two, tag + "Y", 50),     // more than two's 40 left
                payout(three, tag + "X", 100),  // two's tradeNo, but three has not used it: 50 left
                payout(one, tag + "C", 70),     // more than one's 60 left
                payout(two, tag + "Z", 40),     // exactly two's 40 left
                payout(one, tag + "D", 60),     // exactly one's 60 left
                payout(two, tag + "X", 1),      // used by two earlier in this batch
                payout(three, tag + "Q", 30))); // three: 20 left

        assertThat(outcomes).extracting(PayoutWriter.Outcome::refusal).containsExactly(
                Rejection.DUPLICATE_TRADE_NO, null, null, Rejection.INSUFFICIENT_BALANCE,
                Rejection.INSUFFICIENT_BALANCE, null, Rejection.INSUFFICIENT_BALANCE, null, null,
                Rejection.DUPLICATE_TRADE_NO, null);
        assertThat(outcomes.stream().filter(outcome -> outcome.trade() != null)
                .map(outcome -> outcome.trade().merchantId() + ":" + outcome.trade().tradeNo()))
                .containsExactly(two + ":" + tag + "X", one + ":" + tag + "B", three + ":" + tag + "X",
                        two + ":" + tag + "Z", one + ":" + tag + "D", three + ":" + tag + "Q");
        Ledger ledger = new Ledger();
        Map<Long, Balances> balances = jdbi.withHandle(handle -> Map.of(one, ledger.balances(handle, one),
                two, ledger.balances(handle, two), three, ledger.balances(handle, three)));
        assertThat(balances).isEqualTo(Map.of(one, new Balances(0, 100 * UNITS_PER_MAJOR, 0),
                two, new Balances(0, 100 * UNITS_PER_MAJOR, 0),
                three, new Balances(20 * UNITS_PER_MAJOR, 130 * UNITS_PER_MAJOR, 0)));
        // each freeze journal: −total on its own merchant's AVAILABLE, +total on its FROZEN
        Map<String, Long> postings = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT t.merchant_id, t.trade_no, a.kind, a.merchant_id = t.merchant_id AS own, p.amount
                        FROM trade t JOIN journal j ON j.trade_id = t.id
                        JOIN posting p ON p.journal_id = j.id JOIN account a ON a.id = p.account_id
                        WHERE t.merchant_id IN (:one, :two, :three) AND j.kind = 'PAYOUT_FREEZE'""")
                .bind("one", one).bind("two", two).bind("three", three)
                .reduceRows(new HashMap<String, Long>(), (map, row) -> {
                    map.put(row.getColumn("merchant_id", Long.class) + ":" + row.getColumn("trade_no", String.class)
                            + ":" + row.getColumn("kind", String.class)
                            + (row.getColumn("own", Boolean.class) ? "" : ":OTHER MERCHANT"),
                            row.getColumn("amount", Long.class));
                    return map;
                }));
        Map<String, Long> expected = new HashMap<>();
        for (Object[] frozen : new Object[][] {{one, "A", 10}, {one, "B", 30}, {one, "D", 60}, {two, "X", 60},
                {two, "Z", 40}, {three, "X", 100}, {three, "Q", 30}}) {
            String key = frozen[0] + ":" + tag + frozen[1];
            long units = (Integer) frozen[2] * UNITS_PER_MAJOR;
            expected.put(key + ":AVAILABLE", -units);
            expected.put(key + ":FROZEN", units);
        }
        assertThat(postings).isEqualTo(expected);
        // the trades that stay are exactly the accepted ones, each with its queue row: the refused left no row
        Map<String, Boolean> trades = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT t.merchant_id, t.trade_no, s.trade_id IS NOT NULL AS queued
                        FROM trade t
                        LEFT JOIN payout_submission s ON s.trade_id = t.id AND s.merchant_id = t.merchant_id
                        WHERE t.merchant_id IN (:one, :two, :three)""")
                .bind("one", one).bind("two", two).bind("three", three)
                .reduceRows(new HashMap<String, Boolean>(), (map, row) -> {
                    map.put(row.getColumn("merchant_id", Long.class) + ":" + row.getColumn("trade_no", String.class),
                            row.getColumn("queued", Boolean.class));
                    return map;
                }));
        assertThat(trades).isEqualTo(Map.of(one + ":" + tag + "A", true, one + ":" + tag + "B", true,
                one + ":" + tag + "D", true, two + ":" + tag + "X", true, two + ":" + tag + "Z", true,
                three + ":" + tag + "X", true, three + ":" + tag + "Q", true));
        gateway.assertLedgerOk();
    }

    /**
     * Two batches (as two nodes' writers) with the same three merchants in opposite arrival order. The middle
     * merchant's AVAILABLE is held by a third transaction until both batches wait on a lock, so that a writer locking
     * in arrival order would hold the first and last merchant in the two batches and deadlock once it is released;
     * locking in merchant-id order, one batch waits for the other and both commit.
     */
    @Test
    void two_batches_sharing_merchants_in_opposite_arrival_order_both_commit() throws Exception {
        TestGateway gateway = TestGateway.get();
        Jdbi jdbi = gateway.app().database().jdbi();
        long[] ids = LongStream.of(fundedMerchant(gateway, "100.00"), fundedMerchant(gateway, "100.00"),
                fundedMerchant(gateway, "100.00")).sorted().toArray();
        PayoutWriter writer = new PayoutWriter(jdbi, new TradeRepository(), new Ledger());
        String tag = "O" + System.nanoTime();
        List<PayoutWriter.Draft> forward = List.of(payout(ids[0], tag + "F0", 10), payout(ids[1], tag + "F1", 10),
                payout(ids[2], tag + "F2", 10));
        List<PayoutWriter.Draft> backward = List.of(payout(ids[2], tag + "B2", 20), payout(ids[1], tag + "B1", 20),
                payout(ids[0], tag + "B0", 20));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Handle blocker = jdbi.open()) {
            blocker.begin();
            blocker.createQuery("SELECT balance FROM account WHERE merchant_id = :m AND kind = 'AVAILABLE' FOR UPDATE")
                    .bind("m", ids[1]).mapTo(Long.class).one();
            CompletableFuture<List<PayoutWriter.Outcome>> first =
                    CompletableFuture.supplyAsync(() -> writer.write(forward), threads);
            CompletableFuture<List<PayoutWriter.Outcome>> second =
                    CompletableFuture.supplyAsync(() -> writer.write(backward), threads);
            Await.until("both batches waiting on a row lock", Duration.ofSeconds(30), () -> jdbi.withHandle(
                    handle -> handle.createQuery("""
                            SELECT count(*) FROM pg_stat_activity
                            WHERE wait_event_type = 'Lock' AND query LIKE '%ledger_locked%'
                              AND query NOT LIKE '%pg_stat_activity%'""").mapTo(Long.class).one()),
                    waiting -> waiting == 2);
            blocker.rollback();

            assertThat(first.get(30, TimeUnit.SECONDS)).extracting(PayoutWriter.Outcome::refusal)
                    .containsExactly(null, null, null);
            assertThat(second.get(30, TimeUnit.SECONDS)).extracting(PayoutWriter.Outcome::refusal)
                    .containsExactly(null, null, null);
        } finally {
            threads.shutdownNow();
        }
        Ledger ledger = new Ledger();
        for (long id : ids) {
            Balances balances = jdbi.withHandle(handle -> ledger.balances(handle, id));
            assertThat(balances).as("merchant " + id)
                    .isEqualTo(new Balances(70 * UNITS_PER_MAJOR, 30 * UNITS_PER_MAJOR, 0));
        }
        gateway.assertLedgerOk();
    }

    /**
     * A payout's failure moves FROZEN back to AVAILABLE; while a payout batch holds the merchant's AVAILABLE (here a
     * transaction that locks it, as {@code LOCK_AVAILABLE} does), the failure's statement waits for AVAILABLE before
     * it takes FROZEN, so the batch can still lock FROZEN (what its freeze does next) and no deadlock is possible.
     */
    @Test
    void a_payout_failure_waits_for_available_before_it_locks_frozen() throws Exception {
        TestGateway gateway = TestGateway.get();
        Jdbi jdbi = gateway.app().database().jdbi();
        long merchantId = fundedMerchant(gateway, "100.00");
        PayoutWriter writer = new PayoutWriter(jdbi, new TradeRepository(), new Ledger());
        Trade trade = writer.create(draft(merchantId, "L" + System.nanoTime(), 10), 10 * UNITS_PER_MAJOR);
        Ledger ledger = new Ledger();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Handle batch = jdbi.open()) {
            batch.begin();
            batch.createQuery("SELECT balance FROM account WHERE merchant_id = :m AND kind = 'AVAILABLE' FOR UPDATE")
                    .bind("m", merchantId).mapTo(Long.class).one();
            // the failure, in a transaction rolled back once written: it reports the balances it wrote
            CompletableFuture<Balances> failure = CompletableFuture.supplyAsync(() -> jdbi.withHandle(handle -> {
                handle.begin();
                ledger.write(handle, trade.id(), ledger.payoutFailure(merchantId, 10 * UNITS_PER_MAJOR));
                Balances written = ledger.balances(handle, merchantId);
                handle.rollback();
                return written;
            }), thread);
            Await.until("the failure waiting on a row lock", Duration.ofSeconds(30), () -> jdbi.withHandle(
                    handle -> handle.createQuery("""
                            SELECT count(*) FROM pg_stat_activity
                            WHERE wait_event_type = 'Lock' AND query LIKE '%ledger_m%'
                              AND query NOT LIKE '%pg_stat_activity%'""").mapTo(Long.class).one()),
                    waiting -> waiting == 1);

            long frozen = batch.createQuery(
                            "SELECT balance FROM account WHERE merchant_id = :m AND kind = 'FROZEN' FOR UPDATE NOWAIT")
                    .bind("m", merchantId).mapTo(Long.class).one();
            assertThat(frozen).isEqualTo(10 * UNITS_PER_MAJOR);
            batch.rollback();

            assertThat(failure.get(30, TimeUnit.SECONDS)).isEqualTo(new Balances(100 * UNITS_PER_MAJOR, 0, 0));
        } finally {
            thread.shutdownNow();
        }
        Balances after = jdbi.withHandle(handle -> ledger.balances(handle, merchantId));
        assertThat(after).isEqualTo(new Balances(90 * UNITS_PER_MAJOR, 10 * UNITS_PER_MAJOR, 0));
        gateway.assertLedgerOk();
    }

    /** A new merchant, funded with {@code amount} (BRL); its id. */
    private static long fundedMerchant(TestGateway gateway, String amount) {
        TestMerchant merchant = gateway.createMerchant();
        Funding.fund(gateway::admin, merchant.merchantNo(), amount);
        return gateway.app().database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT id FROM merchant WHERE merchant_no = :no").bind("no", merchant.merchantNo())
                .mapTo(Long.class).one());
    }

    private static PayoutWriter.Draft payout(long merchantId, String tradeNo, long major) {
        return new PayoutWriter.Draft(draft(merchantId, tradeNo, major), major * UNITS_PER_MAJOR);
    }

    private static NewTrade draft(long merchantId, String tradeNo, long major) {
        return NewTrade.builder().platformTradeNo(TradeService.newPlatformTradeNo()).merchantId(merchantId)
                .tradeNo(tradeNo).direction(Direction.PAYOUT).country("BR").currency("BRL")
                .amountUnits(major * UNITS_PER_MAJOR).amountText(major + ".00")
                .notifyUrl("https://merchant.example/notify")
                .details(Map.of("accountType", "CPF", "accountNo", "12345678909", "name", "Ana")).channel("simulator")
                .build();
    }
}
