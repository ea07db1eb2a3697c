package org.openpaypro.channel;

import java.util.List;

/**
 * What a connector made of a notification: the HTTP answer its rail expects, and the results it confirmed by asking
 * the rail, each keyed by the trade's number or, when the rail only names its own reference, by that reference.
 * Immutable.
 */
public record WebhookAnswer(int status, String contentType, String body, List<Confirmed> confirmed) {
    public WebhookAnswer {
        confirmed = List.copyOf(confirmed);
    }

    /** One confirmed outcome; exactly one of {@code platformTradeNo} and {@code channelRef} is set. */
    public record Confirmed(String platformTradeNo, String channelRef, RailResult result) {
    }
}
