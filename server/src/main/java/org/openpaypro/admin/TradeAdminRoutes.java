package org.openpaypro.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.openpaypro.channel.ChannelResult;
import org.openpaypro.channel.TradeSubmissions;
import org.openpaypro.error.AdminError;
import org.openpaypro.http.AdminAuth;
import org.openpaypro.ledger.LedgerCheck;
import org.openpaypro.ledger.LedgerService;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.notify.NotifyDispatcher;
import org.openpaypro.protocol.Amounts;
import org.openpaypro.protocol.TradeStatus;
import org.openpaypro.settlement.SettlementService;
import org.openpaypro.trade.Direction;
import org.openpaypro.trade.Trade;
import org.openpaypro.trade.TradeService;

/**
 * Operator and sandbox API for trades, the ledger and settlement (DESIGN §9). The sandbox call exists only in
 * sandbox mode. Thin: parse, call a service, map.
 */
public final class TradeAdminRoutes {
    private static final Set<String> COMPLETE_FIELDS = Set.of("status", "message", "paidAmount");
    private static final Pattern PLATFORM_TRADE_NO = Pattern.compile("[0-9a-z]{1,32}");

    private final TradeService trades;
    private final MerchantService merchants;
    private final LedgerService ledger;
    private final LedgerCheck ledgerCheck;
    private final SettlementService settlement;
    private final NotifyDispatcher dispatcher;
    private final TradeSubmissions submissions;
    private java.util.function.Consumer<String> beforeSandboxPayout = platformTradeNo -> { };

    public TradeAdminRoutes(LedgerService ledger, TradeService trades, MerchantService merchants,
                            LedgerCheck ledgerCheck, SettlementService settlement, NotifyDispatcher dispatcher,
                            TradeSubmissions submissions) {
        this.trades = trades;
        this.merchants = merchants;
        this.ledger = ledger;
        this.ledgerCheck = ledgerCheck;
        this.settlement = settlement;
        this.dispatcher = dispatcher;
        this.submissions = submissions;
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

    public void register(Javalin app) {
        app.get("/admin/v1/trades/{platFormTradeNo}", ctx -> ctx.json(view(trade(ctx))));
        app.post("/admin/v1/trades/{platFormTradeNo}/notify", this::resend);
        app.get("/admin/v1/ledger/check", ctx -> ctx.json(ledgerCheck.run()));
        app.post("/admin/v1/settlement/run", this::settle);
    }

    /** The sandbox's result route (sandbox mode only), registered apart: before the merchant API (see App). */
    public void registerSandbox(Javalin app) {
        app.post("/sandbox/v1/trades/{platFormTradeNo}/complete", ctx -> ctx.json(fields(complete(ctx))));
    }

    private void resend(Context ctx) {
        Trade trade = trade(ctx);
        if (!dispatcher.resend(trade.id(), trade.platformTradeNo(), AdminAuth.actor(ctx))) {
            throw AdminError.TRADE_STILL_PROCESSING.with(trade.platformTradeNo());
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
            throw AdminError.AS_OF_MALFORMED.with();
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
        refuseImpossiblePartial(trade, result);
        try {
            return trades.complete(trade, result, AdminAuth.actor(ctx))
                    .orElseThrow(() -> AdminError.TRADE_NOT_FOUND.with(trade.platformTradeNo())).trade();
        } catch (IllegalArgumentException e) {
            if (result.status() != TradeStatus.PARTIAL) {
                throw e;
            }
            // the one rule only the service knows: whether the trade's country has partial pay-ins
            throw AdminError.PARTIAL_NOT_AVAILABLE.with(trade.country(), trade.direction());
        }
    }

    /** The service's rules on a partial result that the route can tell from the trade alone, named. */
    private static void refuseImpossiblePartial(Trade trade, ChannelResult result) {
        if (result.status() != TradeStatus.PARTIAL) {
            return;
        }
        if (trade.direction() != Direction.PAYIN) {
            throw AdminError.PARTIAL_NOT_AVAILABLE.with(trade.country(), trade.direction());
        }
        if (result.paidUnits() >= trade.amountUnits()) {
            throw AdminError.PARTIAL_NOT_BELOW_AMOUNT.with();
        }
        if (result.paidUnits() <= 0) {
            throw AdminError.PAID_AMOUNT_NOT_POSITIVE.with();
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
            throw AdminError.RESULT_NOT_FINAL.with();
        }
        String message = body.text("message", false, 256);
        Long paid = null;
        if (status == TradeStatus.PARTIAL) {
            paid = body.requiredAmountUnits("paidAmount");
        }
        return new ChannelResult(status, paid, message != null ? message
                : status == TradeStatus.FAILED ? "FAILED" : "SUCCESS", null);
    }

    private Trade trade(Context ctx) {
        String platformTradeNo = ctx.pathParam("platFormTradeNo");
        if (!PLATFORM_TRADE_NO.matcher(platformTradeNo).matches()) {
            throw AdminError.TRADE_NOT_FOUND.with(platformTradeNo);
        }
        return trades.find(platformTradeNo).orElseThrow(() -> AdminError.TRADE_NOT_FOUND.with(platformTradeNo));
    }

    /** The operator's trade view (DESIGN §9): the trade's fields, its postings, deliveries and submissions. */
    private Map<String, Object> view(Trade trade) {
        Map<String, Object> view = fields(trade);
        view.put("postings", ledger.tradePostings(trade.id()));
        view.put("notifications", dispatcher.deliveries(trade.id()));
        view.put("submissions", submissions.attempts(trade.id()));
        if (trade.direction() == Direction.PAYOUT) {
            view.put("submissionQueue", submissions.queueRow(trade.id()));
        }
        return view;
    }

    /** The trade's own fields: the sandbox complete's answer (DESIGN §9 "trade after"), no other table read. */
    private Map<String, Object> fields(Trade trade) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("platFormTradeNo", trade.platformTradeNo());
        view.put("tradeNo", trade.tradeNo());
        view.put("merchantNo", merchants.findById(trade.merchantId()).map(m -> m.merchantNo()).orElse(null));
        view.put("direction", trade.direction().name());
        view.put("country", trade.country());
        view.put("currency", trade.currency());
        view.put("amount", trade.amountText());
        view.put("fee", Amounts.format(trade.feeUnits(), 4));
        view.put("paidAmount", trade.paidUnits() == null ? null : Amounts.format(trade.paidUnits(), 4));
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
        return view;
    }
}
