package org.openpaypro.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openpaypro.access.AccessPolicy;
import org.openpaypro.access.Role;
import org.openpaypro.json.Json;

/**
 * The OpenAPI 3.1 document of the operator API, generated from the routes the app registered ({@code /admin},
 * {@code /sandbox}) and the access table ({@link AccessPolicy}: the roles of each call), with the summary, request
 * fields and success status of each call from {@link #CALLS}. A registered route missing from {@link #CALLS} still
 * appears (the contract test fails on it). Stateless, thread-safe.
 */
public final class AdminApiDocument {
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    /**
     * What one call takes and answers: summary, its body's fields (null: no body), success status, and a second
     * success status with what it means (0: none).
     */
    record Call(String summary, List<String> fields, int status, int otherStatus, String otherMeaning) {
        Call(String summary, List<String> fields, int status) {
            this(summary, fields, status, 0, null);
        }
    }

    static final Map<String, Call> CALLS = Map.ofEntries(
            Map.entry("POST /admin/v1/merchants", new Call("Create a merchant (answer shows its key once)",
                    List.of("name", "country", "notifyUrl", "payinFeeRate", "payinFeeFixed", "payoutFeeRate",
                            "payoutFeeFixed", "merchantNo", "signatureScheme"), 201)),
            Map.entry("GET /admin/v1/merchants/{merchantNo}", new Call("A merchant, without its key", null, 200)),
            Map.entry("PATCH /admin/v1/merchants/{merchantNo}", new Call("Change status, notify URL, fees or signature "
                    + "scheme", List.of("status", "notifyUrl", "payinFeeRate", "payinFeeFixed", "payoutFeeRate",
                    "payoutFeeFixed", "signatureScheme"), 200)),
            Map.entry("POST /admin/v1/merchants/{merchantNo}/users", new Call("Create a merchant dashboard user",
                    List.of("email", "role"), 201)),
            Map.entry("POST /admin/v1/merchants/{merchantNo}/secret/rotate", new Call("Rotate the merchant key with "
                    + "a grace for the previous one", List.of("graceHours"), 200)),
            Map.entry("PUT /admin/v1/merchants/{merchantNo}/ip-allowlist", new Call("Set the merchant's source "
                    + "address allow-list ([] turns it off)", List.of("cidrs"), 200)),
            Map.entry("POST /admin/v1/merchants/{merchantNo}/adjustments", new Call("Credit or debit a merchant "
                    + "(above the approval limit: pending a second operator)", List.of("amount", "reason"), 201, 202,
                    "above the approval limit: pending, a second operator approves it")),
            Map.entry("GET /admin/v1/adjustments", new Call("Adjustments, e.g. ?status=PENDING_APPROVAL", null, 200)),
            Map.entry("POST /admin/v1/adjustments/{id}/approve", new Call("Approve a pending adjustment (not its "
                    + "author)", null, 200)),
            Map.entry("POST /admin/v1/adjustments/{id}/reject", new Call("Reject a pending adjustment", null, 200)),
            Map.entry("POST /admin/v1/settlement/run", new Call("Settle everything due at asOf (default now)",
                    List.of("asOf"), 200)),
            Map.entry("GET /admin/v1/ledger/check", new Call("Check the ledger invariants", null, 200)),
            Map.entry("GET /admin/v1/trades/{platFormTradeNo}", new Call("A trade with its postings and callbacks",
                    null, 200)),
            Map.entry("GET /admin/v1/trades", new Call("Trades newest first: merchantNo, direction, status, from, to "
                    + "(YYYY-MM-DD, UTC), tradeNo, platFormTradeNo, limit (1-500), after (the previous page's next)",
                    null, 200)),
            Map.entry("GET /admin/v1/trades.csv", new Call("Every trade the same filter matches, as streamed CSV",
                    null, 200)),
            Map.entry("POST /admin/v1/trades/{platFormTradeNo}/notify", new Call("Queue a new callback delivery",
                    null, 202)),
            Map.entry("POST /sandbox/v1/trades/{platFormTradeNo}/complete", new Call("Sandbox only: finish a "
                    + "trade as the channel would", List.of("status", "message", "amount"), 200)),
            Map.entry("POST /admin/v1/operators", new Call("Create an operator", List.of("email", "role"), 201)),
            Map.entry("GET /admin/v1/operators", new Call("Operators (no secrets)", null, 200)),
            Map.entry("POST /admin/v1/operators/{email}/tokens", new Call("Issue an operator token (shown once)",
                    List.of("name"), 201)),
            Map.entry("GET /admin/v1/operators/{email}/tokens", new Call("An operator's tokens (names only)", null,
                    200)),
            Map.entry("DELETE /admin/v1/operators/{email}/tokens/{name}", new Call("Revoke an operator token", null,
                    200)),
            Map.entry("GET /admin/v1/audit", new Call("The audit trail, newest first (?before=&limit=)", null, 200)));

