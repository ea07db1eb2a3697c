package org.openpaypro.portal;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openpaypro.notify.NotifyDispatcher;
import org.openpaypro.portal.PortalViews.Attempt;
import org.openpaypro.portal.PortalViews.Moment;
import org.openpaypro.portal.PortalViews.TradeDetailView;
import org.openpaypro.portal.PortalViews.TradeLine;
import org.openpaypro.portal.PortalViews.TradesView;
import org.openpaypro.protocol.TradeStatus;
import org.openpaypro.reports.Csv;
import org.openpaypro.reports.TradeDetail;
import org.openpaypro.reports.TradeDetails;
import org.openpaypro.reports.TradeFilter;
import org.openpaypro.reports.TradePage;
import org.openpaypro.reports.TradeRow;
import org.openpaypro.reports.TradeSearch;
import org.openpaypro.web.Frame;
import org.openpaypro.web.Money;

/**
 * The portal's Trades pages: the merchant's own trades filtered and paged by keyset, {@code Export CSV} of
 * everything the filter matches (streamed), and a trade's detail with its timeline and every callback attempt;
 * {@code OWNER} and {@code DEVELOPER} may send the callback again (the notifier's resend, audited). Every query
 * is the shared trade search of package {@code reports}, bound to the signed-in user's merchant. Thread-safe.
 */
final class TradeRoutes {
    static final String PATH = "/portal/trades";
    static final List<String> FILTER_FIELDS = List.of("direction", "status", "from", "to", "tradeNo",
            "platFormTradeNo");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Portal portal;
    private final TradeSearch search;
    private final TradeDetails details;
    private final NotifyDispatcher dispatcher;

    TradeRoutes(Portal portal, TradeSearch search, TradeDetails details, NotifyDispatcher dispatcher) {
        this.portal = portal;
        this.search = search;
        this.details = details;
        this.dispatcher = dispatcher;
    }

    void register(Javalin app) {
        var web = portal.web();
        app.get(PATH, web.page(ctx -> portal.require(ctx).ifPresent(signed -> list(ctx, signed))));
        app.get(PATH + ".csv", web.page(ctx -> portal.require(ctx).ifPresent(signed -> export(ctx, signed))));
        app.get(PATH + "/{platFormTradeNo}", web.page(ctx -> portal.require(ctx).ifPresent(signed ->
                detail(ctx, signed, "resent".equals(ctx.queryParam("notice"))
                        ? "A new delivery of the callback was queued." : null))));
        app.post(PATH + "/{platFormTradeNo}/notify", web.page(ctx -> portal.require(ctx).ifPresent(signed ->
                resend(ctx, signed))));
    }

    private void list(Context ctx, Portal.Signed signed) {
        Map<String, String> typed = typed(ctx);
        Frame frame = portal.frame(signed, "Trades", "Trades");
        TradeFilter filter;
        try {
            filter = TradeFilter.fromParameters(signed.merchant().id(), ctx::queryParam);
        } catch (IllegalArgumentException bad) {
            portal.web().pages().render(ctx, 422, "portal/trades.jte", frame, new TradesView(typed, List.of(), null,
                    null, bad.getMessage()));
            return;
        }
        TradePage page;
        try {
            page = search.page(filter, ctx.queryParam("after"), TradeSearch.DEFAULT_PAGE_SIZE);
        } catch (IllegalArgumentException badCursor) {
            portal.web().pages().render(ctx, 422, "portal/trades.jte", frame, new TradesView(typed, List.of(), null,
                    null, "That page link is not valid any more: start again from the first page."));
            return;
        }
        String query = query(typed);
        String older = page.nextCursor() == null ? null : PATH + "?" + query + (query.isEmpty() ? "" : "&")
                + "after=" + encode(page.nextCursor());
        List<TradeLine> rows = page.rows().stream().map(TradeRoutes::line).toList();
        portal.web().pages().render(ctx, "portal/trades.jte", frame, new TradesView(typed, rows, older,
                PATH + ".csv" + (query.isEmpty() ? "" : "?" + query), null));
    }

    private void export(Context ctx, Portal.Signed signed) {
        TradeFilter filter;
        try {
            filter = TradeFilter.fromParameters(signed.merchant().id(), ctx::queryParam);
        } catch (IllegalArgumentException bad) {
            portal.web().error(ctx, 422, bad.getMessage());
            return;
        }
        Csv.download(ctx, "trades-" + signed.merchant().merchantNo() + ".csv", out -> search.exportCsv(filter, out));
    }

