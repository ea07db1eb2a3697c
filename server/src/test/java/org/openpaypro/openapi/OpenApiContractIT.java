package org.openpaypro.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpaypro.countries.CountryExamples;
import org.openpaypro.country.Countries;
import org.openpaypro.country.CountryData;
import org.openpaypro.country.CountryProfile;
import org.openpaypro.country.Endpoint;
import org.openpaypro.country.Operation;
import org.openpaypro.protocol.Signer;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.CallbackReceiver;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * The OpenAPI contract: both documents parse with swagger-parser as OpenAPI 3.1 without errors or unresolved
 * references; they name exactly the routes the app registers; and every request and answer this test exchanges with
 * a real gateway (every endpoint of every country under its base path, each also under the bare family path, a
 * refusal per country, every operator route with successes and errors) and every callback it receives match them.
 * The exchanges are recorded in {@code @BeforeAll} and written to {@code target/exchanges/contract.jsonl}; the
 * checks run on the recording, and a test proves the check fails on a document missing a field.
 */
class OpenApiContractIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Countries COUNTRIES = new Countries(Map.of(), new CountryData(null));
    private static final List<ContractValidator.Exchange> MERCHANT = new ArrayList<>();
    private static final List<ContractValidator.Exchange> ADMIN = new ArrayList<>();
    /** Callback bodies received, by country code. */
    private static final Map<String, List<JsonNode>> CALLBACKS = new LinkedHashMap<>();
    private static TestGateway gateway;
    private static CallbackReceiver receiver;
    private static JsonNode merchantDocument;
    private static JsonNode adminDocument;
    private static Answer merchantDocumentAnswer;

    @BeforeAll
    static void exchange_everything() throws Exception {
        gateway = TestGateway.startNew(Map.of("OPENPAYPRO_ADJUSTMENT_APPROVAL_LIMIT", "1000000"));
        receiver = new CallbackReceiver();
        merchantDocumentAnswer = gateway.get("/openapi/merchant.json");
        merchantDocument = merchantDocumentAnswer.json();
        adminDocument = gateway.get("/openapi/admin.json").json();
        for (CountryProfile profile : COUNTRIES.all()) {
            driveCountry(profile);
        }
        driveOperatorRoutes();
        awaitCallbacks();
        writeRecording();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        gateway.close();
    }

    @Test
    void both_documents_parse_as_openapi_3_1_without_errors_or_unresolved_references() {
        for (JsonNode document : List.of(merchantDocument, adminDocument)) {
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult result = new OpenAPIV3Parser().readContents(document.toString(), null, options);
            assertThat(result.getMessages()).as(document.path("info").path("title").asText()).isEmpty();
            OpenAPI api = result.getOpenAPI();
            assertThat(api.getSpecVersion()).isEqualTo(SpecVersion.V31);
            assertThat(api.getPaths()).isNotEmpty();
        }
        assertThat(merchantDocument.path("webhooks").size()).isEqualTo(COUNTRIES.all().size());
        assertThat(merchantDocument.at("/components/securitySchemes").has("hmacSignature")).isTrue();
        assertThat(adminDocument.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void the_documents_name_exactly_the_routes_the_app_registers() {
        Set<String> merchantRoutes = new TreeSet<>();
        Set<String> adminRoutes = new TreeSet<>();
        for (String route : gateway.app().routes()) {
            String path = route.substring(route.indexOf(' ') + 1);
            if (path.startsWith("/admin/") || path.startsWith("/sandbox/")) {
                adminRoutes.add(route);
            } else if (route.startsWith("POST ") && !path.startsWith("/cashier/") && !path.startsWith("/channels/")
                    && !org.openpaypro.web.Web.isWebPath(path)) { // web (issue 14): portal and console forms
                merchantRoutes.add(path);
            }
        }
        assertThat(names(merchantDocument.path("paths"))).isEqualTo(merchantRoutes);
        Set<String> documented = new TreeSet<>();
        adminDocument.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(java.util.Locale.ROOT) + " "
                        + path.getKey())));
        assertThat(documented).isEqualTo(adminRoutes);
        assertThat(AdminApiDocument.CALLS.keySet()).as("every operator route has its summary and fields")
                .containsAll(adminRoutes);
        adminDocument.path("paths").forEach(path -> path.forEach(operation ->
                assertThat(operation.path("x-roles").size()).as(operation.path("summary").asText()).isPositive()));
    }

    @Test
    void every_request_and_answer_exchanged_matches_the_documents() {
        assertThat(problems(new ContractValidator(merchantDocument), MERCHANT)).isEmpty();
        assertThat(problems(new ContractValidator(adminDocument), ADMIN)).isEmpty();
        assertThat(MERCHANT.size()).isGreaterThan(150);
        assertThat(ADMIN.size()).isGreaterThan(40);
    }

    @Test
    void every_callback_received_matches_its_country_webhook() {
        ContractValidator validator = new ContractValidator(merchantDocument);
        assertThat(CALLBACKS.keySet()).containsExactlyInAnyOrderElementsOf(
                COUNTRIES.all().stream().map(CountryProfile::code).toList());
        List<String> problems = new ArrayList<>();
        CALLBACKS.forEach((country, bodies) -> {
            JsonNode schema = merchantDocument.at("/webhooks/notify" + country
                    + "/post/requestBody/content/application~1json/schema");
            bodies.forEach(body -> problems.addAll(validator.problems(schema, body, "notify" + country)));
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void every_operation_of_both_documents_was_exercised_successfully() {
        Set<String> called = new TreeSet<>();
        MERCHANT.stream().filter(e -> e.answer() != null && "0000".equals(e.answer().path("code").asText()))
                .forEach(e -> called.add(e.path()));
        Set<String> countryPaths = new TreeSet<>();
        for (CountryProfile profile : COUNTRIES.all()) {
            profile.endpoints().forEach(e -> countryPaths.add(profile.basePath() + profile.family() + "/" + e.name()));
        }
        assertThat(called).containsAll(countryPaths);
        ContractValidator validator = new ContractValidator(adminDocument);
        Set<JsonNode> operations = new LinkedHashSet<>();
        ADMIN.stream().filter(e -> e.status() < 300).forEach(e -> operations.add(validator.operation(e.method(),
                e.path())));
        List<String> missing = new ArrayList<>();
        adminDocument.path("paths").forEach(path -> path.forEach(op -> {
            if (!operations.contains(op)) {
                missing.add(op.path("operationId").asText());
            }
        }));
        assertThat(missing).isEmpty();
    }

    @Test
    void the_check_fails_when_the_document_drops_an_answer_field_or_a_request_field() {
        ObjectNode mutated = merchantDocument.deepCopy();
        ((ObjectNode) mutated.at("/components/schemas/BR_payin_answer/properties/data/properties"))
                .remove("paymentUrl");
        assertThat(problems(new ContractValidator(mutated), MERCHANT))
                .anyMatch(problem -> problem.contains("field paymentUrl is not in the document"));
        ObjectNode lessRequest = merchantDocument.deepCopy();
        ((ObjectNode) lessRequest.at("/components/schemas/KE_payout_request/properties")).remove("mobile");
        assertThat(problems(new ContractValidator(lessRequest), MERCHANT))
                .anyMatch(problem -> problem.contains("field mobile is not in the document"));
        ObjectNode noRoute = adminDocument.deepCopy();
        ((ObjectNode) noRoute.path("paths")).remove("/admin/v1/audit");
        assertThat(problems(new ContractValidator(noRoute), ADMIN))
                .anyMatch(problem -> problem.contains("GET /admin/v1/audit: no such operation"));
    }

    @Test
    void a_switch_rule_is_a_schema_condition_the_check_applies() {
        ContractValidator validator = new ContractValidator(merchantDocument);
        JsonNode schema = merchantDocument.at("/components/schemas/BR_payout_request");
        ObjectNode body = JSON.valueToTree(CountryExamples.create("BR", "payout", "T1", "10", "https://m.example/n"));
        body.put("timestamp", "1715941383720").put("bankType", "PHONE").put("bankNumber", "+5511987654321");
        assertThat(validator.problems(schema, body, "BR payout")).isEmpty();
        body.put("bankNumber", "not-a-phone");
        assertThat(validator.problems(schema, body, "BR payout")).anyMatch(problem -> problem.contains("bankNumber"));
        body.put("bankType", "EMAIL").put("bankNumber", "maria@example.com");
        assertThat(validator.problems(schema, body, "BR payout")).isEmpty();
    }

    @Test
    void the_reference_page_and_documents_are_public_and_csp_clean() throws Exception {
        assertThat(merchantDocumentAnswer.status()).isEqualTo(200);
        var client = java.net.http.HttpClient.newHttpClient();
        for (String path : List.of("/openapi/merchant.json", "/openapi/admin.json", "/docs", "/docs/init.js",
                "/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui.css")) {
            var answer = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(gateway.baseUrl() + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValue(ApiDocsRoutes.CSP);
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            if (path.endsWith(".json")) {
                assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            }
            if (path.equals("/docs")) {
                assertThat(answer.body()).contains("/docs/init.js").contains("/docs/assets/swagger-ui-bundle.js")
                        .doesNotContainPattern("<script>|<script [^>]*>[^<]+</script>|on[a-z]+=\"|style=\"");
            }
        }
        assertThat(gateway.get("/docs/assets/index.html").status()).isEqualTo(404);
        assertThat(gateway.get("/docs/assets/..%2F..%2Fpom.properties").status()).isEqualTo(404);
    }

    // ---- driving the gateway ----

    private static void driveCountry(CountryProfile profile) throws Exception {
        String code = profile.code();
        TestMerchant merchant = createMerchant(code);
        String prefix = profile.basePath() + profile.family() + "/";
        Map<Operation, List<JsonNode>> created = new LinkedHashMap<>();
        List<String> payinTradeNos = new ArrayList<>();
        List<String> payoutTradeNos = new ArrayList<>();
        for (Endpoint endpoint : profile.endpoints()) {
            if (endpoint.operation() != Operation.PAYIN && endpoint.operation() != Operation.PAYOUT) {
                continue;
            }
            String tradeNo = "C" + code + System.nanoTime();
            String amount = amount(profile, endpoint.operation());
            Map<String, Object> body = CountryExamples.create(code, endpoint.name(), tradeNo, amount,
                    receiver.url("/" + code + "/" + tradeNo));
            Answer answer = merchantCall(prefix + endpoint.name(), merchant, body);
            assertThat(answer.code()).as(code + " " + endpoint.name() + ": " + answer.body()).isEqualTo("0000");
            created.computeIfAbsent(endpoint.operation(), key -> new ArrayList<>()).add(answer.json().get("data"));
            (endpoint.operation() == Operation.PAYIN ? payinTradeNos : payoutTradeNos).add(tradeNo);
            // the bare family path, where the merchant's own country applies
            String bareTradeNo = "B" + code + System.nanoTime();
            Answer bare = merchantCall(profile.family() + "/" + endpoint.name(), merchant, CountryExamples.create(
                    code, endpoint.name(), bareTradeNo, amount, "http://127.0.0.1:9/notify"));
            assertThat(bare.code()).as(bare.body()).isEqualTo("0000");
        }
        // a refusal of each kind of body: a required field missing
        Endpoint firstPayin = profile.preferred(Operation.PAYIN).orElseThrow();
        Map<String, Object> missing = CountryExamples.create(code, firstPayin.name(), "M" + System.nanoTime(), "500",
                "http://127.0.0.1:9/notify");
        missing.remove("tradeNo");
        assertThat(merchantCall(prefix + firstPayin.name(), merchant, missing).code()).isEqualTo("8000");
        queries(profile, merchant, payinTradeNos, payoutTradeNos);
        String payinNo = created.get(Operation.PAYIN).get(0).get("platFormTradeNo").asText();
        admin("POST", "/sandbox/v1/trades/" + payinNo + "/complete", Map.of("status", "0000"), null);
        String payoutNo = created.get(Operation.PAYOUT).get(0).get("platFormTradeNo").asText();
        admin("POST", "/sandbox/v1/trades/" + payoutNo + "/complete", Map.of("status", "0000"), null);
        if (created.get(Operation.PAYOUT).size() > 1 || created.get(Operation.PAYIN).size() > 1) {
            JsonNode second = created.get(Operation.PAYIN).size() > 1 ? created.get(Operation.PAYIN).get(1)
                    : created.get(Operation.PAYOUT).get(1);
            admin("POST", "/sandbox/v1/trades/" + second.get("platFormTradeNo").asText() + "/complete",
                    Map.of("status", "00029", "message", "declined"), null);
        }
        awaitFinished(payinNo);
        awaitFinished(payoutNo);
        queries(profile, merchant, payinTradeNos, payoutTradeNos);
        extras(profile, merchant, prefix, payinTradeNos, created);
        admin("GET", "/admin/v1/trades/" + payinNo, null, null);
        admin("GET", "/admin/v1/trades?merchantNo=" + merchant.merchantNo() + "&limit=2", null, null);
        admin("GET", "/admin/v1/trades.csv?merchantNo=" + merchant.merchantNo(), null, null);
    }

    /** 500, or the country's minimum when higher (VND). */
    private static String amount(CountryProfile profile, Operation operation) {
        long minimum = (operation == Operation.PAYIN ? profile.minPayinUnits() : profile.minPayoutUnits()) / 10_000;
        return Long.toString(Math.max(500, minimum));
    }

    private static void queries(CountryProfile profile, TestMerchant merchant, List<String> payins,
                                List<String> payouts) throws Exception {
        String prefix = profile.basePath() + profile.family() + "/";
        for (Endpoint endpoint : profile.endpoints()) {
            List<String> tradeNos = switch (endpoint.operation()) {
                case QUERY_PAYIN -> payins;
                case QUERY_PAYOUT -> payouts;
                case BALANCE -> List.of("");
                default -> List.of();
            };
            for (String tradeNo : tradeNos) {
                Map<String, Object> body = new LinkedHashMap<>();
                if (!tradeNo.isEmpty()) {
                    body.put("tradeNo", tradeNo);
                }
                Answer answer = merchantCall(prefix + endpoint.name(), merchant, body);
                assertThat(answer.code()).as(endpoint.name() + " " + answer.body()).isEqualTo("0000");
                merchantCall(profile.family() + "/" + endpoint.name(), merchant, body);
            }
        }
        Map<String, Object> unknown = new LinkedHashMap<>(Map.of("tradeNo", "nosuchtrade1"));
        String query = profile.preferred(Operation.QUERY_PAYIN).orElseThrow().name();
        assertThat(merchantCall(prefix + query, merchant, unknown).code()).isNotEqualTo("0000");
    }

    private static void extras(CountryProfile profile, TestMerchant merchant, String prefix, List<String> payins,
                               Map<Operation, List<JsonNode>> created) throws Exception {
        for (Endpoint endpoint : profile.endpoints()) {
            Map<String, Object> body = new LinkedHashMap<>();
            switch (endpoint.operation()) {
                case ACCOUNT_VERIFY -> body.putAll(CountryExamples.accountVerify());
                case VOUCHER -> body.put("tradeNo", payins.get(0));
                case QUERY_BY_CODE -> body.put("code", created.get(Operation.PAYIN).get(0).get("serialNumber")
                        .asText());
                case PAYIN_SUBMIT -> {
                    String tradeNo = "S" + System.nanoTime();
                    Answer payin = merchantCall(prefix + profile.preferred(Operation.PAYIN).orElseThrow().name(),
                            merchant, CountryExamples.create(profile.code(), "payin", tradeNo,
                                    amount(profile, Operation.PAYIN),
                                    "http://127.0.0.1:9/notify"));
                    Map<String, Object> byPlatform = new LinkedHashMap<>(Map.of("platFormTradeNo",
                            payin.json().at("/data/platFormTradeNo").asText(), "trxId", "ABCD1234"));
                    assertThat(merchantCall(prefix + endpoint.name(), merchant, byPlatform).code()).isEqualTo("0000");
                    body.put("tradeNo", payins.get(payins.size() - 1));
                    body.put("trxId", "ABCD5678");
                }
                default -> {
                    continue;
                }
            }
            Answer answer = merchantCall(prefix + endpoint.name(), merchant, body);
            if (endpoint.operation() != Operation.PAYIN_SUBMIT) {
                assertThat(answer.code()).as(endpoint.name() + " " + answer.body()).isEqualTo("0000");
            }
        }
    }

    private static void driveOperatorRoutes() throws IOException {
        TestMerchant merchant = createMerchant("BR");
        String base = "/admin/v1/merchants/" + merchant.merchantNo();
        admin("GET", base, null, null);
        admin("GET", "/admin/v1/merchants/0000000000", null, null);
        admin("GET", base, null, "wrong-token-of-some-length");
        admin("PATCH", base, Map.of("notifyUrl", "https://merchant.example/notify"), null);
        admin("PATCH", base, Map.of(), null);
        admin("POST", base + "/users", Map.of("email", "ana@merchant.example", "role", "VIEWER"), null);
        admin("PUT", base + "/ip-allowlist", Map.of("cidrs", List.of("127.0.0.0/8")), null);
        admin("PUT", base + "/ip-allowlist", Map.of("cidrs", List.of()), null);
        admin("POST", base + "/secret/rotate", Map.of("graceHours", 1), null);
        admin("POST", "/admin/v1/operators", Map.of("email", "fin@ops.example", "role", "FINANCE"), null);
        admin("POST", "/admin/v1/operators", Map.of("email", "fin@ops.example", "role", "FINANCE"), null);
        admin("GET", "/admin/v1/operators", null, null);
        Answer token = admin("POST", "/admin/v1/operators/fin@ops.example/tokens", Map.of("name", "laptop"), null);
        String finance = token.json().path("token").asText();
        admin("POST", "/admin/v1/operators/fin@ops.example/tokens", Map.of("name", "spare"), null);
        admin("GET", "/admin/v1/operators/fin@ops.example/tokens", null, null);
        admin("DELETE", "/admin/v1/operators/fin@ops.example/tokens/spare", null, null);
        admin("POST", base + "/adjustments", Map.of("amount", "10", "reason", "small"), null);
        Answer big = admin("POST", base + "/adjustments", Map.of("amount", "2000000", "reason", "big"), null);
        Answer other = admin("POST", base + "/adjustments", Map.of("amount", "3000000", "reason", "big"), null);
        admin("GET", "/admin/v1/adjustments", null, null);
        admin("POST", "/admin/v1/adjustments/" + big.json().path("id").asText() + "/approve", null, null);
        admin("POST", "/admin/v1/adjustments/" + big.json().path("id").asText() + "/approve", null, finance);
        admin("POST", "/admin/v1/adjustments/" + other.json().path("id").asText() + "/reject", null, finance);
        admin("POST", "/admin/v1/operators", Map.of("email", "x@ops.example", "role", "ADMIN"), finance);
        admin("POST", "/admin/v1/settlement/run", Map.of(), null);
        admin("GET", "/admin/v1/ledger/check", null, null);
        admin("GET", "/admin/v1/audit", null, null);
        String tradeNo = "N" + System.nanoTime();
        Answer payin = merchantCall("/brz-pay/v1/paypro/payin", merchant, CountryExamples.create("BR", "payin",
                tradeNo, "100", receiver.url("/BR-resend/" + tradeNo)));
        String platformNo = payin.json().at("/data/platFormTradeNo").asText();
        admin("POST", "/admin/v1/trades/" + platformNo + "/notify", null, null);
        admin("POST", "/sandbox/v1/trades/" + platformNo + "/complete", Map.of("status", "0000"), null);
        awaitFinished(platformNo);
        admin("POST", "/admin/v1/trades/" + platformNo + "/notify", null, null);
        admin("GET", "/admin/v1/trades/zzzzzzzzzzzzzzzz", null, null);
        driveChannelRoutes(merchant);
    }

    /** Channels and routing (DESIGN §13): a simulator channel, its change, its route, a merchant override. */
    private static void driveChannelRoutes(TestMerchant merchant) throws IOException {
        admin("POST", "/admin/v1/channels", Map.of("name", "openapi-sim", "type", "SIMULATOR", "countries",
                List.of("BR"), "operations", List.of("PAYIN", "PAYOUT")), null);
        admin("POST", "/admin/v1/channels", Map.of("name", "openapi-bad", "type", "SIMULATOR", "countries",
                List.of("BR"), "operations", List.of("PAYIN"), "config", Map.of("createOutcome", "MAYBE")), null);
        admin("GET", "/admin/v1/channels", null, null);
        admin("GET", "/admin/v1/channels/openapi-sim", null, null);
        admin("GET", "/admin/v1/channels/no-such-channel", null, null);
        admin("PATCH", "/admin/v1/channels/openapi-sim", Map.of("status", "DISABLED"), null);
        admin("POST", "/admin/v1/channels/openapi-sim/register-webhook", null, null);
        admin("PUT", "/admin/v1/routing/BR/PAYIN", Map.of("channels", List.of(Map.of("name", "simulator",
                "weight", 100), Map.of("name", "openapi-sim", "weight", 0))), null);
        admin("PUT", "/admin/v1/merchants/" + merchant.merchantNo() + "/routing/PAYOUT", Map.of("channels",
                List.of(Map.of("name", "simulator", "weight", 100))), null);
        admin("PUT", "/admin/v1/merchants/" + merchant.merchantNo() + "/routing/PAYOUT", Map.of("channels",
                List.of()), null);
    }

    private static TestMerchant createMerchant(String country) {
        Answer answer = admin("POST", "/admin/v1/merchants", Map.of("name", "Contract " + country, "country",
                country), null);
        TestMerchant merchant = new TestMerchant(answer.json().get("merchantNo").asText(),
                answer.json().get("secretKey").asText());
        admin("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/adjustments",
                Map.of("amount", "900000", "reason", "contract funding"), null);
        return merchant;
    }

    private static Answer merchantCall(String path, TestMerchant merchant, Map<String, ?> fields) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.putIfAbsent("timestamp", Long.toString(TestGateway.uniqueTimestamp()));
        body.put("sign", Signer.sign(body, merchant.secret()));
        String text = JSON.writeValueAsString(body);
        Answer answer = gateway.post(path, Map.of("merchantNo", merchant.merchantNo()), text);
        MERCHANT.add(new ContractValidator.Exchange("POST", path, JSON.readTree(text), answer.status(),
                answer.json()));
        return answer;
    }

    private static Answer admin(String method, String path, Object body, String token) {
        Answer answer = gateway.admin(method, path, body, token == null ? gateway.app().adminToken() : token);
        ADMIN.add(new ContractValidator.Exchange(method, path, body == null ? null : JSON.valueToTree(body),
                answer.status(), answer.json()));
        return answer;
    }

    private static void awaitFinished(String platformNo) {
        Await.until("trade " + platformNo + " final", Duration.ofSeconds(20),
                () -> gateway.admin("GET", "/admin/v1/trades/" + platformNo, null).json().path("status").asText(),
                status -> !status.equals("0015") && !status.equals("PROCESSING"));
    }

    /** Waits until every country's first callback arrived (each country completed one pay-in and one payout). */
    private static void awaitCallbacks() {
        Set<String> countries = new TreeSet<>();
        COUNTRIES.all().forEach(profile -> countries.add(profile.code()));
        Await.until("a callback of every country", Duration.ofSeconds(30), () -> {
            CALLBACKS.clear();
            for (CallbackReceiver.Received received : receiver.all()) {
                String country = received.path().split("/")[1];
                if (countries.contains(country)) {
                    CALLBACKS.computeIfAbsent(country, key -> new ArrayList<>()).add(readTree(received.body()));
                }
            }
            return CALLBACKS.keySet();
        }, seen -> seen.containsAll(countries));
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeRecording() throws IOException {
        Path dir = Path.of("target", "exchanges");
        Files.createDirectories(dir);
        StringBuilder lines = new StringBuilder();
        for (List<ContractValidator.Exchange> exchanges : List.of(MERCHANT, ADMIN)) {
            for (ContractValidator.Exchange exchange : exchanges) {
                lines.append(JSON.writeValueAsString(exchange)).append('\n');
            }
        }
        Files.writeString(dir.resolve("contract.jsonl"), lines);
    }

    private static List<String> problems(ContractValidator validator, List<ContractValidator.Exchange> exchanges) {
        List<String> problems = new ArrayList<>();
        exchanges.forEach(exchange -> problems.addAll(validator.problems(exchange)));
        return problems;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        Iterator<String> fields = object.fieldNames();
        fields.forEachRemaining(names::add);
        return names;
    }
}
