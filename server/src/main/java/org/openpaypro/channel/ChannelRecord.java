package org.openpaypro.channel;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A channel as stored (DESIGN §13): a named, configured instance of a connector type, the countries and operations
 * it serves, its plain config, the names of its credentials (their values stay sealed), the webhook token, status
 * and health. Immutable.
 */
public record ChannelRecord(String name, String type, List<String> countries, List<String> operations,
                            Map<String, String> config, List<String> credentialNames, String webhookToken,
                            boolean enabled, long version, Instant createdAt, Instant lastSuccessAt,
                            Instant lastErrorAt, String lastError, long errorCount) {
    public ChannelRecord {
        countries = List.copyOf(countries);
        operations = List.copyOf(operations);
        config = Map.copyOf(config);
        credentialNames = List.copyOf(credentialNames);
    }

    public boolean serves(String country, String operation) {
        return countries.contains(country) && operations.contains(operation);
    }

    /** An empty builder: no countries, operations, config or credentials; disabled, version 0, no health yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this channelRecord's values, for a copy with a few of them changed. */
    public Builder toBuilder() {
        return builder().name(name).type(type).countries(countries).operations(operations).config(config)
                .credentialNames(credentialNames).webhookToken(webhookToken).enabled(enabled).version(version)
                .createdAt(createdAt).lastSuccessAt(lastSuccessAt).lastErrorAt(lastErrorAt).lastError(lastError)
                .errorCount(errorCount);
    }

    /** Collects the values of a {@link ChannelRecord}; start from {@link #builder()}. Not thread-safe. */
    public static final class Builder {
        private String name;
        private String type;
        private List<String> countries = List.of();
        private List<String> operations = List.of();
        private Map<String, String> config = Map.of();
        private List<String> credentialNames = List.of();
        private String webhookToken;
        private boolean enabled;
        private long version;
        private Instant createdAt;
        private Instant lastSuccessAt;
        private Instant lastErrorAt;
        private String lastError;
        private long errorCount;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder countries(List<String> countries) {
            this.countries = countries;
            return this;
        }

        public Builder operations(List<String> operations) {
            this.operations = operations;
            return this;
        }

        public Builder config(Map<String, String> config) {
            this.config = config;
            return this;
        }

        public Builder credentialNames(List<String> credentialNames) {
            this.credentialNames = credentialNames;
            return this;
        }

        public Builder webhookToken(String webhookToken) {
            this.webhookToken = webhookToken;
            return this;
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder lastSuccessAt(Instant lastSuccessAt) {
            this.lastSuccessAt = lastSuccessAt;
            return this;
        }

        public Builder lastErrorAt(Instant lastErrorAt) {
            this.lastErrorAt = lastErrorAt;
            return this;
        }

        public Builder lastError(String lastError) {
            this.lastError = lastError;
            return this;
        }

        public Builder errorCount(long errorCount) {
            this.errorCount = errorCount;
            return this;
        }

        public ChannelRecord build() {
            return new ChannelRecord(name, type, countries, operations, config, credentialNames, webhookToken,
                    enabled, version, createdAt, lastSuccessAt, lastErrorAt, lastError, errorCount);
        }
    }
}
