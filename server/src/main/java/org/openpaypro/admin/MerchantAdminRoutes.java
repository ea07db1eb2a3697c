package org.openpaypro.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.openpaypro.country.Countries;
import org.openpaypro.country.CountryProfile;
import org.openpaypro.error.AdminError;
import org.openpaypro.http.AdminAuth;
import org.openpaypro.ledger.Balances;
import org.openpaypro.ledger.LedgerService;
import org.openpaypro.merchant.FeePlan;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.merchant.NewMerchant;
import org.openpaypro.notify.NotifyUrlPolicy;
import org.openpaypro.protocol.Amounts;

/** Operator API for merchants (DESIGN §9): create, read, adjust balances. Thin: parse, call a service, map. */
public final class MerchantAdminRoutes {
    private static final Set<String> CREATE_FIELDS = Set.of("name", "country", "notifyUrl", "payinFeeRate",
            "payinFeeFixed", "payoutFeeRate", "payoutFeeFixed");
    private static final Set<String> ADJUST_FIELDS = Set.of("amount", "reason");
    /**
     * The largest credit or debit of one adjustment: 1,000,000,000,000 currency units, far above any float a merchant
     * needs and far below the ledger's limit, so a typo of many digits is refused instead of filling the balance.
     */
    static final long ADJUSTMENT_LIMIT_UNITS = 1_000_000_000_000L * 10_000L;

    private final MerchantService merchants;
    private final LedgerService ledger;
    private final Countries countries;
    private final NotifyUrlPolicy notifyUrls;

    public MerchantAdminRoutes(MerchantService merchants, LedgerService ledger, Countries countries,
                               NotifyUrlPolicy notifyUrls) {
        this.merchants = merchants;
        this.ledger = ledger;
        this.countries = countries;
        this.notifyUrls = notifyUrls;
    }

    public void register(Javalin app) {
        app.post("/admin/v1/merchants", this::create);
        app.get("/admin/v1/merchants/{merchantNo}", ctx -> ctx.json(view(merchant(ctx), false)));
        app.post("/admin/v1/merchants/{merchantNo}/adjustments", this::adjust);
    }

    private void create(Context ctx) {
        AdminBody body = AdminBody.parse(ctx.bodyAsBytes(), CREATE_FIELDS);
        String name = body.text("name", true, 128);
        String country = body.text("country", true, 2);
        CountryProfile profile = countries.find(country).orElseThrow(() -> AdminError.UNKNOWN_COUNTRY.with(
                String.join(", ", countries.all().stream().map(CountryProfile::code).toList())));
        String notifyUrl = notifyUrl(body);
        NewMerchant request = new NewMerchant(name, profile.code(), profile.currency(), notifyUrl,
                new FeePlan(body.rate("payinFeeRate", 0), fixedFee(body, "payinFeeFixed", profile)),
                new FeePlan(body.rate("payoutFeeRate", 0), fixedFee(body, "payoutFeeFixed", profile)));
        Merchant merchant = merchants.create(request, AdminAuth.actor(ctx)).merchant();
        ctx.status(201).json(view(merchant, true));
    }

    private void adjust(Context ctx) {
        Merchant merchant = merchant(ctx);
        AdminBody body = AdminBody.parse(ctx.bodyAsBytes(), ADJUST_FIELDS);
        long amountUnits = body.requiredSignedAmountUnits("amount");
        String reason = body.text("reason", true, 500);
        if (amountUnits == 0) {
            throw AdminError.ADJUSTMENT_ZERO.with();
        }
        if (Math.abs(amountUnits) > ADJUSTMENT_LIMIT_UNITS) {
            throw AdminError.ADJUSTMENT_TOO_LARGE.with(Amounts.formatTrimmed(ADJUSTMENT_LIMIT_UNITS));
        }
        LedgerService.Adjustment result = ledger.adjust(merchant, amountUnits, reason, AdminAuth.actor(ctx));
        if (result.insufficient()) {
            throw AdminError.ADJUSTMENT_INSUFFICIENT_BALANCE.with(Amounts.format(-amountUnits, 4));
        }
        if (result.pending() != null) {
            ctx.status(202).json(AdjustmentAdminRoutes.view(result.pending()));
            return;
        }
        ctx.status(201).json(balancesView(merchant, result.applied()));
    }

    /** A fixed fee is at most the country's largest trade amount: a larger one could only refuse every trade. */
    private static long fixedFee(AdminBody body, String name, CountryProfile profile) {
        long feeUnits = body.optionalAmountUnits(name, 0);
        if (feeUnits > profile.maxAmountUnits()) {
            throw AdminError.FEE_ABOVE_MAX.with(name, Amounts.formatTrimmed(profile.maxAmountUnits()), profile.code());
        }
        return feeUnits;
    }

    /** The optional {@code notifyUrl} of a body, checked like every merchant's notify URL (create and PATCH). */
    String notifyUrl(AdminBody body) {
        String notifyUrl = body.text("notifyUrl", false, NotifyUrlPolicy.MAX_LENGTH);
        if (notifyUrl != null) {
            switch (notifyUrls.check(notifyUrl)) {
                case MALFORMED -> throw AdminError.NOTIFY_URL_MALFORMED.with();
                case FORBIDDEN_ADDRESS -> throw AdminError.NOTIFY_URL_FORBIDDEN.with();
                default -> { }
            }
        }
        return notifyUrl;
    }

    /** The merchant a path names; 404 for anything else. */
    Merchant merchant(Context ctx) {
        String merchantNo = ctx.pathParam("merchantNo");
        if (!merchantNo.matches("[0-9]{1,20}")) {
            throw AdminError.MERCHANT_NOT_FOUND.with(merchantNo);
        }
        return merchants.find(merchantNo).orElseThrow(() -> AdminError.MERCHANT_NOT_FOUND.with(merchantNo));
    }

    Map<String, Object> view(Merchant merchant, boolean withSecret) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("merchantNo", merchant.merchantNo());
        if (withSecret) {
            view.put("secretKey", merchant.secret());
        }
        view.put("name", merchant.name());
        view.put("country", merchant.country());
        view.put("currency", merchant.currency());
        view.put("notifyUrl", merchant.notifyUrl());
        view.put("payinFeeRate", rateText(merchant.payinFee().ratePpm()));
        view.put("payinFeeFixed", Amounts.formatTrimmed(merchant.payinFee().fixedUnits()));
        view.put("payoutFeeRate", rateText(merchant.payoutFee().ratePpm()));
        view.put("payoutFeeFixed", Amounts.formatTrimmed(merchant.payoutFee().fixedUnits()));
        view.put("status", merchant.status().name());
        view.put("signatureScheme", merchant.signatureScheme().name());
        view.put("ipAllowlist", merchant.ipAllowlist());
        view.put("createdAt", merchant.createdAt().toString());
        view.put("balances", balancesView(merchant, ledger.balances(merchant.id())));
        return view;
    }

    static Map<String, Object> balancesView(Merchant merchant, Balances balances) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("merchantNo", merchant.merchantNo());
        view.put("currency", merchant.currency());
        view.putAll(balances.amountFields());
        return view;
    }

    private static String rateText(long ppm) {
        String fraction = String.format("%06d", ppm % 1_000_000).replaceAll("0+$", "");
        return (ppm / 1_000_000) + (fraction.isEmpty() ? "" : "." + fraction);
    }
}
