package org.openpaypro.channel;

import java.time.Clock;
import java.time.Duration;

/**
 * What the gateway gives a connector when it opens: the channel's name, its public {@code webhookUrl}
 * ({@code <OPENPAYPRO_PUBLIC_URL>/channels/v1/{name}/{token}}), whether plain {@code http://} rail URLs are allowed
 * (sandbox mode only), the clock, and the timeout for one call to the rail. Immutable.
 */
public record ConnectorContext(String channelName, String webhookUrl, boolean sandbox, Clock clock,
                               Duration callTimeout) {
}
