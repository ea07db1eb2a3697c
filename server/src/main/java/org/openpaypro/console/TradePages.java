package org.openpaypro.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openpaypro.access.AccessPolicy.Rule;
import org.openpaypro.admin.TradeAdminRoutes;
import org.openpaypro.channel.ChannelResult;
import org.openpaypro.console.ConsoleViews.TradeView;
import org.openpaypro.console.ConsoleViews.TradesView;
import org.openpaypro.error.AdminException;
import org.openpaypro.json.Json;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.notify.NotifyDispatcher;
import org.openpaypro.reports.Csv;
import org.openpaypro.reports.TradeDetail;
import org.openpaypro.reports.TradeDetails;
import org.openpaypro.reports.TradeFilter;
import org.openpaypro.reports.TradePage;
import org.openpaypro.reports.TradeSearch;
import org.openpaypro.trade.Trade;
import org.openpaypro.trade.TradeService;

/**
 * Trades across merchants (DESIGN §15): the list with the portal's filters and keyset pages, {@code Export CSV} of
 * everything the filter matches (streamed), a trade's detail (timeline, callbacks with their HTTP status, ledger
 * postings), and the support actions: send the callback again, and in sandbox mode complete the trade. Actions go
 * through the services of the operator API and are audited by them. Thread-safe.
 */
final class TradePages {
    private final Console console;
    private final TradeSearch search;
    private final TradeDetails details;
    private final MerchantService merchants;
    private final TradeService trades;
    private final NotifyDispatcher dispatcher;
    private final boolean sandbox;

    TradePages(Console console, TradeSearch search, TradeDetails details, MerchantService merchants,
               TradeService trades, NotifyDispatcher dispatcher, boolean sandbox) {
        this.console = console;
        this.search = search;
        this.details = details;
        this.merchants = merchants;
        this.trades = trades;
        this.dispatcher = dispatcher;
        this.sandbox = sandbox;
    }

    void register(Javalin app) {
        var web = console.web();
        app.get("/console/trades", web.page(this::list));
        app.get("/console/trades.csv", web.page(this::export));
        app.get("/console/trades/{platFormTradeNo}", web.page(this::detail));
        app.post("/console/trades/{platFormTradeNo}/notify", web.page(this::resend));
        app.post("/console/trades/{platFormTradeNo}/complete", web.page(this::complete));
    }

    private void list(Context ctx) {
        Optional<Console.Signed> signed = console.require(ctx);
        if (signed.isEmpty()) {
            return;
        }
        String merchantNo = trimmed(ctx.queryParam("merchantNo"));
        var frame = console.frame(signed.get(), "Trades", "Trades");
        TradeFilter filter;
        TradePage page;
        try {
            filter = filter(ctx, merchantNo);
            page = search.page(filter, ctx.queryParam("after"), TradeSearch.DEFAULT_PAGE_SIZE);
        } catch (IllegalArgumentException e) {
            console.web().pages().render(ctx, 400, "console/trades.jte", frame.withError(e.getMessage()),
                    new TradesView(TradeFilter.all(null), merchantNo, new TradePage(java.util.List.of(), null), null,
                            null));
            return;
        }
        String query = query(ctx, merchantNo);
        console.web().pages().render(ctx, "console/trades.jte", frame, new TradesView(filter, merchantNo, page,
                page.nextCursor() == null ? null : "/console/trades?" + query + (query.isEmpty() ? "" : "&")
                        + "after=" + encode(page.nextCursor()), "/console/trades.csv" + (query.isEmpty() ? ""
                        : "?" + query)));
    }

    private void export(Context ctx) throws Exception {
        if (console.require(ctx).isEmpty()) {
            return;
        }
        TradeFilter filter;
        try {
            filter = filter(ctx, trimmed(ctx.queryParam("merchantNo")));
        } catch (IllegalArgumentException e) {
            console.web().error(ctx, 400, e.getMessage());
            return;
        }
        Csv.download(ctx, "trades.csv", out -> search.exportCsv(filter, out));
    }

