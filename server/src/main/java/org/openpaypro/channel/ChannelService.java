package org.openpaypro.channel;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.country.Operation;
import org.openpaypro.error.AdminError;
import org.openpaypro.json.Json;

/**
 * The operator's channel and routing use cases (DESIGN §13): create and change channels (every setting validated by
 * opening the connector, which never calls the rail; a bad one is refused 400 naming the field), replace a country's
 * route or a merchant's override, register the webhook on the rail, and in sandbox mode make sure the built-in
 * {@code simulator} channel and its default routes exist. Credentials are sealed with the master key and never
 * leave this class in an answer. Every change writes its audit row in its own transaction. Thread-safe.
 */
public final class ChannelService {
    public static final String SIMULATOR_CHANNEL = "simulator";
    /** The operations a channel serves and a route is for; the values of {@code channel_route.operation}. */
    public static final List<String> OPERATIONS = List.of(Operation.PAYIN.name(), Operation.PAYOUT.name());
    private static final String NAME_PATTERN = "[a-z0-9][a-z0-9_-]{0,31}";
    private static final int MAX_WEIGHT = 1_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final ChannelRepository store;
    private final Channels channels;
    private final CredentialBox box;
    private final Set<String> countries;

    /** What an operator asks for when creating a channel. */
    public record NewChannel(String name, String type, List<String> countries, List<String> operations,
                             Map<String, String> config, Map<String, String> credentials) {
    }

    /** A change: null fields stay as they are; in config and credentials a null value removes the key. */
    public record ChannelChange(Map<String, String> config, Map<String, String> credentials, Boolean enabled) {
    }

    public ChannelService(Jdbi jdbi, ChannelRepository store, Channels channels, CredentialBox box,
                          Set<String> countries) {
        this.jdbi = jdbi;
        this.store = store;
        this.channels = channels;
        this.box = box;
        this.countries = Set.copyOf(countries);
    }

    public ChannelRecord create(NewChannel spec, ChangeLog changes) {
        if (spec.name() == null || !spec.name().matches(NAME_PATTERN)) {
            throw AdminError.CHANNEL_NAME_MALFORMED.with();
        }
        ConnectorType type = channels.types().get(spec.type());
        if (type == null) {
            throw AdminError.CHANNEL_TYPE_UNKNOWN.with(new TreeMap<>(channels.types()).keySet(),
                    channels.sandbox() ? "" : " (the simulator exists in sandbox mode only)");
        }
        List<String> serving = checkedList("countries", spec.countries(), countries);
        List<String> operations = checkedList("operations", spec.operations(), Set.copyOf(OPERATIONS));
        ChannelRecord channel = ChannelRecord.builder().name(spec.name()).type(type.name()).countries(serving)
                .operations(operations).config(spec.config())
                .credentialNames(List.copyOf(new java.util.TreeSet<>(spec.credentials().keySet())))
                .webhookToken(newToken()).enabled(true).version(1).build();
        validate(type, channel, spec.credentials());
        boolean inserted = jdbi.inTransaction(handle -> {
            boolean created = store.insert(handle, channel, seal(spec.credentials(), channel.name()));
            if (created) {
                changes.write(handle, "channel.create", channel.name(), "type=" + type.name() + ", countries="
                        + serving + ", operations=" + operations + ", config=" + new TreeMap<>(spec.config())
                        + ", credentials set=" + channel.credentialNames());
            }
            return created;
        });
        if (!inserted) {
            throw AdminError.CHANNEL_EXISTS.with(spec.name());
        }
        channels.invalidate();
        return get(channel.name());
    }

    public ChannelRecord change(String name, ChannelChange change, ChangeLog changes) {
        ChannelRecord updated = jdbi.inTransaction(handle -> {
            ChannelRecord current = store.lock(handle, name)
                    .orElseThrow(() -> AdminError.CHANNEL_NOT_FOUND.with(name));
            ConnectorType type = channels.types().get(current.type());
            if (type == null) {
                throw AdminError.CHANNEL_TYPE_NOT_OFFERED.with(name, current.type());
            }
            Map<String, String> config = merged(current.config(), change.config());
            Map<String, String> credentials = merged(channels.credentials(store.sealedCredentials(handle, name), name),
                    change.credentials());
            ChannelRecord next = current.toBuilder().config(config)
                    .credentialNames(List.copyOf(new java.util.TreeSet<>(credentials.keySet())))
                    .enabled(change.enabled() == null ? current.enabled() : change.enabled()).build();
            validate(type, next, credentials);
            store.update(handle, next, seal(credentials, name));
            List<String> summary = new ArrayList<>();
            if (change.config() != null) {
                summary.add("config=" + new TreeMap<>(config));
            }
            if (change.credentials() != null) {
                summary.add("credentials changed=" + new TreeMap<>(change.credentials()).keySet());
            }
            if (change.enabled() != null) {
                summary.add("status=" + (change.enabled() ? "ENABLED" : "DISABLED"));
            }
            changes.write(handle, "channel.change", name, String.join(", ", summary));
            return next;
        });
        channels.invalidate();
        return get(updated.name());
    }

    public ChannelRecord get(String name) {
        return jdbi.withHandle(handle -> store.find(handle, name))
                .orElseThrow(() -> AdminError.CHANNEL_NOT_FOUND.with(name));
    }

    public List<ChannelRecord> list() {
        return jdbi.withHandle(store::all);
    }

