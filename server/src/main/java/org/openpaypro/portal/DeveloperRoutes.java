package org.openpaypro.portal;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openpaypro.country.Countries;
import org.openpaypro.country.CountryProfile;
import org.openpaypro.error.ApiException;
import org.openpaypro.http.JsonBody;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.merchant.MerchantSettings;
import org.openpaypro.net.Cidr;
import org.openpaypro.notify.NotifyUrlPolicy;
import org.openpaypro.portal.PortalViews.ApiAddress;
import org.openpaypro.portal.PortalViews.DevelopersView;
import org.openpaypro.protocol.Signer;
import org.openpaypro.web.Frame;

/**
 * The portal's Developers page: the default notify URL and the IP allow-list (changed by {@code OWNER} and
 * {@code DEVELOPER} through the same merchant service as the operator API, which writes the audit row and applies
 * the same checks), the API addresses of the merchant's country, the "test the signature" box (the canonical
 * string the server signs for a pasted body, spec §2.1, never the key), and in sandbox mode a test pay-in that
 * opens its cashier. Thread-safe.
 */
final class DeveloperRoutes {
    static final String PATH = "/portal/developers";
    static final int MAX_CIDRS = 50;
    private static final int MAX_TEST_BODY_CHARS = 16_384;

    private final Portal portal;
    private final MerchantService merchants;
    private final Countries countries;
    private final NotifyUrlPolicy notifyUrls;
    private final String publicUrl;
    private final TestPayins testPayins;

    DeveloperRoutes(Portal portal, MerchantService merchants, Countries countries, NotifyUrlPolicy notifyUrls,
                    String publicUrl, TestPayins testPayins) {
        this.portal = portal;
        this.merchants = merchants;
        this.countries = countries;
        this.notifyUrls = notifyUrls;
        this.publicUrl = publicUrl;
        this.testPayins = testPayins;
    }

    void register(Javalin app) {
        var web = portal.web();
        app.get(PATH, web.page(ctx -> portal.require(ctx).ifPresent(signed -> render(ctx, 200,
                frame(signed, ctx), signed, null, null))));
        app.post(PATH + "/notify-url", web.page(ctx -> portal.require(ctx).ifPresent(signed ->
                changing(ctx, signed, () -> setNotifyUrl(ctx, signed)))));
        app.post(PATH + "/ip-allowlist", web.page(ctx -> portal.require(ctx).ifPresent(signed ->
                changing(ctx, signed, () -> setAllowlist(ctx, signed)))));
        app.post(PATH + "/signature", web.page(ctx -> portal.require(ctx).ifPresent(signed -> testSignature(ctx,
                signed))));
        if (testPayins != null) {
            app.post(PATH + "/test-payin", web.page(ctx -> portal.require(ctx).ifPresent(signed ->
                    changing(ctx, signed, () -> testPayin(ctx, signed)))));
        }
    }

    private void changing(Context ctx, Portal.Signed signed, Runnable change) {
        if (!signed.canDevelop()) {
            portal.forbidden(ctx, "change developer settings");
            return;
        }
        change.run();
    }

    private String notifyUrlProblem(String url) {
        return switch (notifyUrls.check(url)) {
            case OK -> null;
            case MALFORMED -> "The notify URL must be an http(s) URL with a host.";
            case FORBIDDEN_ADDRESS -> "The notify URL must not point to a loopback, private or other special "
                    + "address.";
        };
    }

    private void setNotifyUrl(Context ctx, Portal.Signed signed) {
        String url = Portal.field(ctx, "notifyUrl", NotifyUrlPolicy.MAX_LENGTH);
        String problem = url == null ? "Enter an http(s) URL of at most " + NotifyUrlPolicy.MAX_LENGTH
                + " characters." : notifyUrlProblem(url);
        if (problem != null) {
            render(ctx, 422, frame(signed, ctx).withError(problem + " Nothing was changed."), signed, null, null);
            return;
        }
        merchants.update(signed.merchant().merchantNo(), new MerchantSettings(null, url, null, null, null, null,
                null), signed.actor());
        ctx.redirect(PATH + "?notice=notify");
    }

