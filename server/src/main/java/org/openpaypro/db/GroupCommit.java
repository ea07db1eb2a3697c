package org.openpaypro.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Group commit for one write path (TigerBeetle's lesson: amortise the commit). Concurrent callers' items join the
 * lane of their key; if nobody is writing that lane, the caller's own thread becomes its writer and hands everything
 * queued so far (at most {@code maxBatch} items) to the batch function in one call, which writes them in one
 * transaction; then it wakes the request at the head of the queue to write the next batch. No extra thread, no
 * handoff: under light load a batch holds one item and costs what a single write costs.
 *
 * <p>Each caller gets back only its own item's result, after the batch function returned, i.e. after the commit.
 * The batch function returns one result per item in item order; a per-item refusal is part of the result type
 * (e.g. an empty Optional for a duplicate). When the batch function throws, every item of that batch gets the
 * exception (nothing of it was written, since the transaction rolled back).
 *
 * <p>Limits: a batch holds at most {@code maxBatch} items; a caller waits at most {@code wait} for its result and
 * then gets {@link IllegalStateException} (its item is withdrawn if still queued; if it was being written the
 * outcome is unknown to it, as with any timed-out write). Lanes live only while they have waiters: an emptied lane is
 * dropped, so the number of lanes is bounded by the number of waiting callers (the HTTP thread pool). Thread-safe.
 *
 * @param <K> the lane key (e.g. the merchant, whose rows a batch locks); one constant key for a single lane
 * @param <I> an item
 * @param <O> an item's result
 */
public final class GroupCommit<K, I, O> {
    private final int maxBatch;
    private final Duration wait;
    private final Function<List<I>, List<O>> batchFunction;
    private final Map<K, Lane<I, O>> lanes = new ConcurrentHashMap<>();

    public GroupCommit(int maxBatch, Duration wait, Function<List<I>, List<O>> batchFunction) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, not " + maxBatch);
        }
        this.maxBatch = maxBatch;
        this.wait = wait;
        this.batchFunction = batchFunction;
    }

    /** A queued item; {@code turn} is released when its result is set or when it should write the next batch. */
    private record Pending<I, O>(I item, CompletableFuture<O> result, Semaphore turn) {
    }

    private static final class Lane<I, O> {
        final Queue<Pending<I, O>> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean writing = new AtomicBoolean();
    }

    /** Writes {@code item} with whatever else is queued on its lane; its result once committed. */
    public O submit(K key, I item) {
        Lane<I, O> lane = lanes.computeIfAbsent(key, k -> new Lane<>());
        Pending<I, O> pending = new Pending<>(item, new CompletableFuture<>(), new Semaphore(0));
        lane.queue.add(pending);
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            writeOneBatch(key, lane);
            while (!pending.result().isDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !pending.turn().tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    abandon(lane, pending);
                    throw new IllegalStateException("not written within " + wait + " (" + lane.queue.size()
                            + " waiting on the lane)");
                }
                if (!pending.result().isDone()) {
                    writeOneBatch(key, lane);
                }
            }
            return pending.result().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(lane, pending);
            throw new IllegalStateException("interrupted while waiting for the write", e);
        }
    }

    /** How many lanes exist now (for tests of the bound). */
    int laneCount() {
        return lanes.size();
    }

    /** How many items wait on the key's lane, not yet taken into a batch (for tests). */
    int queued(K key) {
        Lane<I, O> lane = lanes.get(key);
        return lane == null ? 0 : lane.queue.size();
    }

    /** A waiter gives up: if still queued it is taken out and the new head is woken, so the lane does not stall. */
    private static <I, O> void abandon(Lane<I, O> lane, Pending<I, O> pending) {
        if (lane.queue.remove(pending)) {
            Pending<I, O> head = lane.queue.peek();
            if (head != null) {
                head.turn().release();
            }
        }
    }

    /** Writes one batch unless another thread is writing the lane (its writer wakes us), then wakes the new head. */
    private void writeOneBatch(K key, Lane<I, O> lane) {
        if (!lane.writing.compareAndSet(false, true)) {
            return;
        }
        try {
            List<Pending<I, O>> batch = new ArrayList<>();
            for (Pending<I, O> next; batch.size() < maxBatch && (next = lane.queue.poll()) != null; ) {
                batch.add(next);
            }
            if (!batch.isEmpty()) {
                write(batch);
            }
        } finally {
            lane.writing.set(false);
        }
        Pending<I, O> head = lane.queue.peek();
        if (head != null) {
            head.turn().release();
        } else {
            // A caller that still holds this lane object and queues now writes its own item (its compareAndSet
            // comes after ours was reset); a new caller gets a new lane. So two writers of one key can briefly
            // overlap: the batch function must be correct under concurrency (row locks), batching is only best effort.
            lanes.remove(key, lane);
        }
    }

    private void write(List<Pending<I, O>> batch) {
        List<O> results;
        try {
            results = batchFunction.apply(batch.stream().map(Pending::item).toList());
            if (results.size() != batch.size()) {
                throw new IllegalStateException("batch function returned " + results.size() + " results for "
                        + batch.size() + " items");
            }
        } catch (RuntimeException | Error e) {
            for (Pending<I, O> pending : batch) {
                pending.result().completeExceptionally(e);
                pending.turn().release();
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
            batch.get(i).turn().release();
        }
    }
}
