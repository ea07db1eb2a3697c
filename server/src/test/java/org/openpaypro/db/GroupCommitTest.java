package org.openpaypro.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.Await;

class GroupCommitTest {

    @Test
    void a_lone_caller_writes_its_own_batch_of_one_and_gets_its_result() {
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String, Integer, Integer> commits = new GroupCommit<>(8, Duration.ofSeconds(5), items -> {
            batches.add(items);
            return items.stream().map(item -> item * 10).toList();
        });

        assertThat(commits.submit("a", 4)).isEqualTo(40);
        assertThat(batches).containsExactly(List.of(4));
        assertThat(commits.laneCount()).isZero();
    }

    @Test
    void callers_queued_behind_a_writer_are_written_together_and_each_gets_only_its_own_result() throws Exception {
        CountDownLatch firstBatchEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String, Integer, String> commits = new GroupCommit<>(3, Duration.ofSeconds(10), items -> {
            batches.add(items);
            if (batches.size() == 1) {
                firstBatchEntered.countDown();
                await(releaseFirstBatch);
            }
            return items.stream().map(item -> "r" + item).toList();
        });
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Future<String> first = pool.submit(() -> commits.submit("m", 0));
            await(firstBatchEntered);
            List<Future<String>> others = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                int item = i;
                others.add(pool.submit(() -> commits.submit("m", item)));
            }
            waitUntilQueued(commits, "m", 5);
            releaseFirstBatch.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("r0");
            for (int i = 1; i <= 5; i++) {
                assertThat(others.get(i - 1).get(5, TimeUnit.SECONDS)).isEqualTo("r" + i);
            }
        } finally {
            pool.shutdownNow();
        }
        // The five that queued during the first batch went in batches of at most three, not one by one.
        assertThat(batches.get(0)).containsExactly(0);
        assertThat(batches.subList(1, batches.size())).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 3));
        assertThat(batches).hasSizeLessThanOrEqualTo(3);
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(6);
        assertThat(commits.laneCount()).isZero();
    }

    @Test
    void a_failing_batch_fails_every_item_of_that_batch_and_the_next_caller_writes_normally() {
        AtomicInteger calls = new AtomicInteger();
        GroupCommit<String, Integer, Integer> commits = new GroupCommit<>(8, Duration.ofSeconds(5), items -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalArgumentException("duplicate key");
            }
            return items;
        });

        assertThatThrownBy(() -> commits.submit("a", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate key");
        assertThat(commits.submit("a", 2)).isEqualTo(2);
    }

    @Test
    void a_batch_function_that_loses_results_is_an_error_not_a_silent_mismatch() {
        GroupCommit<String, Integer, Integer> commits = new GroupCommit<>(8, Duration.ofSeconds(5), items -> List.of());

        assertThatThrownBy(() -> commits.submit("a", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned 0 results for 1 items");
    }

    @Test
    void lanes_of_different_keys_write_independently() throws Exception {
        CountDownLatch slowEntered = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        GroupCommit<String, String, String> commits = new GroupCommit<>(8, Duration.ofSeconds(10), items -> {
            if (items.contains("slow")) {
                slowEntered.countDown();
                await(releaseSlow);
            }
            return items;
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> slow = pool.submit(() -> commits.submit("a", "slow"));
            await(slowEntered);
            // Key "b" is written while key "a" is still inside its batch.
            assertThat(commits.submit("b", "fast")).isEqualTo("fast");
            releaseSlow.countDown();
            assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo("slow");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_caller_whose_wait_runs_out_is_withdrawn_and_never_written() throws Exception {
        CountDownLatch firstEntered = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String, String, String> commits = new GroupCommit<>(8, Duration.ofMillis(200), items -> {
            if (items.contains("first")) {
                firstEntered.countDown();
                await(releaseFirst);
            }
            written.addAll(items);
            return items;
        });
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            Future<String> first = pool.submit(() -> commits.submit("a", "first"));
            await(firstEntered);
            assertThatThrownBy(() -> commits.submit("a", "late")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not written within");
            releaseFirst.countDown();
            first.get(5, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(commits.submit("a", "after")).isEqualTo("after");
        assertThat(written).containsExactly("first", "after");
    }

    private static void waitUntilQueued(GroupCommit<String, ?, ?> commits, String key, int count) {
        Await.until(count + " items queued on lane " + key, Duration.ofSeconds(5), () -> commits.queued(key) == count);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not reached");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
