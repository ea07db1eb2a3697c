package org.openpaypro.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openpaypro.error.AdminException;
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
                throw AdminException.badRequest("status must be PENDING_APPROVAL, APPLIED or REJECTED");
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
            case NOT_FOUND -> AdminException.notFound("no adjustment request " + id);
            case FINISHED -> new AdminException(409, "adjustment request " + id + " is already "
                    + decision.request().status() + ": nothing moved");
            case OWN_REQUEST -> new AdminException(403, "adjustment request " + id + " was requested by "
                    + decision.request().requestedBy() + ": a second operator must approve it");
            case INSUFFICIENT -> new AdminException(409, "insufficient available balance for a debit of "
                    + Amounts.format(-decision.request().amount(), 4) + ": request " + id + " stays pending");
        };
    }

    private static long id(Context ctx) {
        String text = ctx.pathParam("id");
        if (!text.matches("[0-9]{1,18}")) {
            throw AdminException.notFound("no adjustment request " + text);
        }
        return Long.parseLong(text);
    }

    static Map<String, Object> view(LedgerService.Request request) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", request.id());
        view.put("merchantNo", request.merchantNo());
        view.put("amount", Amounts.format(request.amount(), 4));
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
