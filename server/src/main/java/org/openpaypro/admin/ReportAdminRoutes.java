package org.openpaypro.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openpaypro.error.AdminError;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.reports.Csv;
import org.openpaypro.reports.TradeFilter;
import org.openpaypro.reports.TradePage;
import org.openpaypro.reports.TradeRow;
import org.openpaypro.reports.TradeSearch;

/**
 * Operator API for trade lists (issue 14): {@code GET /admin/v1/trades} pages newest first by keyset and
 * {@code GET /admin/v1/trades.csv} streams everything the same filter matches. The console and the bench use the
 * same {@link TradeSearch}. Thin: parse, call, map. Thread-safe.
 */
public final class ReportAdminRoutes {
    private final TradeSearch search;
    private final MerchantService merchants;

    public ReportAdminRoutes(TradeSearch search, MerchantService merchants) {
        this.search = search;
        this.merchants = merchants;
    }

    public void register(Javalin app) {
        app.get("/admin/v1/trades", this::page);
        app.get("/admin/v1/trades.csv", this::export);
    }

    private void page(Context ctx) {
        TradeFilter filter = filter(ctx);
        String limitText = ctx.queryParam("limit");
        int limit;
        try {
            limit = limitText == null || limitText.isBlank() ? TradeSearch.DEFAULT_PAGE_SIZE
                    : Integer.parseInt(limitText.trim());
        } catch (NumberFormatException e) {
            throw AdminError.WHOLE_NUMBER_OUT_OF_RANGE.with("limit", 1, TradeSearch.MAX_PAGE_SIZE);
        }
        TradePage page;
        try {
            page = search.page(filter, ctx.queryParam("after"), limit);
        } catch (IllegalArgumentException e) {
            throw AdminError.TRADE_FILTER_INVALID.with(e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("trades", page.rows().stream().map(ReportAdminRoutes::view).toList());
        answer.put("next", page.nextCursor());
        ctx.json(answer);
    }

    private void export(Context ctx) throws IOException {
        TradeFilter filter = filter(ctx);
        Csv.download(ctx, "trades.csv", out -> search.exportCsv(filter, out));
    }

    /** The filter of the query string; {@code merchantNo} picks one merchant (unknown: 404), absent: all. */
    private TradeFilter filter(Context ctx) {
        String merchantNo = ctx.queryParam("merchantNo");
        Long merchantId = null;
        if (merchantNo != null && !merchantNo.isBlank()) {
            if (!merchantNo.trim().matches("[0-9]{10}")) {
                throw AdminError.MERCHANT_NOT_FOUND.with(merchantNo.trim());
            }
            merchantId = merchants.find(merchantNo.trim()).map(merchant -> merchant.id())
                    .orElseThrow(() -> AdminError.MERCHANT_NOT_FOUND.with(merchantNo.trim()));
        }
        try {
            return TradeFilter.fromParameters(merchantId, ctx::queryParam);
        } catch (IllegalArgumentException e) {
            throw AdminError.TRADE_FILTER_INVALID.with(e.getMessage());
        }
    }

    static Map<String, Object> view(TradeRow row) {
        List<String> cells = TradeSearch.csvCells(row);
        Map<String, Object> view = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            view.put(TradeSearch.CSV_HEADER.get(i), cells.get(i).isEmpty() ? null : cells.get(i));
        }
        return view;
    }
}
