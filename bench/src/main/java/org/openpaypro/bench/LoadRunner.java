package org.openpaypro.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Runs one unit of work from N client threads, closed loop or open loop (a fixed schedule; latency counts from the
 * intended send time: no coordinated omission), into per-thread HdrHistograms (µs). One phase at a time.
 */
record LoadRunner(Calls.Target target, ProcStats stats) {
    /** One request (or one full flow); returns null when accepted, else what went wrong. */
    @FunctionalInterface
    interface Work {
        String perform(Calls calls, ThreadLocalRandom random);
    }

    /** What one phase measured, with the CPU the processes used meanwhile. */
    record Phase(String mode, int clients, long requests, long errors, double seconds, Histogram latencyMicros,
                 Map<String, Long> errorSamples, ProcStats.Usage usage) {
        double acceptedPerSecond() {
            return (requests - errors) / seconds;
        }

        double percentileMillis(double percentile) {
            return latencyMicros.getTotalCount() == 0 ? Double.NaN
                    : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        /** CPU µs per request of the phase from one of the usage percentages; negative when unknown. */
        double microsPerRequest(double percent) {
            return percent < 0 || requests == 0 ? -1 : percent * 1e4 * seconds / requests;
        }
    }

    private static final long HIGHEST_MICROS = 300_000_000L;
    private static final int MAX_ERROR_KINDS = 10;

    /** One phase: closed loop when {@code rate} is 0, else open loop at {@code rate} requests/s in all. */
    Phase run(int clients, Duration duration, double rate, Work work) throws InterruptedException {
        ProcStats.Snapshot before = stats.snapshot();
        List<Histogram> histograms = new ArrayList<>();
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Map<String, Long> errorSamples = new ConcurrentHashMap<>();
        CountDownLatch ready = new CountDownLatch(clients);
        CompletableFuture<Long> go = new CompletableFuture<>();
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
            histograms.add(histogram);
            // open loop: each client's schedule, offset so the clients together send evenly
            long interval = rate > 0 ? (long) (1e9 * clients / rate) : 0;
            long offset = interval * client / clients;
            Thread thread = new Thread(() -> {
                try (Calls calls = new Calls(target, 30_000)) {
                    ready.countDown();
                    long start = go.join();
                    long end = start + duration.toNanos();
                    for (long intended = start + offset; interval > 0 ? intended < end : System.nanoTime() < end;
                         intended += interval) {
                        for (long wait; interval > 0 && (wait = intended - System.nanoTime()) > 0; ) {
                            LockSupport.parkNanos(wait);
                        }
                        long sent = interval > 0 ? intended : System.nanoTime();
                        String error = work.perform(calls, ThreadLocalRandom.current());
                        histogram.recordValue(Math.min(Math.max(1, (System.nanoTime() - sent) / 1000), HIGHEST_MICROS));
                        requests.incrementAndGet();
                        if (error != null) {
                            errors.incrementAndGet();
                            String kind = error.length() > 160 ? error.substring(0, 160) : error;
                            if (errorSamples.size() < MAX_ERROR_KINDS || errorSamples.containsKey(kind)) {
                                errorSamples.merge(kind, 1L, Long::sum);
                            }
                        }
                    }
                }
            }, "bench-client-" + client);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.complete(start);
        for (Thread thread : threads) {
            thread.join();
        }
        Histogram merged = new Histogram(HIGHEST_MICROS, 3);
        histograms.forEach(merged::add);
        return new Phase(rate > 0 ? "open" : "closed", clients, requests.get(), errors.get(),
                (System.nanoTime() - start) / 1e9, merged, new LinkedHashMap<>(errorSamples),
                stats.between(before, stats.snapshot()));
    }
}
