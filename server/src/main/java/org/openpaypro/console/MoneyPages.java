package org.openpaypro.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openpaypro.access.AccessPolicy.Rule;
import org.openpaypro.console.ConsoleViews.AdjustmentsView;
import org.openpaypro.ledger.LedgerService;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.protocol.Amounts;
import org.openpaypro.settlement.SettlementService;

/**
 * Money in the console (DESIGN §14, §15): manual adjustments (requested on a merchant's page), the four-eyes queue
 * (approve another operator's request, never one's own; the author may withdraw it), and the settlement run. Every
 * action needs the {@code MONEY} rule (OWNER, ADMIN, FINANCE) and goes through {@link LedgerService} /
 * {@link SettlementService}, which audit it as for the operator API. A {@code SUPPORT} operator sees the queue but
 * no button. Thread-safe.
 */
final class MoneyPages {
    /** The largest adjustment, as the operator API allows (1,000,000,000,000 currency units). */
    static final long ADJUSTMENT_LIMIT_UNITS = 1_000_000_000_000L * 10_000L;

    private final Console console;
    private final LedgerService ledger;
    private final SettlementService settlement;
    private final MerchantService merchants;

    MoneyPages(Console console, LedgerService ledger, SettlementService settlement, MerchantService merchants) {
        this.console = console;
        this.ledger = ledger;
        this.settlement = settlement;
        this.merchants = merchants;
    }

    void register(Javalin app) {
        var web = console.web();
        app.get("/console/adjustments", web.page(ctx -> show(ctx, 200, null, null)));
        app.post("/console/merchants/{merchantNo}/adjustments", web.page(this::request));
        app.post("/console/adjustments/{id}/approve", web.page(ctx -> decide(ctx, true)));
        app.post("/console/adjustments/{id}/reject", web.page(ctx -> decide(ctx, false)));
        app.post("/console/settlement/run", web.page(this::settle));
    }

    private void show(Context ctx, int status, String notice, String error) {
        Optional<Console.Signed> signed = console.require(ctx);
        if (signed.isEmpty()) {
            return;
        }
        List<LedgerService.Request> all = ledger.requests(null);
        var frame = console.frame(signed.get(), "Adjustments", "Adjustments");
        frame = notice == null ? frame : frame.withNotice(notice);
        console.web().pages().render(ctx, status, "console/adjustments.jte", error == null ? frame
                        : frame.withError(error), new AdjustmentsView(all.stream().filter(request -> request.status()
                        == LedgerService.RequestStatus.PENDING_APPROVAL).toList(), all.stream().filter(request ->
                        request.status() != LedgerService.RequestStatus.PENDING_APPROVAL).limit(50).toList(),
                signed.get().operator().email(), signed.get().may(Rule.MONEY)));
    }

    private void request(Context ctx) {
        Optional<Console.Signed> signed = console.require(ctx, Rule.MONEY, "adjust balances");
        if (signed.isEmpty()) {
            return;
        }
        String merchantNo = ctx.pathParam("merchantNo");
        Optional<Merchant> merchant = merchantNo.matches("[0-9]{10}") ? merchants.find(merchantNo) : Optional.empty();
        if (merchant.isEmpty()) {
            console.web().notFound(ctx);
            return;
        }
        String reason = Console.field(ctx, "reason", 500);
        long amount;
        try {
            amount = Amounts.parseSigned(String.valueOf(Console.field(ctx, "amount", 41)), 4);
        } catch (IllegalArgumentException e) {
            amount = 0;
        }
        if (amount == 0 || Math.abs(amount) > ADJUSTMENT_LIMIT_UNITS || reason == null) {
            console.web().error(ctx, 400, "Give a non-zero amount such as 1000.00 (negative debits) and a reason. "
                    + "Nothing was changed.");
            return;
        }
        LedgerService.Adjustment result = ledger.adjust(merchant.get(), amount, reason, signed.get().actor());
        if (result.insufficient()) {
            console.web().error(ctx, 409, "The available balance is too small for a debit of "
                    + Amounts.format(-amount, 4) + ". Nothing was changed.");
            return;
        }
        show(ctx, result.pending() != null ? 202 : 201, result.pending() != null
                ? "The adjustment waits for a second operator's approval (request " + result.pending().id() + ")."
                : "The adjustment was applied to merchant " + merchantNo + ".", null);
    }

    private void decide(Context ctx, boolean approve) {
        Optional<Console.Signed> signed = console.require(ctx, Rule.MONEY, "decide adjustments");
        if (signed.isEmpty()) {
            return;
        }
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            console.web().notFound(ctx);
            return;
        }
        LedgerService.Decision decision = approve ? ledger.approve(id, signed.get().actor())
                : ledger.reject(id, signed.get().actor());
        if (decision.refusal() == null) {
            show(ctx, 200, "Request " + id + " is " + decision.request().status().name() + ".", null);
            return;
        }
        switch (decision.refusal()) {
            case NOT_FOUND -> console.web().notFound(ctx);
            case OWN_REQUEST -> show(ctx, 403, null, "You cannot approve your own request: another operator must. "
                    + "Nothing moved.");
            case FINISHED -> show(ctx, 409, null, "Request " + id + " is already " + decision.request().status()
                    .name() + ". Nothing moved.");
            case INSUFFICIENT -> show(ctx, 409, null, "The available balance is too small for this debit now. "
                    + "Nothing moved.");
            default -> throw new IllegalStateException("unknown refusal " + decision.refusal());
        }
    }

    private void settle(Context ctx) {
        Optional<Console.Signed> signed = console.require(ctx, Rule.MONEY, "run settlement");
        if (signed.isEmpty()) {
            return;
        }
        SettlementService.Result result = settlement.run(Instant.now(), signed.get().actor());
        show(ctx, 200, "Settlement ran: " + result.trades() + " trades settled in " + result.journals()
                + " journals" + (result.failedMerchants() > 0 ? ", " + result.failedMerchants()
                + " merchants failed (see the logs)." : "."), null);
    }
}
