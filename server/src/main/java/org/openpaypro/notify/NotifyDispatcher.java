package org.openpaypro.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.access.Actor;
import org.openpaypro.access.AuditLog;
import org.openpaypro.db.GroupCommit;
import org.openpaypro.json.Json;
import org.openpaypro.logs.RequestIds;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.merchant.MerchantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Delivers the notify outbox (DESIGN §7): a poller claims due notifications (SKIP LOCKED + lease, safe with any
 * number of nodes) up to the number of idle workers and hands them to a fixed pool of {@code workers} threads.
 * A worker resolves the callback's host once ({@link NotifyUrlPolicy#resolve}); at most {@code perMerchantLimit}
 * callbacks run at once per merchant and {@code perHostLimit} per resolved address ({@link DeliveryLimits}): a claim
 * over either limit is given back untried for 100 ms, so one slow merchant or host cannot take every worker. After a
 * failed attempt n the next one is due after schedule[n-1]; after the last delay the notification is exhausted. An
 * attempt that cannot be recorded is recorded without its answer, so the schedule holds. Thread-safe.
 */
public final class NotifyDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NotifyDispatcher.class);
    private static final Duration BUSY_HOST_DEFER = Duration.ofMillis(100);
    private static final long IDLE_POLL_MILLIS = 200;
    private static final int RECORD_BATCH = 256;
    private static final Duration RECORD_WAIT = Duration.ofSeconds(30);

    private final Jdbi jdbi;
    private final AuditLog audit = new AuditLog();
    private final NotificationRepository notifications;
    private final CallbackRepository callbacks;
    private final MerchantService merchants;
    private final CallbackSender sender;
    private final RetrySchedule schedule;
    private final int workers;
    private final DeliveryLimits limits;
    private final Duration lease;
    private final ExecutorService pool;
    private final Thread poller;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final MeterRegistry metrics;
    private final AtomicLongArray backlog = new AtomicLongArray(2);
    private volatile boolean running = true;
    /** The workers' attempt records, group-committed (one lane: a batch locks only its own notifications). */
    private final GroupCommit<Boolean, NotificationRepository.Attempt, Boolean> results =
            new GroupCommit<>(RECORD_BATCH, RECORD_WAIT, this::recordAll);

    /**
     * The dispatcher's settings: retry delays, worker threads, concurrent callbacks per resolved address and per
     * merchant. The timeouts are the sender's alone (the claim lease is its longest attempt + 10 s). Immutable.
     */
    public record Settings(List<Duration> schedule, int workers, int perHostLimit, int perMerchantLimit) {
        public Settings {
            schedule = List.copyOf(schedule);
        }
    }

    public NotifyDispatcher(Jdbi jdbi, NotificationRepository notifications, CallbackRepository callbacks,
                            MerchantService merchants, CallbackSender sender, Settings settings,
                            MeterRegistry metrics) {
        this.jdbi = jdbi;
        this.notifications = notifications;
        this.callbacks = callbacks;
        this.merchants = merchants;
        this.sender = sender;
        this.schedule = new RetrySchedule(settings.schedule());
        this.workers = settings.workers();
        this.limits = new DeliveryLimits(settings.perMerchantLimit(), settings.perHostLimit(), settings.workers());
        this.lease = sender.longestAttempt().plusSeconds(10);
        this.metrics = metrics;
        this.pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "openpaypro-notify-worker");
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder("openpaypro_notify_pending", backlog, b -> b.get(0))
                .description("notifications waiting for delivery").register(metrics);
        Gauge.builder("openpaypro_notify_oldest_pending_seconds", backlog, b -> b.get(1))
                .description("age of the oldest pending notification").register(metrics);
        Gauge.builder("openpaypro_notify_limit_keys", limits, DeliveryLimits::trackedKeys)
                .description("merchants and addresses with a callback in flight (the limits' map size)")
                .register(metrics);
        for (DeliveryLimits.Busy busy : DeliveryLimits.Busy.values()) { // present at 0 for dashboards (issue 17)
            counter("openpaypro_notify_deferred", "reason", busy.name().toLowerCase(java.util.Locale.ROOT),
                    "claims handed back untried because a concurrency limit was reached");
        }
        this.poller = new Thread(this::pollLoop, "openpaypro-notify-poller");
        poller.setDaemon(true);
    }

    public void start() {
        poller.start();
    }

    /** Called after a trade finished on this node: deliver now instead of at the next poll. */
    public void wakeUp() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    /** Queues a fresh delivery for a finished trade (also after exhaustion); false when it is still processing. */
    /** Queues a new delivery of a finished trade's callback, audited in the same transaction. */
    public boolean resend(long tradeId, String platformTradeNo, Actor actor) {
        boolean queued = jdbi.inTransaction(handle -> {
            boolean done = notifications.resend(handle, tradeId);
            if (done) {
                audit.write(handle, actor, "trade.notify.resend", platformTradeNo, "a new delivery was queued");
            }
            return done;
        });
        if (queued) {
            wakeUp();
        }
        return queued;
    }

    /** A trade's notifications with their attempt logs, for the operator's trade view. */
    public List<Map<String, Object>> deliveries(long tradeId) {
        return jdbi.withHandle(handle -> notifications.deliveries(handle, tradeId));
    }

    private void pollLoop() {
        long lastBacklog = 0;
        while (running) {
            try {
                int idle = workers - inFlight.get();
                int claimed = idle > 0 ? claimAndDispatch(idle) : 0;
                if (System.nanoTime() - lastBacklog > TimeUnit.SECONDS.toNanos(5)) {
                    NotificationRepository.Backlog now = jdbi.withHandle(notifications::backlog);
                    backlog.set(0, now.pending());
                    backlog.set(1, now.oldestPendingSeconds());
                    lastBacklog = System.nanoTime();
                }
                if (claimed == 0 || claimed == idle) {
                    wakeUp.tryAcquire(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("notify poll failed: {}", e.toString());
                sleepQuietly();
            }
        }
    }

    private int claimAndDispatch(int idle) {
        // one autocommit statement: the claim, its lease and each trade's callback
        List<NotificationRepository.Due> claims = notifications.claimDue(jdbi, Math.min(idle, 100), lease, callbacks);
        for (NotificationRepository.Due due : claims) {
            inFlight.incrementAndGet();
            pool.execute(() -> {
                try {
                    deliver(due.claim(), due.callback());
                } catch (RuntimeException e) {
                    log.warn("notification {} attempt {} failed unexpectedly: {}", due.claim().notificationId(),
                            due.claim().attempt(), MerchantText.escape(e.toString(), 500));
                } finally {
                    inFlight.decrementAndGet();
                    MDC.clear();
                }
            });
        }
        return claims.size();
    }

    private void deliver(NotificationRepository.Claim claim, CallbackRepository.Callback callback) {
        Merchant merchant = merchants.findById(callback.merchantId()).orElseThrow();
        // logs (issue 17): each attempt has its own request id, sent as X-Request-Id and kept in the attempt log
        String requestId = RequestIds.newId();
        MDC.put(RequestIds.REQUEST_ID, requestId);
        RequestIds.merchant(merchant.merchantNo());
        RequestIds.trade(callback.platformTradeNo());
        NotifyUrlPolicy.Target target = sender.resolve(callback.notifyUrl());
        boolean connects = target.address() != null;
        DeliveryLimits.Busy busy = connects ? limits.tryAcquire(merchant.merchantNo(), target.addressKey()) : null;
        if (busy != null) {
            count("openpaypro_notify_deferred", "reason", busy.name().toLowerCase(java.util.Locale.ROOT),
                    "claims handed back untried because a concurrency limit was reached");
            jdbi.useHandle(handle -> notifications.defer(handle, claim, BUSY_HOST_DEFER));
            return;
        }
        AttemptOutcome outcome;
        try {
            outcome = sender.send(target, merchant.merchantNo(), payload(callback, merchant), requestId);
        } finally {
            if (connects) {
                limits.release(merchant.merchantNo(), target.addressKey());
            }
        }
        count("openpaypro_notify_attempts", "outcome", outcome.kind(), "callback attempts by outcome");
        Instant next = schedule.nextAttempt(claim.attempt(), outcome.delivered(), Instant.now());
        record(claim, outcome, next, requestId);
        if (outcome.delivered()) {
            log.debug("callback delivered: notification={} attempt={} http={} latencyMs={}", claim.notificationId(),
                    claim.attempt(), outcome.httpStatus(), outcome.latency().toMillis());
        } else {
            log.info("callback not delivered: notification={} attempt={} merchant={} url={} outcome={} http={} "
                    + "error={} answer={}", claim.notificationId(), claim.attempt(), merchant.merchantNo(),
                    MerchantText.escape(outcome.url(), 300), outcome.kind(), outcome.httpStatus(), outcome.error(),
                    shortened(outcome.responseHead()));
        }
    }

    private byte[] payload(CallbackRepository.Callback callback, Merchant merchant) {
        Map<String, Object> payload = callback.body().build(merchant.callbackKeyAt(merchants.now()),
                System.currentTimeMillis());
        return Json.bytes(payload);
    }

    /**
     * Records the attempt (group-committed with the other workers' attempts: one statement per batch); if that
     * fails (whatever the cause), records it again without the merchant's answer, and if even that fails, only moves
     * the notification on: never left to loop on its lease.
     */
    private void record(NotificationRepository.Claim claim, AttemptOutcome outcome, Instant next, String requestId) {
        try {
            results.submit(Boolean.TRUE, new NotificationRepository.Attempt(claim, outcome, next, requestId));
            return;
        } catch (RuntimeException e) {
            log.warn("notification {} attempt {} could not be recorded, recording it without the answer: {}",
                    claim.notificationId(), claim.attempt(), MerchantText.escape(e.toString(), 300));
        }
        AttemptOutcome bare = new AttemptOutcome(outcome.url(), outcome.startedAt(), outcome.latency(),
                outcome.httpStatus(), null, "attempt recorded without its answer (" + outcome.kind() + ")",
                outcome.delivered(), outcome.kind());
        try {
            notifications.record(jdbi, List.of(new NotificationRepository.Attempt(claim, bare, next, requestId)));
        } catch (RuntimeException e) {
            log.warn("notification {} attempt {} recorded without its log line: {}", claim.notificationId(),
                    claim.attempt(), MerchantText.escape(e.toString(), 300));
            jdbi.useHandle(handle -> notifications.moveOn(handle, claim, outcome.delivered(), next));
        }
    }

    /** One batch of attempts in one autocommit statement; true for each whose notification moved on. */
    private List<Boolean> recordAll(List<NotificationRepository.Attempt> batch) {
        Set<Long> moved = notifications.record(jdbi, batch);
        return batch.stream().map(attempt -> moved.contains(attempt.claim().notificationId())).toList();
    }

    /** The kept answer (already escaped by the sender) cut for the log line. */
    private static String shortened(String escapedHead) {
        return escapedHead == null || escapedHead.length() <= 120 ? escapedHead : escapedHead.substring(0, 120) + "...";
    }

    private void count(String name, String tag, String value, String description) {
        counter(name, tag, value, description).increment();
    }

    private Counter counter(String name, String tag, String value, String description) {
        return counters.computeIfAbsent(name + "/" + value, key -> Counter.builder(name).tag(tag, value)
                .description(description).register(metrics));
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops claiming; attempts in flight finish (their lease protects them if the process dies instead). */
    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.interrupt();
        poller.join(5_000);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }
}
