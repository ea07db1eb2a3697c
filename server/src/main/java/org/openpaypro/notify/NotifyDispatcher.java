package org.openpaypro.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import org.openpaypro.country.Countries;
import org.openpaypro.http.Json;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.trade.Trade;
import org.openpaypro.trade.TradeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the notify outbox (DESIGN §7): a poller claims due notifications (SKIP LOCKED + lease, safe with any
 * number of nodes) up to the number of idle workers and hands them to a fixed pool of {@code workers} threads.
 * At most {@code perHostLimit} callbacks run at once per host: a claim for a busy host is given back for 100 ms, so
 * one slow merchant cannot take every worker. After a failed attempt n the next one is due after schedule[n-1];
 * after the last delay the notification is exhausted. Thread-safe.
 */
public final class NotifyDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NotifyDispatcher.class);
    private static final Duration BUSY_HOST_DEFER = Duration.ofMillis(100);
    private static final long IDLE_POLL_MILLIS = 200;

    private final Jdbi jdbi;
    private final AuditLog audit = new AuditLog();
    private final NotificationRepository notifications;
    private final TradeService trades;
    private final MerchantService merchants;
    private final Countries countries;
    private final CallbackSender sender;
    private final List<Duration> schedule;
    private final int workers;
    private final int perHostLimit;
    private final Duration lease;
    private final ExecutorService pool;
    private final Thread poller;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Semaphore> hostPermits = new ConcurrentHashMap<>();
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final MeterRegistry metrics;
    private final AtomicLongArray backlog = new AtomicLongArray(2);
    private volatile boolean running = true;

    public NotifyDispatcher(Jdbi jdbi, NotificationRepository notifications, TradeService trades,
                            MerchantService merchants, Countries countries, CallbackSender sender,
                            List<Duration> schedule, int workers, int perHostLimit, Duration connectTimeout,
                            Duration readTimeout, MeterRegistry metrics) {
        this.jdbi = jdbi;
        this.notifications = notifications;
        this.trades = trades;
        this.merchants = merchants;
        this.countries = countries;
        this.sender = sender;
        this.schedule = List.copyOf(schedule);
        this.workers = workers;
        this.perHostLimit = perHostLimit;
        this.lease = connectTimeout.plus(readTimeout).plusSeconds(10);
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

    private void pollLoop() {
        long lastBacklog = 0;
        while (running) {
            try {
                int idle = workers - inFlight.get();
                int claimed = idle > 0 ? claimAndDispatch(idle) : 0;
                if (System.nanoTime() - lastBacklog > TimeUnit.SECONDS.toNanos(5)) {
                    long[] now = jdbi.withHandle(notifications::backlog);
                    backlog.set(0, now[0]);
                    backlog.set(1, now[1]);
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
        List<NotificationRepository.Claim> claims = jdbi.inTransaction(handle ->
                notifications.claimDue(handle, Math.min(idle, 100), lease));
        for (NotificationRepository.Claim claim : claims) {
            inFlight.incrementAndGet();
            pool.execute(() -> {
                try {
                    deliver(claim);
                } catch (RuntimeException e) {
                    log.warn("notification {} attempt {} failed unexpectedly: {}", claim.notificationId(),
                            claim.attempt(), e.toString());
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        }
        return claims.size();
    }

    private void deliver(NotificationRepository.Claim claim) {
        Trade trade = trades.findById(claim.tradeId()).orElseThrow();
        Merchant merchant = merchants.findById(trade.merchantId()).orElseThrow();
        String host = hostOf(trade.notifyUrl());
        Semaphore permits = hostPermits.computeIfAbsent(host, h -> new Semaphore(perHostLimit));
        if (!permits.tryAcquire()) {
            jdbi.useHandle(handle -> notifications.defer(handle, claim, BUSY_HOST_DEFER));
            return;
        }
        AttemptOutcome outcome;
        try {
            Map<String, Object> payload = CallbackPayload.build(trade, countries.get(trade.country()), merchant.secret(),
                    System.currentTimeMillis());
            outcome = sender.send(trade.notifyUrl(), merchant.merchantNo(), Json.MAPPER.writeValueAsBytes(payload));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        } finally {
            permits.release();
        }
        outcomes.computeIfAbsent(outcome.kind(), kind -> Counter.builder("openpaypro_notify_attempts")
                .tag("outcome", kind).description("callback attempts by outcome").register(metrics)).increment();
        Instant next = outcome.delivered() || claim.attempt() > schedule.size() ? null
                : Instant.now().plus(schedule.get(claim.attempt() - 1));
        jdbi.useTransaction(handle -> notifications.record(handle, claim, outcome, next));
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "" : host;
        } catch (IllegalArgumentException e) {
            return "";
        }
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
