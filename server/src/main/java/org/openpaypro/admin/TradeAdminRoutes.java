package org.openpaypro.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.channel.ChannelResult;
import org.openpaypro.http.AdminAuth;
import org.openpaypro.error.AdminException;
import org.openpaypro.ledger.LedgerCheck;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.notify.NotifyDispatcher;
import org.openpaypro.protocol.Amounts;
import org.openpaypro.protocol.TradeStatus;
import org.openpaypro.settlement.SettlementService;
import org.openpaypro.trade.Trade;
import org.openpaypro.trade.TradeService;

/**
 * Operator and sandbox API for trades, the ledger and settlement (DESIGN §9). The sandbox call exists only in
 * sandbox mode. Thin: parse, call a service, map.
 */
public final class TradeAdminRoutes {
    private static final Set<String> COMPLETE_FIELDS = Set.of("status", "message", "paidAmount");

    private final TradeService trades;
    private final MerchantService merchants;
    private final TradeInspector inspector;
    private final LedgerCheck ledgerCheck;
    private final SettlementService settlement;
    private final NotifyDispatcher dispatcher;
    private java.util.function.Consumer<String> beforeSandboxPayout = platformTradeNo -> { };

    public TradeAdminRoutes(Jdbi jdbi, TradeService trades, MerchantService merchants, LedgerCheck ledgerCheck,
                            SettlementService settlement, NotifyDispatcher dispatcher) {
        this.trades = trades;
        this.merchants = merchants;
        this.inspector = new TradeInspector(jdbi);
        this.ledgerCheck = ledgerCheck;
        this.settlement = settlement;
        this.dispatcher = dispatcher;
    }

    /**
     * What runs before a sandbox outcome finishes a processing payout: hands it to its rail first if it is still in
     * the submission queue (a rail cannot finish a payout it never received, and its reference, e.g. the UTR, comes
     * from the submission). Default: nothing.
     */
    public TradeAdminRoutes beforeSandboxPayout(java.util.function.Consumer<String> submitFirst) {
        this.beforeSandboxPayout = submitFirst;
        return this;
    }

    public void register(Javalin app, boolean sandbox) {
        app.get("/admin/v1/trades/{platFormTradeNo}", ctx -> ctx.json(view(trade(ctx))));
        app.post("/admin/v1/trades/{platFormTradeNo}/notify", this::resend);
        app.get("/admin/v1/ledger/check", ctx -> ctx.json(ledgerCheck.run()));
        app.post("/admin/v1/settlement/run", this::settle);
        if (sandbox) {
            app.post("/sandbox/v1/trades/{platFormTradeNo}/complete", ctx -> ctx.json(view(complete(ctx))));
        }
    }

    private void resend(Context ctx) {
        Trade trade = trade(ctx);
        if (!dispatcher.resend(trade.id(), trade.platformTradeNo(), AdminAuth.actor(ctx))) {
            throw new AdminException(409, "trade " + trade.platformTradeNo() + " is still processing: nothing to notify");
        }
        ctx.status(202).json(Map.of("platFormTradeNo", trade.platformTradeNo(), "queued", true));
    }

    private void settle(Context ctx) {
        AdminBody body = AdminBody.parse(ctx.bodyAsBytes(), Set.of("asOf"));
        String asOfText = body.text("asOf", false, 40);
        Instant asOf;
        try {
            asOf = asOfText == null ? Instant.now() : Instant.parse(asOfText);
        } catch (DateTimeParseException e) {
            asOf = null;
        }
        if (asOf == null || asOf.isBefore(Instant.EPOCH) || asOf.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
            throw AdminException.badRequest("asOf must be an ISO-8601 instant from 1970 to 9999 such as "
                    + "2026-11-29T03:00:00Z");
        }
        SettlementService.Result result = settlement.run(asOf, AdminAuth.actor(ctx));
        ctx.json(Map.of("asOf", asOf.toString(), "settledTrades", result.trades(), "journals", result.journals(),
                "failedMerchants", result.failedMerchants()));
    }

    /** Forces an outcome (sandbox); the same service call as every channel result. */
    Trade complete(Context ctx) {
        Trade trade = trade(ctx);
        if (trade.direction() == org.openpaypro.trade.Direction.PAYOUT && !trade.status().terminal()) {
            beforeSandboxPayout.accept(trade.platformTradeNo());
        }
        ChannelResult result = parseResult(ctx.bodyAsBytes());
        try {
            return trades.complete(trade.platformTradeNo(), result, AdminAuth.actor(ctx))
                    .orElseThrow(() -> AdminException.notFound("no trade " + trade.platformTradeNo())).trade();
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest(e.getMessage());
        }
    }

    /** Parses {@code {"status", "message"?, "paidAmount"?}} into a channel result; 400 on anything else. */
    public static ChannelResult parseResult(byte[] raw) {
        AdminBody body = AdminBody.parse(raw, COMPLETE_FIELDS);
        String statusText = body.text("status", true, 8);
        TradeStatus status;
        try {
            status = TradeStatus.fromWire(statusText);
        } catch (IllegalArgumentException e) {
            status = TradeStatus.PROCESSING;
        }
        if (!status.terminal()) {
            throw AdminException.badRequest("status must be 0000 (success), 00029 (failed) or 0001 (partial pay-in)");
        }
        String message = body.text("message", false, 256);
        Long paid = null;
        if (status == TradeStatus.PARTIAL) {
            paid = body.amount("paidAmount", true, false, 0);
        }
        return new ChannelResult(status, paid, message != null ? message
                : status == TradeStatus.FAILED ? "FAILED" : "SUCCESS", null);
    }

    private Trade trade(Context ctx) {
        String platformTradeNo = ctx.pathParam("platFormTradeNo");
        if (!platformTradeNo.matches("[0-9a-z]{1,32}")) {
            throw AdminException.notFound("no trade " + platformTradeNo);
        }
        return trades.find(platformTradeNo).orElseThrow(() -> AdminException.notFound("no trade " + platformTradeNo));
    }

    private Map<String, Object> view(Trade trade) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("platFormTradeNo", trade.platformTradeNo());
        view.put("tradeNo", trade.tradeNo());
        view.put("merchantNo", merchants.findById(trade.merchantId()).map(m -> m.merchantNo()).orElse(null));
        view.put("direction", trade.direction().name());
        view.put("country", trade.country());
        view.put("currency", trade.currency());
        view.put("amount", trade.amountText());
        view.put("fee", Amounts.format(trade.fee(), 4));
        view.put("paidAmount", trade.paidAmount() == null ? null : Amounts.format(trade.paidAmount(), 4));
        view.put("status", trade.status().wire());
        view.put("message", trade.message());
        view.put("notifyUrl", trade.notifyUrl());
        view.put("returnUrl", trade.returnUrl());
        view.put("remark", trade.remark());
        view.put("details", trade.details());
        view.put("channel", trade.channel());
        view.put("channelRef", trade.channelRef());
        view.put("createdAt", String.valueOf(trade.createdAt()));
        view.put("finishedAt", trade.finishedAt() == null ? null : trade.finishedAt().toString());
        view.put("settleAt", trade.settleAt() == null ? null : trade.settleAt().toString());
        view.put("settledAt", trade.settledAt() == null ? null : trade.settledAt().toString());
        view.put("postings", inspector.postings(trade));
        view.put("notifications", inspector.notifications(trade));
        view.put("submissions", inspector.submissions(trade));
        if (trade.direction() == org.openpaypro.trade.Direction.PAYOUT) {
            view.put("submissionQueue", inspector.submissionQueue(trade));
        }
        return view;
    }
}
