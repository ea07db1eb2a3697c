package org.openpaypro.trade;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.channel.PayoutRequest;
import org.openpaypro.channel.SubmissionRepository;
import org.openpaypro.error.ApiException;
import org.openpaypro.error.Rejection;
import org.openpaypro.ledger.Ledger;

/**
 * Accepts payouts in batches per merchant, so that one hot merchant is not limited to one commit per payout
 * (TigerBeetle-style batching). Each merchant has a lane; a request joins its lane and, if nobody is writing for
 * that merchant, its own thread becomes the writer and commits everything queued so far — up to {@value #MAX_BATCH}
 * payouts — in one transaction: lock AVAILABLE, insert the trades (duplicates skipped), accept in arrival order
 * while funds last, one update per balance, one journal per trade. A writer writes one batch, then hands the lane to
 * the request at its head, so no request waits behind more than the batch in progress. A payout is acknowledged
 * only after its commit, so it is as durable as a single one; the AVAILABLE lock keeps batches of several nodes apart
 * and balances never go negative. Under light load a batch holds one payout. Each accepted payout's submission-queue
 * row is written in the same transaction (DESIGN §13): the rail hears of it only after the commit. Thread-safe.
 */
public final class PayoutWriter {
    static final int MAX_BATCH = 256;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Jdbi jdbi;
    private final TradeRepository trades;
    private final Ledger ledger;
    private final SubmissionRepository submissions;
    private final Map<Long, Lane> lanes = new ConcurrentHashMap<>();

    /** A queued payout; {@code turn} is released when its result is set or when it should write the next batch. */
    private record Pending(NewTrade trade, long total, CompletableFuture<Trade> result, Semaphore turn) {
        void finish(Trade trade) {
            result.complete(trade);
            turn.release();
        }

        void fail(RuntimeException error) {
            result.completeExceptionally(error);
            turn.release();
        }
    }

    private static final class Lane {
        final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean writing = new AtomicBoolean();
    }

    public PayoutWriter(Jdbi jdbi, TradeRepository trades, Ledger ledger, SubmissionRepository submissions) {
        this.jdbi = jdbi;
        this.trades = trades;
        this.ledger = ledger;
        this.submissions = submissions;
    }

    /** Creates the payout and freezes {@code total}; throws the catalogued rejection when refused. */
    public Trade create(NewTrade trade, long total) {
        Lane lane = lanes.computeIfAbsent(trade.merchantId(), id -> new Lane());
        Pending pending = new Pending(trade, total, new CompletableFuture<>(), new Semaphore(0));
        lane.queue.add(pending);
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            writeOneBatch(lane, trade.merchantId());
            while (!pending.result().isDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !pending.turn().tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    throw new TimeoutException();
                }
                if (!pending.result().isDone()) {
                    writeOneBatch(lane, trade.merchantId());
                }
            }
            return pending.result().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(lane, pending);
            throw new IllegalStateException("interrupted while the payout was being written", e);
        } catch (TimeoutException e) {
            abandon(lane, pending);
            throw new IllegalStateException("payout not written within " + WAIT, e);
        }
    }

    /**
     * A waiter gives up (the merchant gets 5000, outcome unknown): if its payout is still queued it is taken out, and
     * the new head is woken, so the lane does not wait for a writer that is gone.
     */
    private static void abandon(Lane lane, Pending pending) {
        if (lane.queue.remove(pending)) {
            Pending head = lane.queue.peek();
            if (head != null) {
                head.turn().release();
            }
        }
    }

    /**
     * Writes the payouts queued in the lane (one batch) unless another thread is writing it, then wakes the request
     * now at the head of the queue to write the next batch. A no-op when the lane is busy: its writer will wake us.
     */
    private void writeOneBatch(Lane lane, long merchantId) {
        if (!lane.writing.compareAndSet(false, true)) {
            return;
        }
        try {
            List<Pending> batch = new ArrayList<>();
            for (Pending next; batch.size() < MAX_BATCH && (next = lane.queue.poll()) != null; ) {
                batch.add(next);
            }
            if (!batch.isEmpty()) {
                write(merchantId, batch);
            }
        } finally {
            lane.writing.set(false);
        }
        Pending head = lane.queue.peek();
        if (head != null) {
            head.turn().release();
        }
    }

    /** The payout as its rail sees it, with the idempotency key derived from its trade number. */
    static PayoutRequest request(Trade trade) {
        return new PayoutRequest(trade.platformTradeNo(), SubmissionRepository.idempotencyKey(trade.platformTradeNo()),
                trade.country(), trade.currency(), TradeService.major(trade.amount()), trade.remark(),
                trade.details());
    }

    private void write(long merchantId, List<Pending> batch) {
        Map<Pending, Object> outcomes;
        try {
            outcomes = jdbi.inTransaction(handle -> {
                long available = ledger.lockAvailable(handle, merchantId);
                List<NewTrade> drafts = batch.stream().map(Pending::trade).toList();
                Map<String, Trade> inserted = new HashMap<>();
                for (Trade trade : trades.insertAll(handle, drafts, "Processing")) {
                    inserted.put(trade.platformTradeNo(), trade);
                }
                Map<Pending, Object> result = new LinkedHashMap<>();
                Map<Long, Long> accepted = new LinkedHashMap<>();
                List<Long> refused = new ArrayList<>();
                for (Pending pending : batch) {
                    Trade trade = inserted.get(pending.trade().platformTradeNo());
                    if (trade == null) {
                        result.put(pending, Rejection.DUPLICATE_TRADE_NO.with());
                    } else if (pending.total() <= available) {
                        available -= pending.total();
                        accepted.put(trade.id(), pending.total());
                        result.put(pending, trade);
                    } else {
                        refused.add(trade.id());
                        result.put(pending, Rejection.INSUFFICIENT_BALANCE.with());
                    }
                }
                trades.deleteUncommitted(handle, refused);
                if (!accepted.isEmpty()) {
                    ledger.freezeForPayouts(handle, merchantId, accepted);
                }
                for (Pending pending : batch) {
                    if (result.get(pending) instanceof Trade trade) {
                        submissions.enqueue(handle, trade.id(), merchantId, trade.channel(), request(trade));
                    }
                }
                return result;
            });
        } catch (RuntimeException e) {
            batch.forEach(pending -> pending.fail(e));
            return;
        }
        outcomes.forEach((pending, outcome) -> {
            if (outcome instanceof Trade trade) {
                pending.finish(trade);
            } else {
                pending.fail((ApiException) outcome);
            }
        });
    }
}