    /** The fields a success answer always has (DESIGN §9, §14), for the calls whose answer the docs name. */
    static final Map<String, List<String>> ANSWER_FIELDS = Map.of(
            "POST /admin/v1/merchants", List.of("merchantNo", "secretKey", "country", "currency"),
            "GET /admin/v1/merchants/{merchantNo}", List.of("merchantNo", "country"),
            "POST /admin/v1/merchants/{merchantNo}/secret/rotate", List.of("secretKey", "previousValidUntil"),
            "PUT /admin/v1/merchants/{merchantNo}/ip-allowlist", List.of("cidrs"),
            "GET /admin/v1/ledger/check", List.of("ok"),
            "GET /admin/v1/operators", List.of("operators"),
            "POST /admin/v1/operators", List.of("email", "role", "temporaryPassword"),
            "POST /admin/v1/operators/{email}/tokens", List.of("token"),
            "GET /admin/v1/audit", List.of("entries"),
            "GET /admin/v1/adjustments", List.of("adjustments"));

    /** @param routes every registered route as {@code "METHOD /path/{param}"} ({@code App.routes()}) */
    public ObjectNode build(List<String> routes) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("openapi", "3.1.0");
        doc.putObject("info").put("title", "OpenPayPro operator API").put("version", "1")
                .put("description", Texts.ADMIN_INTRO);
        doc.putArray("servers").addObject().put("url", "/");
        doc.putArray("security").addObject().putArray("bearer");
        ObjectNode paths = doc.putObject("paths");
        for (String route : routes) {
            String[] parts = route.split(" ", 2);
            if (!parts[1].startsWith("/admin/") && !parts[1].startsWith("/sandbox/")) {
                continue;
            }
            ObjectNode path = paths.has(parts[1]) ? (ObjectNode) paths.get(parts[1]) : paths.putObject(parts[1]);
            path.set(parts[0].toLowerCase(java.util.Locale.ROOT), operation(parts[0], parts[1]));
        }
        ObjectNode components = doc.putObject("components");
        components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer")
                .put("description", "the bootstrap token (OWNER) or an operator token (POST "
                        + "/admin/v1/operators/{email}/tokens)");
        ObjectNode error = components.putObject("schemas").putObject("Error").put("type", "object");
        error.putObject("properties").putObject("error").put("type", "string").put("minLength", 1);
        error.putArray("required").add("error");
        error.put("additionalProperties", false);
        return doc;
    }

    private static ObjectNode operation(String method, String path) {
        Call call = CALLS.get(method + " " + path);
        ObjectNode op = Json.MAPPER.createObjectNode();
        op.putArray("tags").add(path.split("/")[3]);
        op.put("summary", call == null ? method + " " + path : call.summary());
        op.put("operationId", (method + path).replaceAll("[^A-Za-z0-9]+", "_"));
        List<String> roles = AccessPolicy.rule(method, path).map(rule -> rule.roles().stream().map(Role::name)
                .sorted().toList()).orElse(List.of(Role.OWNER.name()));
        roles.forEach(op.putArray("x-roles")::add);
        op.put("description", "Roles: " + String.join(", ", roles) + ".");
        ArrayNode parameters = op.putArray("parameters");
        Matcher names = PARAMETER.matcher(path);
        while (names.find()) {
            parameters.addObject().put("name", names.group(1)).put("in", "path").put("required", true)
                    .putObject("schema").put("type", "string");
        }
        if (call != null && call.fields() != null) {
            ObjectNode schema = op.putObject("requestBody").put("required", false).putObject("content")
                    .putObject("application/json").putObject("schema").put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            call.fields().forEach(properties::putObject);
            schema.put("additionalProperties", false);
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject(Integer.toString(call == null ? 200 : call.status()));
        ok.put("description", "done");
        if (path.endsWith(".csv")) { // a streamed file (issue 14), not a JSON answer
            ok.putObject("content").putObject("text/csv").putObject("schema").put("type", "string");
        }
        ObjectNode answer = path.endsWith(".csv") ? Json.MAPPER.createObjectNode() : ok.putObject("content")
                .putObject("application/json").putObject("schema").put("type", "object");
        ANSWER_FIELDS.getOrDefault(method + " " + path, List.of()).forEach(answer.putArray("required")::add);
        if (call != null && call.otherStatus() != 0) {
            ObjectNode other = responses.putObject(Integer.toString(call.otherStatus()));
            other.put("description", call.otherMeaning());
            other.putObject("content").putObject("application/json").putObject("schema").put("type", "object");
        }
        for (String status : List.of("4XX", "503")) {
            ObjectNode refusal = responses.putObject(status);
            refusal.put("description", status.equals("503") ? "database unavailable: retry" : "refused, nothing "
                    + "changed (401 no or wrong token, 403 role, 404, 409 conflict, 400 bad body)");
            refusal.putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/Error");
        }
        return op;
    }
}
