package org.openpaypro.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * The route → role table, proven on the real app: every registered {@code /admin} and {@code /sandbox} route has a
 * rule and a sample call here, and every role (and the bootstrap token) gets exactly what the table says: an
 * allowed change answers 2xx and writes its audit row with the operator as actor; a refused one is a 403
 * {@code {"error"}} and writes nothing at all.
 */
class RolesIT {
    private static final AccessGateway access = new AccessGateway();
    private static final Map<Role, AccessGateway.Operator> operators = new EnumMap<>(Role.class);
    private static TestMerchant merchant;
    private static String finishedTrade;
    private static AccessGateway.Operator target;
    private static AccessGateway.Operator requester;

    /** One sample call: method, concrete path, body, and the audit action a success must write (null: a read). */
    private record Call(String method, String path, Object body, String action) {
    }

    @BeforeAll
    static void operators_of_every_role_and_a_merchant_with_a_finished_pay_in() {
        for (Role role : Role.values()) {
            operators.put(role, access.operator(role));
        }
        merchant = access.merchant("BR");
        assertThat(access.asBootstrap("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/adjustments",
                Map.of("amount", "500.00", "reason", "roles funding")).status()).isEqualTo(201);
        finishedTrade = access.finishedPayin(merchant);
        target = access.operator(Role.SUPPORT);
        requester = access.operator(Role.FINANCE);
    }

    /** A sample per route template; each builds its own fixtures (as bootstrap) so that the call can succeed. */
    private static Map<String, Supplier<Call>> samples() {
        String no = merchant.merchantNo();
        Map<String, Supplier<Call>> samples = new LinkedHashMap<>();
        samples.put("POST /admin/v1/merchants", () -> new Call("POST", "/admin/v1/merchants",
                Map.of("name", "Roles merchant", "country", "BR"), "merchant.create"));
        samples.put("GET /admin/v1/merchants/{merchantNo}", () -> new Call("GET", "/admin/v1/merchants/" + no,
                null, null));
        samples.put("PATCH /admin/v1/merchants/{merchantNo}", () -> new Call("PATCH", "/admin/v1/merchants/" + no,
                Map.of("payinFeeRate", "0.01"), "merchant.update"));
        samples.put("POST /admin/v1/merchants/{merchantNo}/users", () -> new Call("POST",
                "/admin/v1/merchants/" + no + "/users",
                Map.of("email", AccessGateway.unique("user.") + "@shop.example", "role", "VIEWER"),
                "merchant.user.create"));
        // A fresh merchant per call: rotating the shared one twice would end the key its fixtures sign with.
        samples.put("POST /admin/v1/merchants/{merchantNo}/secret/rotate", () -> new Call("POST",
                "/admin/v1/merchants/" + access.merchant("BR").merchantNo() + "/secret/rotate",
                Map.of("graceHours", 1), "merchant.secret.rotate"));
        samples.put("PUT /admin/v1/merchants/{merchantNo}/ip-allowlist", () -> new Call("PUT",
                "/admin/v1/merchants/" + no + "/ip-allowlist", Map.of("cidrs", List.of()),
                "merchant.ip-allowlist.set"));
        samples.put("POST /admin/v1/merchants/{merchantNo}/adjustments", () -> new Call("POST",
                "/admin/v1/merchants/" + no + "/adjustments", Map.of("amount", "5.00", "reason", "roles"),
                "adjustment.apply"));
        samples.put("GET /admin/v1/adjustments", () -> new Call("GET", "/admin/v1/adjustments?status=PENDING_APPROVAL",
                null, null));
        samples.put("POST /admin/v1/adjustments/{id}/approve", () -> new Call("POST",
                "/admin/v1/adjustments/" + pendingRequest() + "/approve", null, "adjustment.approve"));
        samples.put("POST /admin/v1/adjustments/{id}/reject", () -> new Call("POST",
                "/admin/v1/adjustments/" + pendingRequest() + "/reject", null, "adjustment.reject"));
        samples.put("POST /admin/v1/settlement/run", () -> new Call("POST", "/admin/v1/settlement/run", Map.of(),
                "settlement.run"));
        samples.put("GET /admin/v1/ledger/check", () -> new Call("GET", "/admin/v1/ledger/check", null, null));
        samples.put("GET /admin/v1/trades/{platFormTradeNo}", () -> new Call("GET", "/admin/v1/trades/"
                + finishedTrade, null, null));
        samples.put("GET /admin/v1/trades", () -> new Call("GET", "/admin/v1/trades?merchantNo=" + no + "&limit=5",
                null, null));
        samples.put("GET /admin/v1/trades.csv", () -> new Call("GET", "/admin/v1/trades.csv?merchantNo=" + no, null,
                null));
        samples.put("POST /admin/v1/trades/{platFormTradeNo}/notify", () -> new Call("POST", "/admin/v1/trades/"
                + finishedTrade + "/notify", null, "trade.notify.resend"));
        samples.put("POST /sandbox/v1/trades/{platFormTradeNo}/complete", () -> new Call("POST",
                "/sandbox/v1/trades/" + access.processingPayin(merchant) + "/complete", Map.of("status", "0000"),
                "trade.complete"));
        samples.put("POST /admin/v1/operators", () -> new Call("POST", "/admin/v1/operators",
                Map.of("email", AccessGateway.unique("new.") + "@ops.example", "role", "SUPPORT"), "operator.create"));
        samples.put("GET /admin/v1/operators", () -> new Call("GET", "/admin/v1/operators", null, null));
        samples.put("POST /admin/v1/operators/{email}/tokens", () -> new Call("POST", "/admin/v1/operators/"
                + target.email() + "/tokens", Map.of("name", AccessGateway.unique("t")), "operator.token.create"));
        samples.put("GET /admin/v1/operators/{email}/tokens", () -> new Call("GET", "/admin/v1/operators/"
                + target.email() + "/tokens", null, null));
        samples.put("DELETE /admin/v1/operators/{email}/tokens/{name}", () -> {
            String name = AccessGateway.unique("r");
            assertThat(access.asBootstrap("POST", "/admin/v1/operators/" + target.email() + "/tokens",
                    Map.of("name", name)).status()).isEqualTo(201);
            return new Call("DELETE", "/admin/v1/operators/" + target.email() + "/tokens/" + name, null,
                    "operator.token.revoke");
        });
        samples.put("GET /admin/v1/audit", () -> new Call("GET", "/admin/v1/audit?limit=5", null, null));
        return samples;
    }

