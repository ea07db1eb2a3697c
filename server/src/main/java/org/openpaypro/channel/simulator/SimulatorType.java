package org.openpaypro.channel.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.openpaypro.channel.ChannelSettings;
import org.openpaypro.channel.Connector;
import org.openpaypro.channel.ConnectorContext;
import org.openpaypro.channel.ConnectorType;
import org.openpaypro.channel.InvalidChannelSetting;
import org.openpaypro.channel.SettingField;

/**
 * The {@code SIMULATOR} connector type (sandbox mode only). Config {@code createOutcome}: {@code ACCEPT} (default),
 * {@code REFUSE} (every create is refused before anything exists, to exercise failover) or {@code UNKNOWN} (every
 * create ends without an answer, as after a timeout). Credential {@code webhookSecret} (optional): the key of its
 * webhook signature, instead of the channel's webhook URL. Immutable, thread-safe.
 */
public final class SimulatorType implements ConnectorType {
    public static final String NAME = "SIMULATOR";
    static final List<String> OUTCOMES = List.of("ACCEPT", "REFUSE", "UNKNOWN");

    private final String publicUrl;
    private final Duration autocomplete;

    /** {@code autocomplete} null: payouts wait for the sandbox API. */
    public SimulatorType(String publicUrl, Duration autocomplete) {
        this.publicUrl = publicUrl;
        this.autocomplete = autocomplete;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SettingField> configFields() {
        return List.of(new SettingField("createOutcome", false,
                "ACCEPT (default), REFUSE or UNKNOWN: what every create on this channel answers"));
    }

    @Override
    public List<SettingField> credentialFields() {
        return List.of(new SettingField("webhookSecret", false,
                "the key of the simulator's webhook signature (default: the channel's webhookUrl)"));
    }

    @Override
    public Connector open(ChannelSettings settings, ConnectorContext context) {
        for (String key : settings.config().keySet()) {
            if (!key.equals("createOutcome")) {
                throw new InvalidChannelSetting("config." + key, "is not a setting of SIMULATOR");
            }
        }
        for (String key : settings.credentials().keySet()) {
            if (!key.equals("webhookSecret")) {
                throw new InvalidChannelSetting("credentials." + key, "is not a credential of SIMULATOR");
            }
        }
        String secret = settings.optionalCredential("webhookSecret").orElse(context.webhookUrl());
        if (secret.length() < 16) {
            throw new InvalidChannelSetting("credentials.webhookSecret", "must be at least 16 characters");
        }
        String outcome = settings.optionalConfig("createOutcome").orElse("ACCEPT").toUpperCase(Locale.ROOT);
        if (!OUTCOMES.contains(outcome)) {
            throw new InvalidChannelSetting("config.createOutcome", "must be one of " + OUTCOMES);
        }
        return new SimulatorChannel(publicUrl, autocomplete, outcome, secret);
    }
}