    private void detail(Context ctx) {
        Optional<Console.Signed> signed = console.require(ctx);
        if (signed.isEmpty()) {
            return;
        }
        Optional<TradeDetail> detail = details.find(ctx.pathParam("platFormTradeNo"), null, true);
        if (detail.isEmpty()) {
            console.web().notFound(ctx);
            return;
        }
        String notice = switch (String.valueOf(ctx.queryParam("notice"))) {
            case "queued" -> "A new callback delivery is queued.";
            case "completed" -> "The trade was completed.";
            default -> null;
        };
        var frame = console.frame(signed.get(), "Trade " + detail.get().trade().platformTradeNo(), "Trades");
        console.web().pages().render(ctx, "console/trade.jte", notice == null ? frame : frame.withNotice(notice),
                new TradeView(detail.get(), signed.get().may(Rule.SUPPORT_ACTION),
                        sandbox && signed.get().may(Rule.SUPPORT_ACTION)
                                && detail.get().trade().finishedAt() == null));
    }

    private void resend(Context ctx) {
        Optional<Console.Signed> signed = console.require(ctx, Rule.SUPPORT_ACTION, "send callbacks again");
        Optional<Trade> trade = signed.flatMap(s -> trade(ctx));
        if (trade.isEmpty()) {
            return;
        }
        if (!dispatcher.resend(trade.get().id(), trade.get().platformTradeNo(), signed.get().actor())) {
            console.web().error(ctx, 409, "This trade is still processing: there is no callback to send yet.");
            return;
        }
        ctx.redirect("/console/trades/" + trade.get().platformTradeNo() + "?notice=queued");
    }

    private void complete(Context ctx) {
        if (!sandbox) {
            console.web().notFound(ctx);
            return;
        }
        Optional<Console.Signed> signed = console.require(ctx, Rule.SUPPORT_ACTION, "complete sandbox trades");
        Optional<Trade> trade = signed.flatMap(s -> trade(ctx));
        if (trade.isEmpty()) {
            return;
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", String.valueOf(ctx.formParam("status")));
        ChannelResult result;
        try {
            result = TradeAdminRoutes.parseResult(Json.MAPPER.writeValueAsBytes(body));
            trades.complete(trade.get().platformTradeNo(), result, signed.get().actor());
        } catch (AdminException | IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            console.web().error(ctx, 400, e.getMessage());
            return;
        }
        ctx.redirect("/console/trades/" + trade.get().platformTradeNo() + "?notice=completed");
    }

    private Optional<Trade> trade(Context ctx) {
        String platformTradeNo = ctx.pathParam("platFormTradeNo");
        Optional<Trade> trade = platformTradeNo.matches("[0-9a-z]{1,32}") ? trades.find(platformTradeNo)
                : Optional.empty();
        if (trade.isEmpty()) {
            console.web().notFound(ctx);
        }
        return trade;
    }

    /** The filter of the query string; an unknown merchant number is refused by name. */
    private TradeFilter filter(Context ctx, String merchantNo) {
        Long merchantId = null;
        if (merchantNo != null) {
            merchantId = (merchantNo.matches("[0-9]{10}") ? merchants.find(merchantNo) : Optional.<
                    org.openpaypro.merchant.Merchant>empty()).map(merchant -> merchant.id())
                    .orElseThrow(() -> new IllegalArgumentException("There is no merchant " + merchantNo + "."));
        }
        return TradeFilter.fromParameters(merchantId, ctx::queryParam);
    }

    /** The filter parameters of this request, to carry into the next page's and the export's links. */
    private static String query(Context ctx, String merchantNo) {
        StringBuilder query = new StringBuilder();
        for (String name : new String[] {"merchantNo", "direction", "status", "from", "to", "tradeNo",
                "platFormTradeNo"}) {
            String value = name.equals("merchantNo") ? merchantNo : trimmed(ctx.queryParam(name));
            if (value != null) {
                query.append(query.isEmpty() ? "" : "&").append(name).append('=').append(encode(value));
            }
        }
        return query.toString();
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