    private void setAllowlist(Context ctx, Portal.Signed signed) {
        String text = ctx.formParam("cidrs");
        List<String> cidrs = new ArrayList<>();
        for (String part : (text == null ? "" : text).split("[\\s,]+")) {
            if (part.isBlank()) {
                continue;
            }
            var cidr = part.length() > 64 ? java.util.Optional.<Cidr>empty() : Cidr.parse(part);
            if (cidr.isEmpty()) {
                render(ctx, 422, frame(signed, ctx).withError("Not an IPv4/IPv6 address or CIDR: " + shorten(part)
                        + " (e.g. 203.0.113.0/24 or 2001:db8::/32). Nothing was changed."), signed, null, null);
                return;
            }
            if (!cidrs.contains(cidr.get().toString())) {
                cidrs.add(cidr.get().toString());
            }
        }
        if (cidrs.size() > MAX_CIDRS) {
            render(ctx, 422, frame(signed, ctx).withError("At most " + MAX_CIDRS + " entries. Nothing was changed."),
                    signed, null, null);
            return;
        }
        merchants.setIpAllowlist(signed.merchant().merchantNo(), cidrs, signed.actor());
        ctx.redirect(PATH + "?notice=allowlist");
    }

    private void testSignature(Context ctx, Portal.Signed signed) {
        String body = ctx.formParam("body");
        if (body == null || body.isBlank() || body.length() > MAX_TEST_BODY_CHARS) {
            render(ctx, 422, frame(signed, ctx).withError("Paste a JSON request body (at most "
                    + MAX_TEST_BODY_CHARS + " characters)."), signed, body, null);
            return;
        }
        try {
            Map<String, Object> fields = new LinkedHashMap<>(JsonBody.parse(body.getBytes(StandardCharsets.UTF_8)));
            fields.remove("sign");
            render(ctx, 200, frame(signed, ctx), signed, body, Signer.canonical(fields));
        } catch (ApiException | IllegalArgumentException unreadable) {
            render(ctx, 422, frame(signed, ctx).withError("That body cannot be signed: " + unreadable.getMessage()),
                    signed, body, null);
        }
    }

    private void testPayin(Context ctx, Portal.Signed signed) {
        if (signed.merchant().notifyUrl() == null) {
            render(ctx, 422, frame(signed, ctx).withError("Save a default notify URL first: the test pay-in's "
                    + "callback goes there. No pay-in was created."), signed, null, null);
            return;
        }
        String paymentUrl = testPayins.create(signed);
        URI cashier = URI.create(paymentUrl);
        ctx.redirect(cashier.getRawPath() + (cashier.getRawQuery() == null ? "" : "?" + cashier.getRawQuery()));
    }

    private Frame frame(Portal.Signed signed, Context ctx) {
        Frame frame = portal.frame(signed, "Developers", "Developers");
        String notice = ctx.queryParam("notice");
        if ("notify".equals(notice)) {
            return frame.withNotice("The default notify URL is saved.");
        }
        return "allowlist".equals(notice) ? frame.withNotice("The IP allow-list is saved.") : frame;
    }

    private void render(Context ctx, int status, Frame frame, Portal.Signed signed, String testedBody,
                        String canonical) {
        var merchant = merchants.findById(signed.merchant().id()).orElse(signed.merchant());
        CountryProfile profile = countries.get(merchant.country());
        List<ApiAddress> addresses = profile.endpoints().stream().map(endpoint -> new ApiAddress(
                endpoint.operation().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                publicUrl + profile.basePath() + profile.family() + "/" + endpoint.name())).toList();
        DevelopersView view = new DevelopersView(merchant.merchantNo(), signed.canDevelop(),
                merchant.notifyUrl() == null ? "" : merchant.notifyUrl(), String.join("\n", merchant.ipAllowlist()),
                addresses, merchant.signatureScheme().name(), testedBody == null ? "" : testedBody, canonical,
                testPayins != null);
        portal.web().pages().render(ctx, status, "portal/developers.jte", frame, view);
    }

    private static String shorten(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
