package org.openpaypro.access;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one table of operator route → roles allowed (DESIGN §14), keyed by HTTP method and the route's path template
 * exactly as registered with Javalin. A test walks every registered {@code /admin} and {@code /sandbox} route of the
 * real app and fails when one has no rule here; at run time a route without a rule is allowed to {@code OWNER} only
 * (fail closed). Rows for routes other features register (merchant users, key rotation, allow-lists, channels,
 * routing) are here already so that they are covered the moment they exist. Immutable, thread-safe.
 */
public final class AccessPolicy {
    /** What a route needs, named for who may call it. */
    public enum Rule {
        /** Reads: every role. */
        READ(EnumSet.allOf(Role.class)),
        /** Money: adjustments, their approval, settlement. */
        MONEY(EnumSet.of(Role.OWNER, Role.ADMIN, Role.FINANCE)),
        /** Support actions: resend callbacks, sandbox outcomes. */
        SUPPORT_ACTION(EnumSet.of(Role.OWNER, Role.ADMIN, Role.SUPPORT)),
        /** Merchant, key, allow-list, user and channel changes. */
        MANAGE(EnumSet.of(Role.OWNER, Role.ADMIN)),
        /** Operators and their tokens. */
        OPERATORS(EnumSet.of(Role.OWNER));

        private final Set<Role> roles;

        Rule(Set<Role> roles) {
            this.roles = Set.copyOf(roles);
        }

        public Set<Role> roles() {
            return roles;
        }

        public boolean allows(Role role) {
            return roles.contains(role);
        }
    }

    private static final Map<String, Rule> RULES = Map.ofEntries(
            // merchants (§9, §14)
            Map.entry("POST /admin/v1/merchants", Rule.MANAGE),
            Map.entry("GET /admin/v1/merchants/{merchantNo}", Rule.READ),
            Map.entry("PATCH /admin/v1/merchants/{merchantNo}", Rule.MANAGE),
            Map.entry("POST /admin/v1/merchants/{merchantNo}/users", Rule.MANAGE),
            Map.entry("POST /admin/v1/merchants/{merchantNo}/secret/rotate", Rule.MANAGE),
            Map.entry("PUT /admin/v1/merchants/{merchantNo}/ip-allowlist", Rule.MANAGE),
            // money (§9, §14)
            Map.entry("POST /admin/v1/merchants/{merchantNo}/adjustments", Rule.MONEY),
            Map.entry("GET /admin/v1/adjustments", Rule.READ),
            Map.entry("POST /admin/v1/adjustments/{id}/approve", Rule.MONEY),
            Map.entry("POST /admin/v1/adjustments/{id}/reject", Rule.MONEY),
            Map.entry("POST /admin/v1/settlement/run", Rule.MONEY),
            Map.entry("GET /admin/v1/ledger/check", Rule.READ),
            // trades and the sandbox (§9)
            Map.entry("GET /admin/v1/trades/{platFormTradeNo}", Rule.READ),
            Map.entry("POST /admin/v1/trades/{platFormTradeNo}/notify", Rule.SUPPORT_ACTION),
            Map.entry("POST /sandbox/v1/trades/{platFormTradeNo}/complete", Rule.SUPPORT_ACTION),
            // trade lists and exports (issue 14)
            Map.entry("GET /admin/v1/trades", Rule.READ),
            Map.entry("GET /admin/v1/trades.csv", Rule.READ),
            // channels and routing (§13)
            Map.entry("POST /admin/v1/channels", Rule.MANAGE),
            Map.entry("GET /admin/v1/channels", Rule.READ),
            Map.entry("GET /admin/v1/channels/{name}", Rule.READ),
            Map.entry("PATCH /admin/v1/channels/{name}", Rule.MANAGE),
            Map.entry("POST /admin/v1/channels/{name}/register-webhook", Rule.MANAGE),
            Map.entry("PUT /admin/v1/routing/{country}/{operation}", Rule.MANAGE),
            Map.entry("PUT /admin/v1/merchants/{merchantNo}/routing/{operation}", Rule.MANAGE),
            // operators and the audit trail (§14)
            Map.entry("POST /admin/v1/operators", Rule.OPERATORS),
            Map.entry("GET /admin/v1/operators", Rule.READ),
            Map.entry("POST /admin/v1/operators/{email}/tokens", Rule.OPERATORS),
            Map.entry("GET /admin/v1/operators/{email}/tokens", Rule.OPERATORS),
            Map.entry("DELETE /admin/v1/operators/{email}/tokens/{name}", Rule.OPERATORS),
            Map.entry("GET /admin/v1/audit", Rule.READ));

    private AccessPolicy() {
    }

    /** The rule for a route as registered ({@code "GET"}, {@code "/admin/v1/merchants/{merchantNo}"}). */
    public static Optional<Rule> rule(String method, String pathTemplate) {
        return Optional.ofNullable(RULES.get(method + " " + pathTemplate));
    }

    /** Whether {@code role} may call the route; a route without a rule is for {@code OWNER} only. */
    public static boolean allows(Role role, String method, String pathTemplate) {
        return rule(method, pathTemplate).map(rule -> rule.allows(role)).orElse(role == Role.OWNER);
    }

    /** Every rule, keyed {@code "METHOD /path/{param}"}. */
    public static Map<String, Rule> rules() {
        return RULES;
    }
}
