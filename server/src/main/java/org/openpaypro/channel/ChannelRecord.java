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
}
