package org.openpaypro.channel;

/** One field of a channel's config or credentials, as a connector type declares it. Immutable. */
public record SettingField(String name, boolean required, String description) {
}
