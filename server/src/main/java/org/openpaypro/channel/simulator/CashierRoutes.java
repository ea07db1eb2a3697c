package org.openpaypro.channel.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.math.RoundingMode;
import java.util.Map;
import org.openpaypro.channel.ChannelResult;
import org.openpaypro.channel.TradeLink;
import org.openpaypro.channel.TradeView;
import org.openpaypro.json.Json;
import org.openpaypro.protocol.TradeStatus;

/**
 * The simulator's hosted cashier: {@code GET /cashier/{platFormTradeNo}} shows the pay-in, and in sandbox mode its
 * Pay / Fail buttons POST to {@code /cashier/{platFormTradeNo}/complete}, which applies the outcome through the
 * same {@link TradeLink#complete} as every channel result. The random 16-character trade number is the page's
 * only credential, as with any hosted payment link.
 *
 * <p>Browser hardening (issue 10, security 7): every answer carries a strict Content-Security-Policy, no framing,
 * {@code nosniff}, {@code no-store} and no referrer. The Pay / Fail POST is accepted only as
 * {@code application/json} (a cross-site form cannot send it without a CORS preflight, which is never granted),
 * from the gateway's own Origin, with the page's token in {@code X-Cashier-Token}: an HMAC of the trade number under
 * a key derived from the master key, so every node accepts the token of every other node. Thread-safe.
 */
public final class CashierRoutes {
    private final TradeLink trades;
    private final CashierGuard guard;

    public CashierRoutes(TradeLink trades, CashierGuard guard) {
        this.trades = trades;
        this.guard = guard;
    }

    public void register(Javalin app, boolean sandbox) {
        app.get("/cashier/{platFormTradeNo}", this::page);
        if (sandbox) {
            app.post("/cashier/{platFormTradeNo}/complete", this::complete);
        }
    }

    private void page(Context ctx) {
        CashierGuard.secureHeaders(ctx);
        TradeView trade = payin(ctx);
        if (trade == null) {
            ctx.status(404).contentType("text/html; charset=utf-8").result("<!doctype html><title>Not found</title>"
                    + "<p>No such payment.</p>");
            return;
        }
        String merchantName = trade.merchantName() == null ? "" : trade.merchantName();
        String brCode = trade.details().getOrDefault("qrCode", trade.details().get("paymentUrl"));
        CashierView view = new CashierView(trade.platformTradeNo(), merchantName,
                trade.amount().setScale(2, RoundingMode.DOWN).toPlainString(), trade.currency(),
                trade.status().wire(), brCode, trade.returnUrl(),
                "/cashier/" + trade.platformTradeNo() + "/complete");
        ctx.contentType("text/html; charset=utf-8").result(CashierPage.render(view,
                guard.token(trade.platformTradeNo())));
    }

    private void complete(Context ctx) {
        CashierGuard.secureHeaders(ctx);
        String refusal = guard.refusal(ctx, ctx.pathParam("platFormTradeNo"));
        if (refusal != null) {
            ctx.status(403).json(Map.of("error", refusal));
            return;
        }
        TradeView trade = payin(ctx);
        if (trade == null) {
            ctx.status(404).json(Map.of("error", "no such payment"));
            return;
        }
        ChannelResult result = parseResult(ctx.bodyAsBytes());
        if (result == null) {
            ctx.status(400).json(Map.of("error", "the cashier pays in full or fails: body must be "
                    + "{\"status\":\"0000\"} or {\"status\":\"00029\"}"));
            return;
        }
        trades.complete(trade.platformTradeNo(), result);
        TradeView after = trades.find(trade.platformTradeNo()).orElseThrow();
        ctx.json(Map.of("platFormTradeNo", after.platformTradeNo(), "status", after.status().wire()));
    }

    /** {@code {"status":"0000"|"00029","message"?}}; null for anything else. */
    static ChannelResult parseResult(byte[] raw) {
        try {
            JsonNode body = Json.MAPPER.readTree(raw);
            String status = body == null ? "" : body.path("status").asText("");
            String message = body.path("message").isTextual() ? body.path("message").asText() : null;
            if (message != null && message.length() > 256) {
                return null;
            }
            if (TradeStatus.SUCCESS.wire().equals(status)) {
                return ChannelResult.success();
            }
            return TradeStatus.FAILED.wire().equals(status) ? ChannelResult.failure(message) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private TradeView payin(Context ctx) {
        String platformTradeNo = ctx.pathParam("platFormTradeNo");
        if (!platformTradeNo.matches("[0-9a-z]{16}")) {
            return null;
        }
        return trades.find(platformTradeNo).filter(t -> !t.payout()).orElse(null);
    }
}