    /** A request above the limit made by an operator outside the tested set, so any of them is a second pair. */
    private static long pendingRequest() {
        Answer pending = access.call("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/adjustments",
                Map.of("amount", "2000.00", "reason", "needs approval"), requester.token());
        assertThat(pending.status()).as(pending.body()).isEqualTo(202);
        return pending.json().get("id").asLong();
    }

    private static Set<String> operatorRoutes() {
        return access.gateway.app().routes().stream()
                .filter(route -> route.split(" ")[1].startsWith("/admin/")
                        || route.split(" ")[1].startsWith("/sandbox/"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void every_registered_operator_route_has_a_rule_in_the_access_table_and_a_sample_call_here() {
        Set<String> routes = operatorRoutes();
        assertThat(routes).as("the app registers its operator routes").hasSizeGreaterThanOrEqualTo(17);
        assertThat(routes.stream().filter(route -> AccessPolicy.rule(route.split(" ")[0], route.split(" ")[1])
                .isEmpty()).toList()).as("routes without a rule in AccessPolicy").isEmpty();
        assertThat(samples().keySet()).as("a sample call for every registered route").containsAll(routes);
    }

    @Test
    void the_table_holds_the_rules_of_the_routes_other_features_add() {
        assertThat(AccessPolicy.rule("POST", "/admin/v1/merchants/{merchantNo}/users")).contains(
                AccessPolicy.Rule.MANAGE);
        assertThat(AccessPolicy.rule("POST", "/admin/v1/merchants/{merchantNo}/secret/rotate")).contains(
                AccessPolicy.Rule.MANAGE);
        assertThat(AccessPolicy.rule("PUT", "/admin/v1/merchants/{merchantNo}/ip-allowlist")).contains(
                AccessPolicy.Rule.MANAGE);
        assertThat(AccessPolicy.rule("PATCH", "/admin/v1/merchants/{merchantNo}")).contains(AccessPolicy.Rule.MANAGE);
        assertThat(AccessPolicy.allows(Role.ADMIN, "GET", "/admin/v1/not-yet-in-the-table")).isFalse();
        assertThat(AccessPolicy.allows(Role.OWNER, "GET", "/admin/v1/not-yet-in-the-table")).isTrue();
    }

    @Test
    void every_role_gets_what_the_table_says_on_every_route_with_an_audit_row_exactly_for_each_allowed_change() {
        List<String> problems = new ArrayList<>();
        int allowed = 0;
        int refused = 0;
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("bootstrap", access.bootstrap());
        operators.forEach((role, operator) -> tokens.put(operator.email(), operator.token()));
        for (Map.Entry<String, Supplier<Call>> sample : samples().entrySet()) {
            String method = sample.getKey().split(" ")[0];
            String template = sample.getKey().split(" ")[1];
            for (Map.Entry<String, String> actor : tokens.entrySet()) {
                Role role = actor.getKey().equals("bootstrap") ? Role.OWNER : roleOf(actor.getKey());
                Call call = sample.getValue().get();
                Map<String, Long> before = access.snapshot();
                long lastAudit = access.lastAuditId();
                Answer answer = access.call(call.method(), call.path(), call.body(), actor.getValue());
                List<Map<String, Object>> rows = access.auditSince(lastAudit);
                String label = actor.getKey() + " (" + role + ") " + method + " " + call.path() + " -> "
                        + answer.status() + " " + answer.body();
                if (AccessPolicy.allows(role, method, template)) {
                    allowed++;
                    if (answer.status() < 200 || answer.status() > 202) {
                        problems.add("allowed but answered: " + label);
                    } else if (call.action() == null && !rows.isEmpty()) {
                        problems.add("a read wrote audit rows " + rows + ": " + label);
                    } else if (call.action() != null && rows.stream().noneMatch(row -> row.get("action")
                            .equals(call.action()) && row.get("actor").equals(actor.getKey())
                            && row.get("address").equals("127.0.0.1"))) {
                        problems.add("no audit row " + call.action() + " in " + rows + ": " + label);
                    }
                } else {
                    refused++;
                    if (answer.status() != 403 || answer.json() == null || !answer.json().hasNonNull("error")) {
                        problems.add("refusal not a 403 {\"error\"}: " + label);
                    } else if (!access.snapshot().equals(before) || !rows.isEmpty()) {
                        problems.add("a refusal wrote something (audit " + rows + "): " + label);
                    }
                }
            }
        }
        System.out.println("RolesIT: " + allowed + " allowed and " + refused + " refused calls checked");
        assertThat(problems).isEmpty();
        assertThat(refused).as("each non-owner role is refused somewhere").isGreaterThanOrEqualTo(15);
        access.assertLedgerOk();
    }

    private static Role roleOf(String email) {
        return operators.values().stream().filter(operator -> operator.email().equals(email)).findFirst()
                .orElseThrow().role();
    }
}