    /**
     * Replaces a route: a country's ({@code merchantId} null) or a merchant's override (its country given). Every
     * channel must exist and serve the country and operation; names are unique; weights 0 to 1,000,000.
     */
    public List<RouteEntry> route(String country, Long merchantId, String operation, List<RouteEntry> entries,
                                  ChangeLog changes) {
        if (!OPERATIONS.contains(operation)) {
            throw AdminError.CHANNEL_OPERATION_UNKNOWN.with(operation);
        }
        if (!countries.contains(country)) {
            throw AdminError.ROUTE_COUNTRY_UNKNOWN.with(country);
        }
        Set<String> seen = new HashSet<>();
        for (RouteEntry entry : entries) {
            if (!seen.add(entry.channel())) {
                throw AdminError.ROUTE_CHANNEL_TWICE.with(entry.channel());
            }
            if (entry.weight() < 0 || entry.weight() > MAX_WEIGHT) {
                throw AdminError.ROUTE_WEIGHT_OUT_OF_RANGE.with(entry.channel(), MAX_WEIGHT);
            }
        }
        ChannelRepository.RouteKey key = new ChannelRepository.RouteKey(merchantId == null ? country : null, merchantId,
                operation);
        jdbi.useTransaction(handle -> {
            for (RouteEntry entry : entries) {
                ChannelRecord channel = store.find(handle, entry.channel()).orElseThrow(() ->
                        AdminError.ROUTE_CHANNEL_NOT_FOUND.with(entry.channel()));
                if (!channel.serves(country, operation)) {
                    throw AdminError.ROUTE_CHANNEL_NOT_SERVING.with(entry.channel(), country, operation,
                            channel.countries(), channel.operations());
                }
            }
            store.replaceRoute(handle, key, entries);
            changes.write(handle, merchantId == null ? "routing.set" : "routing.merchant.set",
                    (merchantId == null ? country : "merchant:" + merchantId) + "/" + operation,
                    entries.isEmpty() ? "removed" : entries.stream().map(e -> e.channel() + "=" + e.weight())
                            .toList().toString());
        });
        channels.invalidate();
        return entries;
    }

    /** Registers the channel's webhook URL on its rail; answers whether the rail has such a step. */
    public boolean registerWebhook(String name, ChangeLog changes) {
        ChannelRecord channel = get(name);
        Connector connector = channels.connector(name).orElseThrow(() -> AdminError.CHANNEL_TYPE_NOT_OFFERED.with(name,
                channel.type()));
        boolean registered;
        try {
            registered = connector.registerWebhook(channels.webhookUrl(channel));
        } catch (RuntimeException e) {
            throw AdminError.WEBHOOK_NOT_REGISTERED.with(e.getMessage());
        }
        jdbi.useTransaction(handle -> changes.write(handle, "channel.register-webhook", name,
                registered ? "registered on the rail" : "the rail has no registration step"));
        return registered;
    }

    /** Sandbox mode: the simulator channel and, where no route exists, default routes to it. Idempotent. */
    public void ensureSandboxDefaults() {
        List<String> all = List.copyOf(new java.util.TreeSet<>(countries));
        jdbi.useTransaction(handle -> {
            store.lockSandboxDefaults(handle);
            store.insert(handle, ChannelRecord.builder().name(SIMULATOR_CHANNEL).type("SIMULATOR").countries(all)
                    .operations(OPERATIONS).webhookToken(newToken()).enabled(true).version(1).build(), null);
            for (String country : all) {
                for (String operation : OPERATIONS) {
                    ChannelRepository.RouteKey key = new ChannelRepository.RouteKey(country, null, operation);
                    if (!store.hasRoute(handle, key)) {
                        store.replaceRoute(handle, key, List.of(new RouteEntry(SIMULATOR_CHANNEL, 100)));
                    }
                }
            }
        });
        channels.invalidate();
    }

    private void validate(ConnectorType type, ChannelRecord channel, Map<String, String> credentials) {
        Set<String> known = new HashSet<>();
        type.configFields().forEach(field -> known.add(field.name()));
        for (String key : channel.config().keySet()) {
            if (!known.contains(key)) {
                throw AdminError.CHANNEL_SETTING_UNKNOWN.with("config", key, "setting", type.name());
            }
        }
        Set<String> secrets = new HashSet<>();
        type.credentialFields().forEach(field -> secrets.add(field.name()));
        for (String key : credentials.keySet()) {
            if (!secrets.contains(key)) {
                throw AdminError.CHANNEL_SETTING_UNKNOWN.with("credentials", key, "credential", type.name());
            }
        }
        try {
            type.open(new ChannelSettings(channel.config(), credentials), new ConnectorContext(channel.name(),
                    "https://validation.invalid/channels/v1/" + channel.name() + "/" + channel.webhookToken(),
                    channels.sandbox(), java.time.Clock.systemUTC(), java.time.Duration.ofSeconds(1)));
        } catch (InvalidChannelSetting e) {
            throw AdminError.CHANNEL_SETTING_INVALID.with(e.getMessage());
        }
    }

    private List<String> checkedList(String field, List<String> values, Set<String> allowed) {
        if (values == null || values.isEmpty()) {
            throw AdminError.CHANNEL_LIST_EMPTY.with(field);
        }
        for (String value : values) {
            if (!allowed.contains(value)) {
                throw AdminError.CHANNEL_LIST_VALUE_UNKNOWN.with(field, new java.util.TreeSet<>(allowed), value);
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(values));
    }

    private static Map<String, String> merged(Map<String, String> current, Map<String, String> change) {
        if (change == null) {
            return current;
        }
        Map<String, String> merged = new LinkedHashMap<>(current);
        change.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private byte[] seal(Map<String, String> credentials, String name) {
        if (credentials.isEmpty()) {
            return null;
        }
        return box.seal(Json.text(new TreeMap<>(credentials)), name);
    }

    static String newToken() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
