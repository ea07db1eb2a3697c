package org.openpaypro.portal;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openpaypro.ledger.Balances;
import org.openpaypro.ledger.LedgerService;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.portal.PortalViews.Chart;
import org.openpaypro.portal.PortalViews.HomeView;
import org.openpaypro.web.Frame;
import org.openpaypro.web.Money;

/**
 * The portal's home page: merchant number, balances, the 30-day chart, and the merchant key, shown only after the
 * user re-enters their password and rotated with a chosen grace period (the rotation service of DESIGN §14, which
 * writes the audit row). Re-entered passwords count against the login throttle of the address. Only
 * {@code OWNER} and {@code DEVELOPER} see or rotate the key. Thread-safe.
 */
final class HomeRoutes {
    static final Set<Integer> GRACE_HOURS = Set.of(0, 1, 24, 72, 168);
    private static final Map<String, String> NOTICES = Map.of(
            "password", "Your new password is saved.",
            "totp", "Two-factor authentication is on.");

    private final Portal portal;
    private final MerchantService merchants;
    private final LedgerService ledger;
    private final java.util.function.Function<Portal.Signed, Chart> chart;

    HomeRoutes(Portal portal, MerchantService merchants, LedgerService ledger,
               java.util.function.Function<Portal.Signed, Chart> chart) {
        this.portal = portal;
        this.merchants = merchants;
        this.ledger = ledger;
        this.chart = chart;
    }

    void register(Javalin app) {
        var web = portal.web();
        app.get(Portal.HOME, web.page(ctx -> portal.require(ctx).ifPresent(signed -> {
            String notice = ctx.queryParam("notice") == null ? null : NOTICES.get(ctx.queryParam("notice"));
            Frame frame = portal.frame(signed, "Home", "Home");
            render(ctx, 200, notice == null ? frame : frame.withNotice(notice), signed, null, null);
        })));
        app.post("/portal/key/reveal", web.page(ctx -> portal.require(ctx).ifPresent(signed ->
                withPassword(ctx, signed, "show the key", () -> render(ctx, 200, portal.frame(signed, "Home",
                        "Home"), signed, signed.merchant().secret(), "Keep it secret: it signs every request.")))));
        app.post("/portal/key/rotate", web.page(ctx -> portal.require(ctx).ifPresent(signed ->
                withPassword(ctx, signed, "rotate the key", () -> rotate(ctx, signed)))));
    }

    private void rotate(Context ctx, Portal.Signed signed) {
        Integer grace = parseGrace(ctx.formParam("graceHours"));
        if (grace == null) {
            render(ctx, 422, portal.frame(signed, "Home", "Home").withError("Choose a grace period from the list."),
                    signed, null, null);
            return;
        }
        MerchantService.Rotated rotated = merchants.rotate(signed.merchant().merchantNo(), grace, signed.actor())
                .orElseThrow();
        String note = grace == 0 ? "The previous key stopped working now."
                : "The previous key keeps working until " + rotated.previousValidUntil() + " (" + grace + " h).";
        render(ctx, 200, portal.frame(signed, "Home", "Home").withNotice("The key was rotated. " + note), signed,
                rotated.secretKey(), "This is the new key. Update your systems before the grace period ends.");
    }

    /** Runs {@code action} when the role allows it and the re-entered password is right; else answers why not. */
    private void withPassword(Context ctx, Portal.Signed signed, String what, Runnable action) {
        if (!signed.canDevelop()) {
            portal.forbidden(ctx, what);
            return;
        }
        var web = portal.web();
        long wait = web.loginThrottle().retryAfterSeconds(signed.address());
        if (wait > 0) {
            render(ctx, 429, portal.frame(signed, "Home", "Home").withError("Too many wrong passwords from your "
                    + "address. Wait " + wait + " seconds, then try again."), signed, null, null);
            return;
        }
        String password = ctx.formParam("password");
        if (password == null || !portal.users().passwordMatches(signed.user().id(), password)) {
            web.loginThrottle().failed(signed.address());
            render(ctx, 401, portal.frame(signed, "Home", "Home").withError("That password is not right: the key "
                    + "was not shown and nothing was changed."), signed, null, null);
            return;
        }
        action.run();
    }

    private void render(Context ctx, int status, Frame frame, Portal.Signed signed, String key, String keyNote) {
        var merchant = signed.merchant();
        Balances balances = ledger.balances(merchant.id());
        String currency = merchant.currency();
        Optional<Chart> drawn = Optional.ofNullable(chart.apply(signed));
        HomeView view = new HomeView(merchant.merchantNo(), merchant.name(), merchant.country(), currency,
                Money.format(balances.available(), currency), Money.format(balances.frozen(), currency),
                Money.format(balances.unsettled(), currency), signed.canDevelop(), key, keyNote, drawn.orElse(null));
        portal.web().pages().render(ctx, status, "portal/home.jte", frame, view);
    }

    static Integer parseGrace(String text) {
        try {
            int hours = Integer.parseInt(text == null ? "" : text.trim());
            return GRACE_HOURS.contains(hours) ? hours : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
