package org.openpaypro.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.openpaypro.access.AccessPolicy.Rule;
import org.openpaypro.console.ConsoleViews.MerchantView;
import org.openpaypro.console.ConsoleViews.MerchantsView;
import org.openpaypro.country.Countries;
import org.openpaypro.country.CountryProfile;
import org.openpaypro.ledger.Balances;
import org.openpaypro.ledger.LedgerService;
import org.openpaypro.merchant.FeePlan;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.merchant.MerchantSettings;
import org.openpaypro.merchant.MerchantUsers;
import org.openpaypro.merchant.NewMerchant;
import org.openpaypro.notify.NotifyUrlPolicy;
import org.openpaypro.protocol.Amounts;
import org.openpaypro.web.Money;

/**
 * Merchants in the console (DESIGN §15): search by number or name, create (the key is shown once, in the answer to
 * the form), one merchant's balances, status (disable / enable), fees and dashboard users. Changes go through
 * {@link MerchantService} and {@link MerchantUsers}, which audit them as for the operator API; they need the
 * {@code MANAGE} rule (OWNER, ADMIN). Thread-safe.
 */
final class MerchantPages {
    private final Console console;
    private final MerchantService merchants;
    private final MerchantUsers users;
    private final LedgerService ledger;
    private final Countries countries;
    private final NotifyUrlPolicy notifyUrls;

    MerchantPages(Console console, MerchantService merchants, MerchantUsers users, LedgerService ledger,
                  Countries countries, NotifyUrlPolicy notifyUrls) {
        this.console = console;
        this.merchants = merchants;
        this.users = users;
        this.ledger = ledger;
        this.countries = countries;
        this.notifyUrls = notifyUrls;
    }

    void register(Javalin app) {
        var web = console.web();
        app.get("/console/merchants", web.page(this::search));
        app.post("/console/merchants", web.page(this::create));
        app.get("/console/merchants/{merchantNo}", web.page(ctx -> show(ctx, null, null)));
        app.post("/console/merchants/{merchantNo}/status", web.page(this::status));
        app.post("/console/merchants/{merchantNo}/fees", web.page(this::fees));
        app.post("/console/merchants/{merchantNo}/users", web.page(this::addUser));
    }

    private void search(Context ctx) {
        Optional<Console.Signed> signed = console.require(ctx);
        if (signed.isEmpty()) {
            return;
        }
        String query = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").trim();
        render(ctx, signed.get(), 200, null, query, null, null);
    }

    private void render(Context ctx, Console.Signed signed, int status, String error, String query, Merchant created,
                        String secret) {
        var frame = console.frame(signed, "Merchants", "Merchants");
        console.web().pages().render(ctx, status, "console/merchants.jte", error == null ? frame
                : frame.withError(error), new MerchantsView(query, find(query), countries.all().stream()
                .map(CountryProfile::code).sorted().toList(), signed.may(Rule.MANAGE), created, secret));
    }

    /** Up to 50 merchants whose number is {@code query} or whose name contains it, newest first. */
    private List<Merchant> find(String query) {
        String text = query.length() > 128 ? query.substring(0, 128) : query;
        return merchants.search(text, 50);
    }

    private void create(Context ctx) {
        Optional<Console.Signed> signed = console.require(ctx, Rule.MANAGE, "create merchants");
        if (signed.isEmpty()) {
            return;
        }
        String name = Console.field(ctx, "name", 128);
        Optional<CountryProfile> country = countries.find(String.valueOf(Console.field(ctx, "country", 2)));
        String notifyUrl = Console.field(ctx, "notifyUrl", NotifyUrlPolicy.MAX_LENGTH);
        String problem = name == null ? "Give the merchant a name (1 to 128 characters)."
                : country.isEmpty() ? "Choose the merchant's country." : notifyUrlProblem(notifyUrl);
        long payinRate = 0;
        long payoutRate = 0;
        try {
            payinRate = rate(Console.field(ctx, "payinFeeRate", 10));
            payoutRate = rate(Console.field(ctx, "payoutFeeRate", 10));
        } catch (IllegalArgumentException e) {
            problem = problem == null ? e.getMessage() : problem;
        }
        if (problem != null) {
            render(ctx, signed.get(), 400, problem, "", null, null);
            return;
        }
        NewMerchant request = new NewMerchant(name, country.get().code(), country.get().currency(), notifyUrl,
                new FeePlan(payinRate, 0), new FeePlan(payoutRate, 0));
        Merchant merchant = merchants.create(request, signed.get().actor()).merchant();
        render(ctx, signed.get(), 201, null, "", merchant, merchant.secret());
    }

    private void show(Context ctx, String createdUser, String createdPassword) {
        Optional<Console.Signed> signed = console.require(ctx);
        Optional<Merchant> merchant = signed.flatMap(s -> merchant(ctx));
        if (merchant.isEmpty()) {
            return;
        }
        Merchant m = merchant.get();
        Balances balances = ledger.balances(m.id());
        List<String[]> team = users.list(m.id()).stream().map(user -> new String[] {user.email(), user.role().name(),
                user.mustChangePassword() ? "temporary password" : "active"}).toList();
        String notice = switch (String.valueOf(ctx.queryParam("notice"))) {
            case "status" -> "The status was changed.";
            case "fees" -> "The fees were changed.";
            default -> null;
        };
        var frame = console.frame(signed.get(), "Merchant " + m.merchantNo() + " · " + m.name(), "Merchants");
        console.web().pages().render(ctx, createdUser == null ? 200 : 201, "console/merchant.jte",
                notice == null ? frame : frame.withNotice(notice), new MerchantView(m,
                        Money.format(balances.available(), m.currency()), Money.format(balances.frozen(),
                        m.currency()), Money.format(balances.unsettled(), m.currency()), team,
                        signed.get().may(Rule.MANAGE), signed.get().may(Rule.MONEY), rateText(m.payinFee().ratePpm()),
                        rateText(m.payoutFee().ratePpm()), createdUser, createdPassword));
    }

