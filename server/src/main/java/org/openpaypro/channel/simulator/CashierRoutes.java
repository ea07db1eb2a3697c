package org.openpaypro.channel.simulator;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import org.openpaypro.admin.TradeAdminRoutes;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.protocol.Amounts;
import org.openpaypro.protocol.TradeStatus;
import org.openpaypro.trade.Direction;
import org.openpaypro.trade.Trade;
import org.openpaypro.trade.TradeService;

/**
 * The simulator's hosted cashier: {@code GET /cashier/{platFormTradeNo}} shows the pay-in, and in sandbox mode its
 * Pay / Fail buttons POST to {@code /cashier/{platFormTradeNo}/complete}, which applies the outcome through the
 * same {@link TradeService#complete} as every channel result. The random 16-character trade number is the page's
 * only credential, as with any hosted payment link.
 *
 * <p>Browser hardening (issue 10, security 7): every answer carries a strict Content-Security-Policy, no framing,
 * {@code nosniff}, {@code no-store} and no referrer. The Pay / Fail POST is accepted only as
 * {@code application/json} (a cross-site form cannot send it without a CORS preflight, which is never granted),
 * from the gateway's own Origin, with the page's token in {@code X-Cashier-Token}: an HMAC of the trade number under
 * a key derived from the master key, so every node accepts the token of every other node. Thread-safe.
 */
public final class CashierRoutes {
    private final TradeService trades;
    private final MerchantService merchants;

    private final CashierGuard guard;

    public CashierRoutes(TradeService trades, MerchantService merchants) {
        this(trades, merchants, new CashierGuard(null, null));
    }

    public CashierRoutes(TradeService trades, MerchantService merchants, CashierGuard guard) {
        this.trades = trades;
        this.merchants = merchants;
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
        Trade trade = payin(ctx);
        if (trade == null) {
            ctx.status(404).contentType("text/html; charset=utf-8").result("<!doctype html><title>Not found</title>"
                    + "<p>No such payment.</p>");
            return;
        }
        String merchantName = merchants.findById(trade.merchantId()).map(m -> m.name()).orElse("");
        String brCode = trade.details().getOrDefault("qrCode", trade.details().get("paymentUrl"));
        CashierView view = new CashierView(trade.platformTradeNo(), merchantName,
                Amounts.format(trade.amount(), 2), trade.currency(), trade.status().wire(), brCode, trade.returnUrl(),
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
        Trade trade = payin(ctx);
        if (trade == null) {
            ctx.status(404).json(Map.of("error", "no such payment"));
            return;
        }
        var result = TradeAdminRoutes.parseResult(ctx.bodyAsBytes());
        if (result.status() == TradeStatus.PARTIAL) {
            ctx.status(400).json(Map.of("error", "the cashier pays in full or fails"));
            return;
        }
        Trade after = trades.complete(trade.platformTradeNo(), result).orElseThrow().trade();
        ctx.json(Map.of("platFormTradeNo", after.platformTradeNo(), "status", after.status().wire()));
    }

    private Trade payin(Context ctx) {
        String platformTradeNo = ctx.pathParam("platFormTradeNo");
        if (!platformTradeNo.matches("[0-9a-z]{16}")) {
            return null;
        }
        return trades.find(platformTradeNo).filter(t -> t.direction() == Direction.PAYIN).orElse(null);
    }
}
