package org.openpaypro.channel;

import java.util.List;

/**
 * A kind of connector ({@code SIMULATOR}, {@code PIX_BCB}, {@code MPESA_DARAJA}): declares the config and
 * credential fields a channel of this type takes, and opens a connector from them. {@link #open} validates every
 * field first and throws {@link InvalidChannelSetting} naming the first bad one; it never calls the rail.
 * Implementations are stateless and thread-safe.
 */
public interface ConnectorType {
    /** The type's name as the operator API spells it, e.g. {@code PIX_BCB}. */
    String name();

    /** The fields of {@code config} (plain settings, shown in answers). */
    List<SettingField> configFields();

    /** The fields of {@code credentials} (secret: stored encrypted, never shown). */
    List<SettingField> credentialFields();

    /** A connector for one channel; throws {@link InvalidChannelSetting} when a setting is missing or malformed. */
    Connector open(ChannelSettings settings, ConnectorContext context);
}
