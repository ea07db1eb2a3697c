package org.openpaypro.channel;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured channels at run time (DESIGN §13): routes a new create to an ordered list of candidate channels
 * (merchant override, else the country's route; disabled channels and channels of a type this mode does not know are
 * skipped; a weighted draw among the non-zero weights first, then the other non-zero ones, then the weight-0
 * failover channels) and opens each channel's {@link Connector} from its stored settings, wrapped in a
 * {@link MeteredConnector}. Channels and routes are read from the database and cached for {@link #REFRESH}, so a
 * change on another node is seen within a second; a change on this node is seen at once. Thread-safe.
 */
public final class Channels {
    static final Duration REFRESH = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(Channels.class);

    private final Jdbi jdbi;
    private final ChannelRepository store;
    private final Map<String, ConnectorType> types;
    private final CredentialBox box;
    private final String publicUrl;
    private final boolean sandbox;
    private final Duration callTimeout;
    private final MeterRegistry registry;
    private final Map<String, Opened> opened = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;

    private record Snapshot(Instant loadedAt, Map<String, ChannelRecord> channels,
                            Map<ChannelRepository.RouteKey, List<RouteEntry>> routes) {
    }

    private record Opened(long version, Connector connector) {
    }

    public Channels(Jdbi jdbi, ChannelRepository store, List<ConnectorType> types, CredentialBox box, String publicUrl,
                    boolean sandbox, Duration callTimeout, MeterRegistry registry) {
        this.jdbi = jdbi;
        this.store = store;
        this.types = types.stream().collect(Collectors.toUnmodifiableMap(ConnectorType::name, Function.identity()));
        this.box = box;
        this.publicUrl = publicUrl;
        this.sandbox = sandbox;
        this.callTimeout = callTimeout;
        this.registry = registry;
    }

    public Map<String, ConnectorType> types() {
        return types;
    }

    public boolean sandbox() {
        return sandbox;
    }

    /** Drops the cache after a change on this node. */
    public void invalidate() {
        snapshot = null;
    }

    /** The candidate channels for a new create, in the order to try them; empty when nothing serves it. */
    public List<String> route(long merchantId, String country, String operation) {
        Snapshot current = snapshot();
        List<RouteEntry> entries = current.routes().get(new ChannelRepository.RouteKey(null, merchantId, operation));
        if (entries == null || entries.isEmpty()) {
            entries = current.routes().getOrDefault(new ChannelRepository.RouteKey(country, null, operation),
                    List.of());
        }
        List<RouteEntry> usable = entries.stream().filter(entry -> {
            ChannelRecord channel = current.channels().get(entry.channel());
            return channel != null && channel.enabled() && channel.serves(country, operation)
                    && types.containsKey(channel.type());
        }).toList();
        return order(usable);
    }

    /** Weighted draw among the non-zero weights, then the other non-zero ones by weight, then the weight-0 ones. */
    static List<String> order(List<RouteEntry> entries) {
        List<RouteEntry> weighted = new ArrayList<>(entries.stream().filter(e -> e.weight() > 0).toList());
        List<String> ordered = new ArrayList<>();
        if (!weighted.isEmpty()) {
            long total = weighted.stream().mapToLong(RouteEntry::weight).sum();
            long draw = ThreadLocalRandom.current().nextLong(total);
            RouteEntry first = weighted.get(weighted.size() - 1);
            for (RouteEntry entry : weighted) {
                if (draw < entry.weight()) {
                    first = entry;
                    break;
                }
                draw -= entry.weight();
            }
            ordered.add(first.channel());
            weighted.remove(first);
            weighted.sort(Comparator.comparingInt(RouteEntry::weight).reversed());
            weighted.forEach(entry -> ordered.add(entry.channel()));
        }
        entries.stream().filter(e -> e.weight() == 0).forEach(entry -> ordered.add(entry.channel()));
        return ordered.stream().distinct().toList();
    }

    /** The first channel of the route that is of a known type (for account checks, which create nothing). */
    public Optional<String> first(String country, String operation) {
        return route(0L, country, operation).stream().findFirst();
    }

    public Optional<ChannelRecord> channel(String name) {
        if (name == null) {
            return Optional.empty();
        }
        ChannelRecord cached = snapshot().channels().get(name);
        return Optional.ofNullable(cached);
    }

    public List<ChannelRecord> all() {
        return List.copyOf(snapshot().channels().values());
    }

    /**
     * The connector of a channel, enabled or not (a disabled channel still answers queries and webhooks for the
     * trades it already holds); empty when there is no such channel or its type is unknown in this mode.
     */
    public Optional<Connector> connector(String name) {
        Optional<ChannelRecord> found = channel(name).filter(channel -> types.containsKey(channel.type()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ChannelRecord channel = found.get();
        Opened current = opened.get(name);
        if (current != null && current.version() == channel.version()) {
            return Optional.of(current.connector());
        }
        Connector connector;
        try {
            connector = new MeteredConnector(name, types.get(channel.type()).open(settings(channel),
                    context(channel)), jdbi, store, registry);
        } catch (RuntimeException e) {
            // settings stored earlier that this node cannot open (e.g. an http:// rail URL in live mode)
            log.error("channel {} cannot be opened and is skipped: {}", name, e.getMessage());
            return Optional.empty();
        }
        opened.put(name, new Opened(channel.version(), connector));
        return Optional.of(connector);
    }

    public String webhookUrl(ChannelRecord channel) {
        return publicUrl + "/channels/v1/" + channel.name() + "/" + channel.webhookToken();
    }

    public ConnectorContext context(ChannelRecord channel) {
        return new ConnectorContext(channel.name(), webhookUrl(channel), sandbox, Clock.systemUTC(), callTimeout);
    }

    /** The channel's config and decrypted credentials. */
    public ChannelSettings settings(ChannelRecord channel) {
        byte[] sealed = jdbi.withHandle(handle -> store.sealedCredentials(handle, channel.name()));
        return new ChannelSettings(channel.config(), credentials(sealed, channel.name()));
    }

    Map<String, String> credentials(byte[] sealed, String name) {
        if (sealed == null) {
            return Map.of();
        }
        try {
            return Json.stringMap(box.open(sealed, name));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("sealed credentials of channel " + name + " are not a JSON object", e);
        }
    }

    private Snapshot snapshot() {
        Snapshot current = snapshot;
        if (current == null || current.loadedAt().plus(REFRESH).isBefore(Instant.now())) {
            current = jdbi.withHandle(handle -> new Snapshot(Instant.now(), store.all(handle).stream()
                    .collect(Collectors.toUnmodifiableMap(ChannelRecord::name, Function.identity())),
                    store.routes(handle)));
            snapshot = current;
        }
        return current;
    }
}
