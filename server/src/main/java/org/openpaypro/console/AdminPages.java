package org.openpaypro.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.access.AccessPolicy.Rule;
import org.openpaypro.access.AuditLog;
import org.openpaypro.access.Operators;
import org.openpaypro.access.Role;
import org.openpaypro.console.ConsoleViews.AuditView;
import org.openpaypro.console.ConsoleViews.OperatorsView;

/**
 * The console's administration pages (DESIGN §14, §15): the audit trail with filters (actor, action, target; pages
 * by id, newest first), operators and their API tokens (changes for {@code OWNER} only, through {@link Operators},
 * audited as for the operator API), and the Channels page, which points to the operator API until the channel
 * store is part of this build. Thread-safe.
 */
final class AdminPages {
    static final int AUDIT_PAGE = 50;

    private final Console console;
    private final Jdbi jdbi;
    private final Operators operators;
    private final AuditLog audit;

    AdminPages(Console console, Jdbi jdbi, Operators operators, AuditLog audit) {
        this.console = console;
        this.jdbi = jdbi;
        this.operators = operators;
        this.audit = audit;
    }

    void register(Javalin app) {
        var web = console.web();
        app.get("/console/audit", web.page(this::audit));
        app.get("/console/operators", web.page(ctx -> operatorsPage(ctx, 200, null, null, null)));
        app.post("/console/operators", web.page(this::createOperator));
        app.post("/console/operators/tokens", web.page(this::createToken));
        app.post("/console/operators/tokens/revoke", web.page(this::revokeToken));
        app.get("/console/channels", web.page(this::channels));
    }

    private void audit(Context ctx) {
        Optional<Console.Signed> signed = console.require(ctx);
        if (signed.isEmpty()) {
            return;
        }
        String actor = text(ctx.queryParam("actor"));
        String action = text(ctx.queryParam("action"));
        String target = text(ctx.queryParam("target"));
        Long before = null;
        try {
            before = text(ctx.queryParam("before")) == null ? null : Long.parseLong(ctx.queryParam("before").trim());
        } catch (NumberFormatException e) {
            before = null;
        }
        List<AuditLog.Entry> entries = entries(actor, action, target, before);
        String next = entries.size() < AUDIT_PAGE ? null : "/console/audit?" + param("actor", actor)
                + param("action", action) + param("target", target) + "before=" + entries.get(entries.size() - 1).id();
        console.web().pages().render(ctx, "console/audit.jte", console.frame(signed.get(), "Audit", "Audit"),
                new AuditView(actor, action, target, entries, next));
    }

    /** Newest first; each filter is exact (actor, action) or a substring (target). Uses the primary key order. */
    private List<AuditLog.Entry> entries(String actor, String action, String target, Long before) {
        return jdbi.withHandle(handle -> audit.search(handle, new AuditLog.Filter(actor, action, target), before,
                AUDIT_PAGE));
    }

    private void operatorsPage(Context ctx, int status, String label, String secret, String error) {
        Optional<Console.Signed> signed = console.require(ctx);
        if (signed.isEmpty()) {
            return;
        }
        boolean owner = signed.get().may(Rule.OPERATORS);
        String tokensOf = owner ? text(ctx.queryParam("tokens")) : null;
        List<Operators.Token> tokens = tokensOf == null ? List.of()
                : Optional.ofNullable(operators.tokens(tokensOf).value()).orElse(List.of());
        var frame = console.frame(signed.get(), "Operators", "Operators");
        if (secret != null) {
            frame = frame.withNotice("Shown once: copy it now.");
        }
        console.web().pages().render(ctx, status, "console/operators.jte", error == null ? frame
                : frame.withError(error), new OperatorsView(operators.list(), owner, tokensOf, tokens, label, secret));
    }

    private void createOperator(Context ctx) {
        Optional<Console.Signed> signed = console.require(ctx, Rule.OPERATORS, "create operators");
        if (signed.isEmpty()) {
            return;
        }
        Optional<String> email = Operators.normalizeEmail(Console.field(ctx, "email", 254));
        Role role;
        try {
            role = Role.valueOf(String.valueOf(ctx.formParam("role")));
        } catch (IllegalArgumentException e) {
            role = null;
        }
        if (email.isEmpty() || role == null) {
            operatorsPage(ctx, 400, null, null, "Give a valid email and a role. Nothing was changed.");
            return;
        }
        var outcome = operators.create(email.get(), role, signed.get().actor());
        if (outcome.value() == null) {
            operatorsPage(ctx, 409, null, null, "An operator " + email.get() + " exists already.");
            return;
        }
        operatorsPage(ctx, 201, "Temporary password of " + email.get(), outcome.value().temporaryPassword(), null);
    }

    private void createToken(Context ctx) {
        Optional<Console.Signed> signed = console.require(ctx, Rule.OPERATORS, "create API tokens");
        if (signed.isEmpty()) {
            return;
        }
        Optional<String> email = Operators.normalizeEmail(Console.field(ctx, "email", 254));
        String name = Console.field(ctx, "name", 64);
        if (email.isEmpty() || !Operators.validTokenName(name)) {
            operatorsPage(ctx, 400, null, null, "Give the operator's email and a token name of letters, digits, "
                    + "dot, dash or underscore. Nothing was changed.");
            return;
        }
        var outcome = operators.createToken(email.get(), name, signed.get().actor());
        if (outcome.value() == null) {
            operatorsPage(ctx, outcome.refusal() == Operators.Refusal.EXISTS ? 409 : 404, null, null,
                    outcome.refusal() == Operators.Refusal.EXISTS ? "A live token of this name exists already."
                            : "There is no operator " + email.get() + ".");
            return;
        }
        operatorsPage(ctx, 201, "API token " + name + " of " + email.get(), outcome.value(), null);
    }

    private void revokeToken(Context ctx) {
        Optional<Console.Signed> signed = console.require(ctx, Rule.OPERATORS, "revoke API tokens");
        if (signed.isEmpty()) {
            return;
        }
        Optional<String> email = Operators.normalizeEmail(Console.field(ctx, "email", 254));
        String name = Console.field(ctx, "name", 64);
        var outcome = email.isEmpty() || !Operators.validTokenName(name) ? null
                : operators.revokeToken(email.get(), name, signed.get().actor());
        if (outcome == null || outcome.value() == null) {
            operatorsPage(ctx, 404, null, null, "There is no such live token. Nothing was changed.");
            return;
        }
        ctx.redirect("/console/operators?tokens=" + URLEncoder.encode(email.get(), StandardCharsets.UTF_8));
    }

    private void channels(Context ctx) {
        Optional<Console.Signed> signed = console.require(ctx);
        if (signed.isEmpty()) {
            return;
        }
        console.web().pages().render(ctx, "console/channels.jte", console.frame(signed.get(), "Channels",
                "Channels"), null);
    }

    private static String param(String name, String value) {
        return value == null ? "" : name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8) + "&";
    }

    private static String text(String value) {
        return value == null || value.isBlank() || value.length() > 320 ? null : value.trim();
    }
}
