package org.openpaypro.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every request into one Micrometer timer, {@code openpaypro.http.requests} (Prometheus
 * {@code openpaypro_http_requests_seconds_*}), tagged with the method, the matched route template (never the raw
 * path: unknown paths count as {@code unmatched}), the HTTP status and, on the merchant API, the envelope's outer
 * code that {@link #envelopeCode} recorded ({@code none} elsewhere). The histogram has fixed service-level buckets
 * rather than Micrometer's ~70 percentile buckets, to keep the series per route small. Each timer is built once
 * and kept by its tags (as many as the registry holds), so a request costs one map lookup, not a builder and a
 * registry lookup. Thread-safe.
 */
public final class HttpMetrics {
    private static final String STARTED = "openpaypro.metrics.started";
    private static final String CODE = "openpaypro.metrics.code";
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    private record Key(String method, String route, int status, String code) {
    }

    private HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Adds the before/after pair that times every request handled by {@code app}. */
    public static void register(Javalin app, MeterRegistry registry) {
        HttpMetrics metrics = new HttpMetrics(registry);
        app.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        app.after(metrics::record);
    }

    /** Remembers the envelope's outer code ({@code 0000}, {@code 8000}, {@code 5000}) of a merchant answer. */
    public static void envelopeCode(Context ctx, String code) {
        ctx.attribute(CODE, code);
    }

    private void record(Context ctx) {
        Long started = ctx.attribute(STARTED);
        long nanos = started != null ? System.nanoTime() - started : sinceArrival(ctx);
        String code = ctx.attribute(CODE);
        Key key = new Key(ctx.method().name(), route(ctx), ctx.statusCode(), code == null ? "none" : code);
        Timer timer = timers.get(key); // computeIfAbsent alone locks the key's bin when the key is not its first node
        (timer != null ? timer : timers.computeIfAbsent(key, this::timer)).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key key) {
        return Timer.builder("openpaypro.http.requests")
                .description("HTTP requests by route template, status and envelope code")
                .tag("method", key.method())
                .tag("route", key.route())
                .tag("status", Integer.toString(key.status()))
                .tag("code", key.code())
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** When an earlier before-handler threw (ours never ran): Jetty's arrival time, in milliseconds. */
    private static long sinceArrival(Context ctx) {
        org.eclipse.jetty.server.Request base = org.eclipse.jetty.server.Request.getBaseRequest(ctx.req());
        long arrived = base == null ? System.currentTimeMillis() : base.getTimeStamp();
        return TimeUnit.MILLISECONDS.toNanos(Math.max(0, System.currentTimeMillis() - arrived));
    }

    private static String route(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath(); // Javalin names no match with a sentence, not a path
            return path == null || !path.startsWith("/") ? "unmatched" : path;
        } catch (RuntimeException noEndpoint) {
            return "unmatched";
        }
    }
}