    private void status(Context ctx) {
        Optional<Console.Signed> signed = console.require(ctx, Rule.MANAGE, "change a merchant's status");
        Optional<Merchant> merchant = signed.flatMap(s -> merchant(ctx));
        if (merchant.isEmpty()) {
            return;
        }
        Optional<Merchant.Status> status = Merchant.Status.parse(ctx.formParam("status"));
        if (status.isEmpty()) {
            console.web().error(ctx, 400, "The status must be ACTIVE or DISABLED. Nothing was changed.");
            return;
        }
        merchants.update(merchant.get().merchantNo(), new MerchantSettings(status.get(), null, null, null,
                null, null, null), signed.get().actor());
        ctx.redirect("/console/merchants/" + merchant.get().merchantNo() + "?notice=status");
    }

    private void fees(Context ctx) {
        Optional<Console.Signed> signed = console.require(ctx, Rule.MANAGE, "change fees");
        Optional<Merchant> merchant = signed.flatMap(s -> merchant(ctx));
        if (merchant.isEmpty()) {
            return;
        }
        long payin;
        long payout;
        long payinFixed;
        long payoutFixed;
        try {
            payin = rate(Console.field(ctx, "payinFeeRate", 10));
            payout = rate(Console.field(ctx, "payoutFeeRate", 10));
            payinFixed = fixed(Console.field(ctx, "payinFeeFixed", 40), merchant.get());
            payoutFixed = fixed(Console.field(ctx, "payoutFeeFixed", 40), merchant.get());
        } catch (IllegalArgumentException e) {
            console.web().error(ctx, 400, e.getMessage() + " Nothing was changed.");
            return;
        }
        merchants.update(merchant.get().merchantNo(), new MerchantSettings(null, null, payin, payinFixed, payout,
                payoutFixed, null), signed.get().actor());
        ctx.redirect("/console/merchants/" + merchant.get().merchantNo() + "?notice=fees");
    }

    private void addUser(Context ctx) {
        Optional<Console.Signed> signed = console.require(ctx, Rule.MANAGE, "add merchant users");
        Optional<Merchant> merchant = signed.flatMap(s -> merchant(ctx));
        if (merchant.isEmpty()) {
            return;
        }
        String email = Console.field(ctx, "email", MerchantUsers.MAX_EMAIL_LENGTH);
        MerchantUsers.Role role;
        try {
            role = MerchantUsers.Role.valueOf(String.valueOf(ctx.formParam("role")));
        } catch (IllegalArgumentException e) {
            role = null;
        }
        if (email == null || !MerchantUsers.validEmail(email) || role == null) {
            console.web().error(ctx, 400, "Give a valid email and a role (OWNER, DEVELOPER or VIEWER). Nothing was "
                    + "changed.");
            return;
        }
        Optional<MerchantUsers.Created> created = users.create(merchant.get(), email, role, signed.get().actor());
        if (created.isEmpty()) {
            console.web().error(ctx, 409, "A merchant user with this email exists already. Nothing was changed.");
            return;
        }
        show(ctx, created.get().email(), created.get().temporaryPassword());
    }

    private Optional<Merchant> merchant(Context ctx) {
        String merchantNo = ctx.pathParam("merchantNo");
        Optional<Merchant> merchant = merchantNo.matches("[0-9]{10}") ? merchants.find(merchantNo) : Optional.empty();
        if (merchant.isEmpty()) {
            console.web().notFound(ctx);
        }
        return merchant;
    }

    private String notifyUrlProblem(String notifyUrl) {
        if (notifyUrl == null) {
            return null;
        }
        return switch (notifyUrls.check(notifyUrl)) {
            case MALFORMED -> "The notify URL must be an http(s) URL with a host.";
            case FORBIDDEN_ADDRESS -> "The notify URL must not point to a loopback, private or special address.";
            default -> null;
        };
    }

    /** A fee rate as the operator API takes it ({@code 0.015} for 1.5 %), in parts per million; absent is 0. */
    static long rate(String text) {
        if (text == null) {
            return 0;
        }
        if (!text.matches("0(\\.[0-9]{1,6})?|1(\\.0{1,6})?")) {
            throw new IllegalArgumentException("A fee rate must be a decimal from 0 to 1 with at most 6 decimals, "
                    + "e.g. 0.015 for 1.5 %.");
        }
        String[] parts = text.split("\\.");
        String fraction = parts.length == 2 ? (parts[1] + "000000").substring(0, 6) : "000000";
        return Long.parseLong(parts[0]) * 1_000_000 + Long.parseLong(fraction);
    }

    private long fixed(String text, Merchant merchant) {
        if (text == null) {
            return 0;
        }
        long units;
        try {
            units = Amounts.parse(text, 4);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A fixed fee must be an amount such as 0.10.");
        }
        long max = countries.get(merchant.country()).maxAmountUnits();
        if (units > max) {
            throw new IllegalArgumentException("A fixed fee must be at most " + Amounts.formatTrimmed(max) + ".");
        }
        return units;
    }

    static String rateText(long ppm) {
        String fraction = String.format("%06d", ppm % 1_000_000).replaceAll("0+$", "");
        return (ppm / 1_000_000) + (fraction.isEmpty() ? "" : "." + fraction);
    }
}