    private void detail(Context ctx, Portal.Signed signed, String notice) {
        String platformTradeNo = ctx.pathParam("platFormTradeNo");
        var found = platformTradeNo.length() > 32 ? java.util.Optional.<TradeDetail>empty()
                : details.find(platformTradeNo, signed.merchant().id(), false);
        if (found.isEmpty()) {
            portal.web().error(ctx, 404, "Your merchant has no trade " + shorten(platformTradeNo) + ".");
            return;
        }
        TradeDetail trade = found.get();
        TradeLine line = line(trade.trade());
        Frame frame = portal.frame(signed, "Trade " + line.tradeNo(), "Trades");
        List<Moment> timeline = trade.timeline().stream().map(event -> new Moment(time(event.at()), event.what()))
                .toList();
        List<Attempt> attempts = trade.callbacks().stream().map(TradeRoutes::attempt).toList();
        portal.web().pages().render(ctx, "portal/trade.jte", notice == null ? frame : frame.withNotice(notice),
                new TradeDetailView(line, trade.trade().message(), trade.trade().channel(), trade.notifyUrl(),
                        timeline, attempts, signed.canDevelop(), trade.trade().status() != TradeStatus.PROCESSING));
    }

    private void resend(Context ctx, Portal.Signed signed) {
        if (!signed.canDevelop()) {
            portal.forbidden(ctx, "send callbacks again");
            return;
        }
        String platformTradeNo = ctx.pathParam("platFormTradeNo");
        var found = platformTradeNo.length() > 32 ? java.util.Optional.<TradeDetail>empty()
                : details.find(platformTradeNo, signed.merchant().id(), false);
        if (found.isEmpty()) {
            portal.web().error(ctx, 404, "Your merchant has no trade " + shorten(platformTradeNo) + ".");
            return;
        }
        TradeRow row = found.get().trade();
        if (!dispatcher.resend(row.id(), row.platformTradeNo(), signed.actor())) {
            portal.web().error(ctx, 409, "This trade is still processing: there is no callback to send yet.");
            return;
        }
        ctx.redirect(PATH + "/" + encode(row.platformTradeNo()) + "?notice=resent");
    }

    static TradeLine line(TradeRow row) {
        return new TradeLine(row.platformTradeNo(), row.tradeNo(), row.direction().name(),
                amount(row),
                Money.format(row.feeUnits(), row.currency()), label(row.status()), row.status().wire(),
                time(row.createdAt()));
    }

    /** The merchant's amount string shown through {@link Money}; as sent when it cannot be read as one. */
    private static String amount(TradeRow row) {
        try {
            return Money.format(org.openpaypro.protocol.Amounts.parse(row.amountText(), 4), row.currency());
        } catch (RuntimeException unreadable) {
            return row.amountText() + " " + row.currency();
        }
    }

    private static Attempt attempt(TradeDetail.CallbackAttempt attempt) {
        String outcome = attempt.delivered() ? "delivered" : attempt.error() != null ? "failed: " + attempt.error()
                : "refused by your server";
        return new Attempt(attempt.attempt(), time(attempt.at()), attempt.url(),
                attempt.httpStatus() == null ? "no answer" : attempt.httpStatus().toString(), outcome,
                attempt.answer() == null ? "" : attempt.answer(), attempt.latencyMs());
    }

    static String label(TradeStatus status) {
        return switch (status) {
            case SUCCESS -> "SUCCESS";
            case PROCESSING -> "PROCESSING";
            case PARTIAL -> "PARTIAL";
            case FAILED -> "FAILED";
        };
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    private static Map<String, String> typed(Context ctx) {
        Map<String, String> typed = new LinkedHashMap<>();
        for (String name : FILTER_FIELDS) {
            String value = ctx.queryParam(name);
            if (value != null && !value.isBlank() && value.length() <= 64) {
                typed.put(name, value.trim());
            }
        }
        return typed;
    }

    private static String query(Map<String, String> typed) {
        return typed.entrySet().stream().map(entry -> entry.getKey() + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String shorten(String text) {
        return text.length() > 32 ? text.substring(0, 32) + "…" : text;
    }
}
