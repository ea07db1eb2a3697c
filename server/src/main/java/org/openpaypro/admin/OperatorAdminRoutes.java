package org.openpaypro.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.access.AuditLog;
import org.openpaypro.access.Operators;
import org.openpaypro.access.Role;
import org.openpaypro.error.AdminError;
import org.openpaypro.http.AdminAuth;

/**
 * Operator API for operators, their tokens and the audit trail (DESIGN §14). Secrets (a new token, a temporary
 * password) appear only in the answer that creates them. Thin: parse, call a service, map.
 */
public final class OperatorAdminRoutes {
    private static final Set<String> CREATE_FIELDS = Set.of("email", "role");
    private static final Set<String> TOKEN_FIELDS = Set.of("name");
    private static final int DEFAULT_AUDIT_PAGE = 50;

    private final Operators operators;
    private final Jdbi jdbi;
    private final AuditLog audit;

    public OperatorAdminRoutes(Operators operators, Jdbi jdbi, AuditLog audit) {
        this.operators = operators;
        this.jdbi = jdbi;
        this.audit = audit;
    }

    public void register(Javalin app) {
        app.post("/admin/v1/operators", this::create);
        app.get("/admin/v1/operators", ctx -> ctx.json(Map.of("operators", operators.list().stream()
                .map(operator -> Map.of("email", operator.email(), "role", operator.role().name(),
                        "createdAt", operator.createdAt().toString())).toList())));
        app.post("/admin/v1/operators/{email}/tokens", this::createToken);
        app.get("/admin/v1/operators/{email}/tokens", this::tokens);
        app.delete("/admin/v1/operators/{email}/tokens/{name}", this::revoke);
        app.get("/admin/v1/audit", this::audit);
    }

    private void create(Context ctx) {
        AdminBody body = AdminBody.parse(ctx.bodyAsBytes(), CREATE_FIELDS);
        String email = Operators.normalizeEmail(body.text("email", true, 254)).orElseThrow(() ->
                AdminError.OPERATOR_EMAIL_MALFORMED.with());
        String roleText = body.text("role", true, 16);
        Role role;
        try {
            role = Role.valueOf(roleText);
        } catch (IllegalArgumentException e) {
            throw AdminError.OPERATOR_ROLE_UNKNOWN.with();
        }
        Operators.Outcome<Operators.Created> outcome = operators.create(email, role, AdminAuth.actor(ctx));
        if (outcome.refusal() != null) {
            throw AdminError.OPERATOR_EXISTS.with(email);
        }
        ctx.status(201).json(Map.of("email", email, "role", role.name(),
                "temporaryPassword", outcome.value().temporaryPassword()));
    }

    private void createToken(Context ctx) {
        String email = email(ctx);
        String name = AdminBody.parse(ctx.bodyAsBytes(), TOKEN_FIELDS).text("name", true, 64);
        if (!Operators.validTokenName(name)) {
            throw AdminError.TOKEN_NAME_MALFORMED.with();
        }
        Operators.Outcome<String> outcome = operators.createToken(email, name, AdminAuth.actor(ctx));
        if (outcome.refusal() == Operators.Refusal.NO_OPERATOR) {
            throw AdminError.OPERATOR_NOT_FOUND.with(email);
        }
        if (outcome.refusal() != null) {
            throw AdminError.TOKEN_EXISTS.with(email, name);
        }
        ctx.status(201).json(Map.of("token", outcome.value()));
    }

    private void tokens(Context ctx) {
        String email = email(ctx);
        Operators.Outcome<List<Operators.Token>> outcome = operators.tokens(email);
        if (outcome.refusal() != null) {
            throw AdminError.OPERATOR_NOT_FOUND.with(email);
        }
        ctx.json(Map.of("tokens", outcome.value().stream().map(OperatorAdminRoutes::view).toList()));
    }

    private void revoke(Context ctx) {
        String email = email(ctx);
        String name = ctx.pathParam("name");
        Operators.Outcome<Operators.Token> outcome = Operators.validTokenName(name)
                ? operators.revokeToken(email, name, AdminAuth.actor(ctx))
                : new Operators.Outcome<>(null, Operators.Refusal.NO_TOKEN);
        if (outcome.refusal() == Operators.Refusal.NO_OPERATOR) {
            throw AdminError.OPERATOR_NOT_FOUND.with(email);
        }
        if (outcome.refusal() != null) {
            throw AdminError.TOKEN_NOT_FOUND.with(email, name);
        }
        ctx.json(view(outcome.value()));
    }

    private void audit(Context ctx) {
        Long before = number(ctx, "before", 1, Long.MAX_VALUE, null);
        int limit = number(ctx, "limit", 1, AuditLog.MAX_PAGE, (long) DEFAULT_AUDIT_PAGE).intValue();
        List<AuditLog.Entry> entries = jdbi.withHandle(handle -> audit.page(handle, before, limit));
        ctx.json(Map.of("entries", entries.stream().map(entry -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", entry.id());
            view.put("at", entry.at().toString());
            view.put("actor", entry.actor());
            view.put("address", entry.address());
            view.put("action", entry.action());
            view.put("target", entry.target());
            view.put("summary", entry.summary());
            return view;
        }).toList()));
    }

    private static Long number(Context ctx, String name, long min, long max, Long fallback) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw AdminError.WHOLE_NUMBER_OUT_OF_RANGE.with(name, min, max);
    }

    private static String email(Context ctx) {
        String raw = ctx.pathParam("email");
        return Operators.normalizeEmail(raw).orElseThrow(() -> AdminError.OPERATOR_NOT_FOUND.with(raw));
    }

    private static Map<String, Object> view(Operators.Token token) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", token.name());
        view.put("createdAt", token.createdAt().toString());
        view.put("lastUsedAt", token.lastUsedAt() == null ? null : token.lastUsedAt().toString());
        view.put("revokedAt", token.revokedAt() == null ? null : token.revokedAt().toString());
        return view;
    }
}
