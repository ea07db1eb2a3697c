package org.openpaypro.channel;

import java.util.Map;
import java.util.Optional;

/**
 * A channel's config and decrypted credentials as string values (numbers and enums as text, certificates as base64
 * or PEM). Immutable; never logged, never put in an answer (credentials).
 */
public record ChannelSettings(Map<String, String> config, Map<String, String> credentials) {
    public ChannelSettings {
        config = Map.copyOf(config);
        credentials = Map.copyOf(credentials);
    }

    /** A required config value; throws {@link InvalidChannelSetting} naming {@code config.<name>} when absent. */
    public String config(String name) {
        return optionalConfig(name).orElseThrow(() -> new InvalidChannelSetting("config." + name, "is required"));
    }

    public Optional<String> optionalConfig(String name) {
        return Optional.ofNullable(config.get(name)).filter(value -> !value.isBlank());
    }

    /** A required credential; throws {@link InvalidChannelSetting} naming {@code credentials.<name>} when absent. */
    public String credential(String name) {
        return optionalCredential(name)
                .orElseThrow(() -> new InvalidChannelSetting("credentials." + name, "is required"));
    }

    public Optional<String> optionalCredential(String name) {
        return Optional.ofNullable(credentials.get(name)).filter(value -> !value.isBlank());
    }

    @Override
    public String toString() {
        return "ChannelSettings[config=" + config + ", credentials=" + credentials.keySet() + "]";
    }
}
