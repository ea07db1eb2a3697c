package org.openpaypro.channel;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Inbound rail notifications at {@code /channels/v1/{name}/{token}} and below (DESIGN §13). An unknown channel or a
 * wrong token gets 404 and changes nothing. Otherwise the channel's connector parses the notification and confirms
 * it by asking its rail; every confirmed result goes through {@link TradeLink#complete} (duplicates and
 * out-of-order results are no-ops), and only for trades of this channel. These are not merchant API requests (no
 * signing, no replay guard), but the gateway's body limits apply. Thread-safe.
 */
public final class WebhookRoutes {
    private final Channels channels;
    private final TradeLink trades;

    public WebhookRoutes(Channels channels, TradeLink trades) {
        this.channels = channels;
        this.trades = trades;
    }

    public void register(Javalin app) {
        app.post("/channels/v1/{name}/{token}", this::receive);
        app.post("/channels/v1/{name}/{token}/<rest>", this::receive);
    }

    private void receive(Context ctx) {
        String name = ctx.pathParam("name");
        Optional<ChannelRecord> channel = channels.channel(name).filter(found -> tokenMatches(found, ctx));
        Optional<Connector> connector = channel.flatMap(found -> channels.connector(found.name()));
        if (connector.isEmpty()) {
            ctx.status(404).json(Map.of("error", "no such channel"));
            return;
        }
        String rest = ctx.pathParamMap().get("rest");
        Map<String, String> headers = new HashMap<>();
        ctx.headerMap().forEach((key, value) -> headers.put(key.toLowerCase(Locale.ROOT), value));
        WebhookAnswer answer = connector.get().onWebhook(new WebhookCall(rest == null ? "" : "/" + rest,
                ctx.bodyAsBytes(), headers));
        for (WebhookAnswer.Confirmed confirmed : answer.confirmed()) {
            Optional<TradeView> trade = confirmed.platformTradeNo() != null ? trades.find(confirmed.platformTradeNo())
                    : trades.findByChannelRef(name, confirmed.channelRef());
            trade.filter(found -> name.equals(found.channel()))
                    .ifPresent(found -> trades.complete(found.platformTradeNo(), confirmed.result()));
        }
        ctx.status(answer.status());
        if (answer.body() != null) {
            ctx.contentType(answer.contentType() == null ? "text/plain; charset=utf-8" : answer.contentType())
                    .result(answer.body());
        }
    }

    private static boolean tokenMatches(ChannelRecord channel, Context ctx) {
        return MessageDigest.isEqual(channel.webhookToken().getBytes(StandardCharsets.UTF_8),
                ctx.pathParam("token").getBytes(StandardCharsets.UTF_8));
    }
}
