package org.openpaypro.channel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * Channel gauges for {@code /metrics}, refreshed from the database (so every node shows the same numbers):
 * {@code openpaypro_payout_submissions{state}} — payouts waiting in the submission queue ({@code QUEUED},
 * {@code SENDING}) or whose submission ended unknown ({@code UNKNOWN}, the reconciler is asking the rail; alert when
 * it stays above zero); {@code openpaypro_channel_error_count{channel}} and
 * {@code openpaypro_channel_last_success_timestamp_seconds{channel}} — each channel's health. Thread-safe.
 */
public final class ChannelMetrics {
    private final Jdbi jdbi;
    private final ChannelRepository store;
    private final SubmissionRepository queue;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> submissions = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    public ChannelMetrics(Jdbi jdbi, ChannelRepository store, SubmissionRepository queue, MeterRegistry registry) {
        this.jdbi = jdbi;
        this.store = store;
        this.queue = queue;
        this.registry = registry;
        for (String state : new String[] {"QUEUED", "SENDING", "UNKNOWN"}) {
            gauge(submissions, "openpaypro_payout_submissions", "payouts in the submission queue by state",
                    "state", state);
        }
        refresh();
    }

    public void refresh() {
        jdbi.useHandle(handle -> {
            queue.openCounts(handle).forEach((state, count) -> submissions.get(state).set(count));
            for (ChannelRecord channel : store.all(handle)) {
                gauge(errors, "openpaypro_channel_error_count", "calls to the channel that failed, were refused "
                        + "or ended unknown", "channel", channel.name()).set(channel.errorCount());
                gauge(lastSuccess, "openpaypro_channel_last_success_timestamp_seconds", "when the channel last "
                        + "answered a call successfully (0: never)", "channel", channel.name())
                        .set(channel.lastSuccessAt() == null ? 0 : channel.lastSuccessAt().getEpochSecond());
            }
        });
    }

    private AtomicLong gauge(Map<String, AtomicLong> values, String name, String description, String tag,
                             String value) {
        return values.computeIfAbsent(value, key -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(name, holder, AtomicLong::get).description(description).tag(tag, key).register(registry);
            return holder;
        });
    }
}
