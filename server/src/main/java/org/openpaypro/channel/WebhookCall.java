package org.openpaypro.channel;

import java.util.Map;

/**
 * An inbound notification from a rail after the gateway checked the channel's token: the rest of the path
 * (e.g. {@code /pix}, {@code /stk}), the raw body and the headers (lower-case names). Immutable.
 */
public record WebhookCall(String subPath, byte[] body, Map<String, String> headers) {
    public WebhookCall {
        body = body.clone();
        headers = Map.copyOf(headers);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
