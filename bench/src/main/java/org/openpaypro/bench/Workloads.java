package org.openpaypro.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The unit of work of each scenario, and the books of trades the create scenarios made for the query scenarios to
 * read. Thread-safe.
 */
final class Workloads {
    /**
     * Trades created so far (merchant index + tradeNo), bounded; random picks for the query scenarios. Appends under
     * a lock (a spinning append once kept 15 client threads busy behind a descheduled writer: 300 ms stalls).
     */
    private static final class TradeBook {
        private static final int CAPACITY = 1 << 20;
        private final int[] merchants = new int[CAPACITY];
        private final String[] tradeNos = new String[CAPACITY];
        private volatile int size;

        synchronized void add(int merchantIndex, String tradeNo) {
            if (size < CAPACITY) {
                merchants[size] = merchantIndex;
                tradeNos[size] = tradeNo;
                size++;
            }
        }
    }

    private static final long CALLBACK_TIMEOUT_SECONDS = 30;

    private final List<BenchMerchant> merchants;
    private final NotifyReceiver receiver;
    private final TradeBook payins = new TradeBook();
    private final TradeBook payouts = new TradeBook();
    private final AtomicLong sequence = new AtomicLong();
    private final String runId = Long.toString(System.currentTimeMillis() % 46_656_000_000L, 36);

    Workloads(List<BenchMerchant> merchants, NotifyReceiver receiver) {
        this.merchants = merchants;
        this.receiver = receiver;
    }

    List<BenchMerchant> merchants() {
        return merchants;
    }

    /** The merchant of payout-create-hot: the last one. */
    int hotIndex() {
        return merchants.size() - 1;
    }

    /**
     * Trades for the query scenarios to find: {@code count} pay-ins, every other one completed (so callbacks, fee and
     * clearing accounts exist), and {@code count} payouts; waits (at most 10 s) for the callbacks.
     */
    void seed(Calls calls, int count) throws InterruptedException {
        long callbacksBefore = receiver.received();
        int completed = 0;
        for (int i = 0; i < count; i++) {
            Calls.Outcome payin = create(calls, Calls.Op.PAYIN, i % merchants.size(), nextTradeNo("sd"), payins);
            completed += payin.ok() && i % 2 == 0 && calls.complete(payin.platformTradeNo()).ok() ? 1 : 0;
            create(calls, Calls.Op.PAYOUT, i % merchants.size(), nextTradeNo("sd"), payouts);
        }
        for (long deadline = System.nanoTime() + 10_000_000_000L; receiver.received() - callbacksBefore < completed
                && System.nanoTime() < deadline; ) {
            Thread.sleep(100);
        }
        Bench.log("seeded " + payins.size + " pay-ins (" + completed + " completed, " + (receiver.received()
                - callbacksBefore) + " callbacks received) and " + payouts.size + " payouts");
    }

    /** A trade number unique in this run and across runs on one database: prefix, run id, counter. */
    String nextTradeNo(String prefix) {
        return prefix + "-" + runId + "-" + Long.toString(sequence.incrementAndGet(), 36);
    }

    /** The first page of a random merchant's trade list. */
    LoadRunner.Work tradeList() {
        return (calls, random) -> calls.tradeList(merchants.get(random.nextInt(merchants.size()))).error();
    }

    /** A random request of {@code scenario}: a random merchant (the hot one for payout-create-hot) or known trade. */
    LoadRunner.Work work(Scenario scenario) {
        TradeBook book = scenario == Scenario.QUERY_PAYIN ? payins : scenario == Scenario.QUERY_PAYOUT ? payouts : null;
        return (calls, random) -> {
            if (book == null) {
                return request(scenario, calls, scenario == Scenario.PAYOUT_CREATE_HOT ? hotIndex()
                        : random.nextInt(merchants.size()), scenario.writes() ? nextTradeNo("ld") : null).error();
            }
            int slot = book.size == 0 ? -1 : random.nextInt(book.size);
            return slot < 0 ? "no trades to query"
                    : request(scenario, calls, book.merchants[slot], book.tradeNos[slot]).error();
        };
    }

    /**
     * One request of {@code scenario} by merchant {@code index}, as the load and the ceiling capture send it:
     * {@code tradeNo} is the trade to create (recorded for the queries once accepted) or to query.
     */
    Calls.Outcome request(Scenario scenario, Calls calls, int index, String tradeNo) {
        return switch (scenario) {
            case PAYIN_CREATE -> create(calls, Calls.Op.PAYIN, index, tradeNo, payins);
            case PAYOUT_CREATE, PAYOUT_CREATE_HOT -> create(calls, Calls.Op.PAYOUT, index, tradeNo, payouts);
            case QUERY_PAYIN -> calls.call(Calls.Op.QUERY_PAYIN, merchants.get(index), tradeNo);
            case QUERY_PAYOUT -> calls.call(Calls.Op.QUERY_PAYOUT, merchants.get(index), tradeNo);
            case BALANCE, HTTP_FLOOR -> calls.call(Calls.Op.BALANCE, merchants.get(index), null);
            case FULL_FLOW -> flow(calls, index, tradeNo);
            case TRADES_PAGE -> throw new IllegalArgumentException("trades-page runs in TradeTables");
        };
    }

    private Calls.Outcome create(Calls calls, Calls.Op op, int merchantIndex, String tradeNo, TradeBook book) {
        Calls.Outcome outcome = calls.call(op, merchants.get(merchantIndex), tradeNo);
        if (outcome.ok()) {
            book.add(merchantIndex, tradeNo);
        }
        return outcome;
    }

    /** Pay-in, sandbox success, then the signed callback at the local receiver: one end-to-end flow. */
    private Calls.Outcome flow(Calls calls, int merchantIndex, String tradeNo) {
        CompletableFuture<Long> callback = receiver.expect(tradeNo);
        String platformTradeNo = null;
        try {
            Calls.Outcome created = create(calls, Calls.Op.PAYIN, merchantIndex, tradeNo, payins);
            if (!created.ok()) {
                return Calls.Outcome.failed("pay-in: " + created.error());
            }
            platformTradeNo = created.platformTradeNo();
            Calls.Outcome completed = calls.complete(platformTradeNo);
            if (!completed.ok()) {
                return new Calls.Outcome(false, platformTradeNo, completed.error());
            }
            callback.get(CALLBACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new Calls.Outcome(true, platformTradeNo, null);
        } catch (TimeoutException | ExecutionException e) {
            return new Calls.Outcome(false, platformTradeNo, "no callback within " + CALLBACK_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Calls.Outcome(false, platformTradeNo, "interrupted");
        } finally {
            receiver.forget(tradeNo);
        }
    }
}
