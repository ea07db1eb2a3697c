package org.openpaypro.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openpaypro.error.AdminError;
import org.openpaypro.http.AdminAuth;
import org.openpaypro.ledger.LedgerService;
import org.openpaypro.protocol.Amounts;

/** Operator API for four-eyes adjustment requests (DESIGN §14): list, approve, reject. Thin: parse, call, map. */
public final class AdjustmentAdminRoutes {
    private final LedgerService ledger;

    public AdjustmentAdminRoutes(LedgerService ledger) {
        this.ledger = ledger;
    }

    public void register(Javalin app) {
        app.get("/admin/v1/adjustments", this::list);
        app.post("/admin/v1/adjustments/{id}/approve", ctx -> decided(ctx, ledger.approve(id(ctx),
                AdminAuth.actor(ctx))));
        app.post("/admin/v1/adjustments/{id}/reject", ctx -> decided(ctx, ledger.reject(id(ctx),
                AdminAuth.actor(ctx))));
    }

    private void list(Context ctx) {
        String statusText = ctx.queryParam("status");
        LedgerService.RequestStatus status = null;
        if (statusText != null) {
            try {
                status = LedgerService.RequestStatus.valueOf(statusText);
            } catch (IllegalArgumentException e) {
                throw AdminError.ADJUSTMENT_STATUS_UNKNOWN.with();
            }
        }
        ctx.json(Map.of("adjustments", ledger.requests(status).stream().map(AdjustmentAdminRoutes::view).toList()));
    }

    private static void decided(Context ctx, LedgerService.Decision decision) {
        if (decision.refusal() == null) {
            ctx.json(view(decision.request()));
            return;
        }
        long id = id(ctx);
        throw switch (decision.refusal()) {
            case NOT_FOUND -> AdminError.ADJUSTMENT_NOT_FOUND.with(id);
            case FINISHED -> AdminError.ADJUSTMENT_FINISHED.with(id, decision.request().status());
            case OWN_REQUEST -> AdminError.ADJUSTMENT_OWN_REQUEST.with(id, decision.request().requestedBy());
            case INSUFFICIENT -> AdminError.APPROVAL_INSUFFICIENT_BALANCE.with(
                    Amounts.format(-decision.request().amountUnits(), 4), id);
        };
    }

    private static long id(Context ctx) {
        String text = ctx.pathParam("id");
        if (!text.matches("[0-9]{1,18}")) {
            throw AdminError.ADJUSTMENT_NOT_FOUND.with(text);
        }
        return Long.parseLong(text);
    }

    static Map<String, Object> view(LedgerService.Request request) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", request.id());
        view.put("merchantNo", request.merchantNo());
        view.put("amount", Amounts.format(request.amountUnits(), 4));
        view.put("currency", request.currency());
        view.put("reason", request.reason());
        view.put("status", request.status().name());
        view.put("requestedBy", request.requestedBy());
        view.put("decidedBy", request.decidedBy());
        view.put("createdAt", String.valueOf(request.createdAt()));
        view.put("decidedAt", request.decidedAt() == null ? null : request.decidedAt().toString());
        return view;
    }
}
