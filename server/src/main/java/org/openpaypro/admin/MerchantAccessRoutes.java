package org.openpaypro.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openpaypro.access.Actor;
import org.openpaypro.error.AdminError;
import org.openpaypro.http.AdminAuth;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.merchant.MerchantSettings;
import org.openpaypro.merchant.MerchantUsers;
import org.openpaypro.net.Cidr;

/**
 * Operator API for merchant access (DESIGN §14, issue 13 items 4-8): merchant users, key rotation, IP allow-list,
 * status and settings (with the signature scheme). Thin: parse, call a service (which writes the audit row in the
 * change's transaction), map. A refused call changes nothing and writes no audit row.
 */
public final class MerchantAccessRoutes {
    private static final Set<String> USER_FIELDS = Set.of("email", "role");
    private static final Set<String> ROTATE_FIELDS = Set.of("graceHours");
    private static final Set<String> ALLOWLIST_FIELDS = Set.of("cidrs");
    private static final Set<String> PATCH_FIELDS = Set.of("status", "notifyUrl", "payinFeeRate", "payinFeeFixed",
            "payoutFeeRate", "payoutFeeFixed", "signatureScheme");
    static final int MAX_CIDRS = 100;

    private final MerchantService merchants;
    private final MerchantUsers users;
    private final MerchantAdminRoutes views;

    public MerchantAccessRoutes(MerchantService merchants, MerchantUsers users, MerchantAdminRoutes views) {
        this.merchants = merchants;
        this.users = users;
        this.views = views;
    }

    public void register(Javalin app) {
        app.post("/admin/v1/merchants/{merchantNo}/users", this::createUser);
        app.post("/admin/v1/merchants/{merchantNo}/secret/rotate", this::rotate);
        app.put("/admin/v1/merchants/{merchantNo}/ip-allowlist", this::setAllowlist);
        app.patch("/admin/v1/merchants/{merchantNo}", this::update);
    }

    private void createUser(Context ctx) {
        Merchant merchant = views.merchant(ctx);
        AdminBody body = AdminBody.parse(ctx.bodyAsBytes(), USER_FIELDS);
        String email = body.text("email", true, MerchantUsers.MAX_EMAIL_LENGTH);
        String roleText = body.text("role", true, 16);
        MerchantUsers.Role role;
        try {
            role = MerchantUsers.Role.valueOf(roleText);
        } catch (IllegalArgumentException e) {
            throw AdminError.MERCHANT_ROLE_UNKNOWN.with();
        }
        if (!MerchantUsers.validEmail(email)) {
            throw AdminError.MERCHANT_USER_EMAIL_MALFORMED.with();
        }
        MerchantUsers.Created created = users.create(merchant, email, role, actor(ctx))
                .orElseThrow(() -> AdminError.MERCHANT_USER_EXISTS.with(email.toLowerCase(Locale.ROOT)));
        ctx.status(201).json(Map.of("email", created.email(), "role", created.role().name(),
                "temporaryPassword", created.temporaryPassword()));
    }

    private void rotate(Context ctx) {
        String merchantNo = views.merchant(ctx).merchantNo();
        int graceHours = AdminBody.parse(ctx.bodyAsBytes(), ROTATE_FIELDS).integer("graceHours", 0, 168, 24);
        MerchantService.Rotated rotated = merchants.rotate(merchantNo, graceHours, actor(ctx))
                .orElseThrow(() -> AdminError.MERCHANT_NOT_FOUND.with(merchantNo));
        ctx.json(Map.of("secretKey", rotated.secretKey(), "previousValidUntil",
                rotated.previousValidUntil().toString()));
    }

    private void setAllowlist(Context ctx) {
        String merchantNo = views.merchant(ctx).merchantNo();
        List<String> texts = AdminBody.parse(ctx.bodyAsBytes(), ALLOWLIST_FIELDS).texts("cidrs", MAX_CIDRS, 64);
        List<String> cidrs = new ArrayList<>();
        for (String text : texts) {
            Cidr cidr = Cidr.parse(text).orElseThrow(() -> AdminError.CIDR_MALFORMED.with(text));
            if (!cidrs.contains(cidr.toString())) {
                cidrs.add(cidr.toString());
            }
        }
        Merchant merchant = merchants.setIpAllowlist(merchantNo, cidrs, actor(ctx))
                .orElseThrow(() -> AdminError.MERCHANT_NOT_FOUND.with(merchantNo));
        ctx.json(Map.of("cidrs", merchant.ipAllowlist()));
    }

    private void update(Context ctx) {
        String merchantNo = views.merchant(ctx).merchantNo();
        AdminBody body = AdminBody.parse(ctx.bodyAsBytes(), PATCH_FIELDS);
        MerchantSettings settings = new MerchantSettings(status(body), views.notifyUrl(body),
                body.has("payinFeeRate") ? body.rate("payinFeeRate", 0) : null,
                body.has("payinFeeFixed") ? body.requiredAmountUnits("payinFeeFixed") : null,
                body.has("payoutFeeRate") ? body.rate("payoutFeeRate", 0) : null,
                body.has("payoutFeeFixed") ? body.requiredAmountUnits("payoutFeeFixed") : null,
                scheme(body));
        if (settings.isEmpty()) {
            throw AdminError.NOTHING_TO_CHANGE.with(String.join(", ", PATCH_FIELDS.stream().sorted().toList()));
        }
        Merchant merchant = merchants.update(merchantNo, settings, actor(ctx))
                .orElseThrow(() -> AdminError.MERCHANT_NOT_FOUND.with(merchantNo));
        ctx.json(views.view(merchant, false));
    }

    private static Merchant.Status status(AdminBody body) {
        String status = body.text("status", false, 16);
        return status == null ? null
                : Merchant.Status.parse(status).orElseThrow(AdminError.MERCHANT_STATUS_UNKNOWN::with);
    }

    private static Merchant.SignatureScheme scheme(AdminBody body) {
        String scheme = body.text("signatureScheme", false, 16);
        if (scheme == null) {
            return null;
        }
        try {
            return Merchant.SignatureScheme.valueOf(scheme);
        } catch (IllegalArgumentException e) {
            throw AdminError.SIGNATURE_SCHEME_UNKNOWN.with();
        }
    }

    private static Actor actor(Context ctx) {
        return AdminAuth.actor(ctx);
    }
}
