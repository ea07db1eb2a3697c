package org.openpaypro.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openpaypro.country.Check;
import org.openpaypro.country.Countries;
import org.openpaypro.country.CountryProfile;
import org.openpaypro.country.Endpoint;
import org.openpaypro.country.Extra;
import org.openpaypro.country.FieldRule;
import org.openpaypro.country.Operation;
import org.openpaypro.country.SwitchRule;
import org.openpaypro.json.Json;
import org.openpaypro.protocol.Codes;
import org.openpaypro.protocol.TradeStatus;
import org.openpaypro.trade.ExtraEndpoints;
import org.openpaypro.trade.TradeEndpoints;

/**
 * The OpenAPI 3.1 document of the merchant API, generated from the country profiles the route table is built from
 * (so it names exactly the paths {@link org.openpaypro.http.MerchantEndpoints} registers): per country its base-path
 * routes, the bare family routes (answered by the merchant's own country: any country's body), brand prefixes and
 * aliases; request fields with the country rules as {@code pattern}/{@code enum}/{@code maxLength}; the envelope; the
 * codes; the notify callbacks as {@code webhooks}. Built once; the result is immutable in practice (callers get a
 * copy). Thread-safe.
 */
public final class MerchantApiDocument {
    private static final String SCHEMAS = "#/components/schemas/";

    private final Countries countries;
    private final List<String> brandPrefixes;
    private final Map<String, Operation> aliases;
    private final ObjectNode schemas = Json.MAPPER.createObjectNode();

    public MerchantApiDocument(Countries countries, List<String> brandPrefixes, Map<String, Operation> aliases) {
        this.countries = countries;
        this.brandPrefixes = List.copyOf(brandPrefixes);
        this.aliases = Map.copyOf(aliases);
    }

    public ObjectNode build() {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("openapi", "3.1.0");
        doc.putObject("info").put("title", "OpenPayPro merchant API").put("version", "1")
                .put("description", Texts.MERCHANT_INTRO);
        doc.putArray("servers").addObject().put("url", "/");
        doc.set("tags", tags());
        doc.putArray("security").addObject().putArray("merchantNo");
        ObjectNode paths = doc.putObject("paths");
        Map<String, List<String>> bare = new LinkedHashMap<>();
        for (CountryProfile profile : countries.all()) {
            for (String family : families(profile)) {
                for (Map.Entry<String, Endpoint> named : names(profile).entrySet()) {
                    String path = family + "/" + named.getKey();
                    String ref = register(profile, named.getValue());
                    paths.set(profile.basePath() + path, operation(List.of(profile.code()), List.of(ref),
                            named.getValue(), profile.code() + " " + named.getKey() + " (" + family + ")"));
                    bare.computeIfAbsent(path, key -> new ArrayList<>()).add(profile.code() + "|" + ref);
                }
            }
        }
        bare.forEach((path, entries) -> paths.set(path, bareOperation(path, entries)));
        ObjectNode components = doc.putObject("components");
        schemas.set("Rejected", rejected());
        components.set("schemas", schemas);
        components.set("securitySchemes", securitySchemes());
        components.putObject("parameters").putObject("sign").put("name", "sign").put("in", "header")
                .put("required", false).put("description", "the signature, when it is not the body field sign (both "
                        + "present and different: refused)").putObject("schema").put("type", "string")
                .put("pattern", "^[0-9A-Fa-f]{32}$");
        doc.set("webhooks", webhooks());
        return doc;
    }

    private ArrayNode tags() {
        ArrayNode tags = Json.MAPPER.createArrayNode();
        for (CountryProfile profile : countries.all()) {
            tags.addObject().put("name", profile.code()).put("description", profile.currency() + ", "
                    + profile.zone() + ", base path " + profile.basePath() + profile.family()
                    + " (docs/countries/" + profile.code() + ".md)");
        }
        return tags;
    }

    private List<String> families(CountryProfile profile) {
        if (!profile.family().equals(CountryProfile.DEFAULT_FAMILY)) {
            return List.of(profile.family());
        }
        List<String> families = new ArrayList<>(List.of(profile.family()));
        families.addAll(brandPrefixes);
        return families;
    }

    /** Endpoint names and the aliases this country serves, each with the endpoint it means. */
    private Map<String, Endpoint> names(CountryProfile profile) {
        Map<String, Endpoint> names = new LinkedHashMap<>();
        profile.endpoints().forEach(endpoint -> names.put(endpoint.name(), endpoint));
        aliases.forEach((alias, operation) -> profile.preferred(operation)
                .ifPresent(endpoint -> names.putIfAbsent(alias, endpoint)));
        return names;
    }

    /** Adds the request and data schemas of one country endpoint; returns their common name stem. */
    private String register(CountryProfile profile, Endpoint endpoint) {
        String stem = profile.code() + "_" + endpoint.name().replaceAll("[^A-Za-z0-9]", "_");
        if (!schemas.has(stem + "_request")) {
            schemas.set(stem + "_request", request(profile, endpoint));
            schemas.set(stem + "_answer", accepted(data(profile, endpoint.operation())));
        }
        return stem;
    }

    private ObjectNode operation(List<String> tags, List<String> stems, Endpoint endpoint, String summary) {
        ObjectNode post = Json.MAPPER.createObjectNode();
        ObjectNode op = post.putObject("post");
        tags.forEach(op.putArray("tags")::add);
        op.put("summary", summary);
        op.put("operationId", summary.replaceAll("[^A-Za-z0-9]+", "_"));
        op.put("description", Texts.operation(endpoint.operation()));
        op.putArray("parameters").addObject().put("$ref", "#/components/parameters/sign");
        op.putObject("requestBody").put("required", true).putObject("content").putObject("application/json")
                .set("schema", anyOfRefs(stems, "_request"));
        ArrayNode answers = Json.MAPPER.createArrayNode();
        stems.forEach(stem -> answers.addObject().put("$ref", SCHEMAS + stem + "_answer"));
        answers.addObject().put("$ref", SCHEMAS + "Rejected");
        ObjectNode ok = op.putObject("responses").putObject("200");
        ok.put("description", "the envelope: code 0000 with data, or a refusal with msg and data null");
        ok.putObject("content").putObject("application/json").putObject("schema").set("anyOf", answers);
        ObjectNode security = op.putArray("security").addObject();
        security.putArray("merchantNo");
        return post;
    }

    /** The bare family path: the merchant's own country picks the profile, so any of theirs is a valid body. */
    private ObjectNode bareOperation(String path, List<String> entries) {
        List<String> codes = entries.stream().map(entry -> entry.split("\\|")[0]).toList();
        List<String> stems = entries.stream().map(entry -> entry.split("\\|")[1]).toList();
        Endpoint any = countries.get(codes.get(0)).endpoint(path.substring(path.lastIndexOf('/') + 1))
                .orElse(countries.get(codes.get(0)).endpoints().get(0));
        ObjectNode node = operation(codes, stems, any, path + " (the merchant's own country: "
                + String.join(", ", codes) + ")");
        return node;
    }

    private static ObjectNode anyOfRefs(List<String> stems, String suffix) {
        if (stems.size() == 1) {
            return ref(stems.get(0) + suffix);
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        ArrayNode any = node.putArray("anyOf");
        stems.forEach(stem -> any.add(ref(stem + suffix)));
        return node;
    }

    private static ObjectNode ref(String name) {
        return Json.MAPPER.createObjectNode().put("$ref", SCHEMAS + name);
    }

    /** The request body: the common fields of the operation, then the country's fields with their rules. */
    private static ObjectNode request(CountryProfile profile, Endpoint endpoint) {
        ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "object");
        schema.put("description", "Every field is signed (MD5, spec §2); fields not listed here are not part of the "
                + "contract.");
        ObjectNode properties = schema.putObject("properties");
        List<String> required = new ArrayList<>();
        properties.set("timestamp", Json.MAPPER.createObjectNode().put("description",
                "Unix epoch in milliseconds (13 digits) or seconds (10 digits), within the gateway's window")
                .<ObjectNode>set("type", types("string", "integer")).put("pattern", "^(?:[0-9]{10}|[0-9]{13})$"));
        if (endpoint.timestampRequired()) {
            required.add("timestamp");
        }
        properties.set("sign", string("32 hex characters: MD5 over the sorted fields and the merchant key (spec §2);"
                + " may travel in the sign header instead").put("pattern", "^[0-9A-Fa-f]{32}$"));
        common(profile, endpoint.operation(), properties, required);
        Map<String, String> switches = new LinkedHashMap<>();
        for (SwitchRule rule : endpoint.spec().switches()) {
            switches.put(rule.field(), "checked by its " + rule.selector() + ": " + describe(rule.checks()));
        }
        for (FieldRule field : endpoint.spec().fields()) {
            ObjectNode property = constrained(field.check(), "string");
            if (switches.containsKey(field.name())) {
                property.put("description", switches.get(field.name()));
            }
            properties.set(field.name(), property);
            if (field.required()) {
                required.add(field.name());
            }
        }
        if (!endpoint.spec().bodyRules().isEmpty()) {
            schema.put("description", schema.get("description").asText() + " Rules over several fields apply too "
                    + "(docs/countries/" + profile.code() + ".md).");
        }
        required.forEach(schema.putArray("required")::add);
        schema.put("additionalProperties", false);
        ArrayNode conditions = switchConditions(endpoint);
        if (!conditions.isEmpty()) {
            schema.set("allOf", conditions);
        }
        return schema;
    }

    /**
     * The switch rules as {@code if}/{@code then}: when the selector has this value, the field follows that rule
     * (only for rules a schema can say; CPF and CNPJ check digits stay in the description).
     */
    private static ArrayNode switchConditions(Endpoint endpoint) {
        ArrayNode conditions = Json.MAPPER.createArrayNode();
        for (SwitchRule rule : endpoint.spec().switches()) {
            new java.util.TreeMap<>(rule.checks()).forEach((value, check) -> {
                if (check.schema().isEmpty()) {
                    return;
                }
                ObjectNode condition = conditions.addObject();
                ObjectNode when = condition.putObject("if");
                when.putObject("properties").putObject(rule.selector()).put("const", value);
                when.putArray("required").add(rule.selector());
                condition.putObject("then").putObject("properties").set(rule.field(),
                        Json.MAPPER.valueToTree(check.schema()));
            });
        }
        return conditions;
    }

    private static void common(CountryProfile profile, Operation operation, ObjectNode properties,
                               List<String> required) {
        switch (operation) {
            case PAYIN, PAYOUT -> {
                properties.set("tradeNo", constrained(TradeEndpoints.TRADE_NO, "the merchant's own unique order "
                        + "number"));
                properties.set("amount", amount(profile, operation));
                properties.set("notifyUrl", constrained(Check.HTTP_URL, "where the result is POSTed (webhook); "
                        + "defaults to the merchant's notify URL"));
                required.addAll(List.of("tradeNo", "amount"));
            }
            case QUERY_PAYIN, QUERY_PAYOUT, VOUCHER -> {
                properties.set("tradeNo", constrained(TradeEndpoints.TRADE_NO, "the merchant's order number"));
                required.add("tradeNo");
            }
            case QUERY_BY_CODE -> {
                properties.set("code", constrained(ExtraEndpoints.CODE, "the M-Pesa receipt code (serialNumber)"));
                required.add("code");
            }
            case PAYIN_SUBMIT -> {
                properties.set("tradeNo", constrained(TradeEndpoints.TRADE_NO,
                        "names the pay-in (or platFormTradeNo)"));
                properties.set("platFormTradeNo", constrained(ExtraEndpoints.PLATFORM_TRADE_NO, "names the pay-in; "
                        + "then the answer's data is true"));
                properties.set("trxId", constrained(ExtraEndpoints.TRANSACTION_ID,
                        "the payer's wallet transaction id"));
                required.add("trxId");
            }
            default -> {
            }
        }
    }

    private static ObjectNode amount(CountryProfile profile, Operation operation) {
        long smallest = (long) Math.pow(10, 4 - profile.amountDecimals());
        long minimum = Math.max(smallest, operation == Operation.PAYIN ? profile.minPayinUnits()
                : profile.minPayoutUnits());
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.set("type", types("string", "number"));
        node.put("pattern", "^[0-9]+(?:\\.[0-9]+)?$");
        node.put("description", "in " + profile.currency() + ", at most " + profile.amountDecimals() + " decimals, "
                + "from " + units(minimum) + " to " + units(profile.maxAmountUnits()));
        return node;
    }

    private static String units(long scale4) {
        return java.math.BigDecimal.valueOf(scale4, 4).stripTrailingZeros().toPlainString();
    }

    private static String describe(Map<String, Check> checks) {
        List<String> parts = new ArrayList<>();
        new java.util.TreeMap<>(checks).forEach((value, check) -> parts.add(value + " → "
                + (check.schema().isEmpty() ? "its own rule" : check.schema())));
        return String.join("; ", parts);
    }

    private static ObjectNode constrained(Check check, String description) {
        ObjectNode node = Json.MAPPER.valueToTree(check.schema());
        node.set("type", types("string", "number"));
        if (!"string".equals(description)) {
            node.put("description", description);
        }
        return node;
    }

    /** The {@code data} of an accepted answer, as the handlers shape it with the country's extras. */
    private static ObjectNode data(CountryProfile profile, Operation operation) {
        return switch (operation) {
            case PAYIN -> payin(profile);
            case PAYOUT -> object(List.of("tradeNo", "platFormTradeNo", "status"),
                    props("tradeNo", "platFormTradeNo", "status"), null);
            case QUERY_PAYIN, QUERY_PAYOUT, QUERY_BY_CODE -> query(profile);
            case BALANCE -> object(List.of("availableAmount", "freezeAmount", "unsettledAmount"),
                    props("availableAmount", "freezeAmount", "unsettledAmount"), null);
            case ACCOUNT_VERIFY -> object(List.of("bankAccountNo", "bankAccountName"),
                    props("bankAccountNo", "bankAccountName"), null);
            case VOUCHER -> object(List.of("url", "message"), props("url", "message"), null);
            case PAYIN_SUBMIT -> {
                ObjectNode either = Json.MAPPER.createObjectNode();
                either.putArray("oneOf").add(Json.MAPPER.createObjectNode().put("const", true)).add(query(profile));
                yield either;
            }
        };
    }

    /** The pay-in answer; {@code paymentInfo} is the white-label brand's view of the payment instructions. */
    private static ObjectNode payin(CountryProfile profile) {
        ObjectNode node = object(List.of("tradeNo", "platFormTradeNo", "status"),
                props("tradeNo", "platFormTradeNo", "status", "desc?", "remark?", "paymentUrl?", "qrCode?",
                        "paymentLink?"), profile.has(Extra.PAYIN_SERIAL_NUMBER) ? "serialNumber?" : null);
        ObjectNode info = Json.MAPPER.createObjectNode().put("type", "object");
        ObjectNode infoProps = info.putObject("properties");
        for (String name : List.of("paymentLink", "amount", "currency", "channelCode", "wayCode", "payType",
                "qrCode")) {
            infoProps.set(name, nullableString());
        }
        info.put("additionalProperties", false);
        ((ObjectNode) node.get("properties")).set("paymentInfo", info);
        return node;
    }

    private static ObjectNode query(CountryProfile profile) {
        List<String> names = new ArrayList<>(List.of("platFormTradeNo", "tradeNo", "amount", "status", "message?",
                "successTime?"));
        if (profile.has(Extra.QUERY_CREATE_TIME)) {
            names.add("createTime");
        }
        if (profile.has(Extra.QUERY_RECEIVED_AMOUNT)) {
            names.add("receivedAmount?");
        }
        if (profile.has(Extra.UTR)) {
            names.add("utr?");
        }
        if (profile.has(Extra.QUERY_ORDER_AND_PAY_AMOUNT)) {
            names.addAll(List.of("orderAmount", "payAmount?"));
        }
        if (profile.has(Extra.QUERY_WAY_CODE)) {
            names.addAll(List.of("channelCode?", "wayCode?"));
        }
        return object(List.of("platFormTradeNo", "tradeNo", "amount", "status"),
                props(names.toArray(String[]::new)), null);
    }

    private static Map<String, ObjectNode> props(String... names) {
        Map<String, ObjectNode> properties = new LinkedHashMap<>();
        for (String name : names) {
            String bare = name.replace("?", "");
            properties.put(bare, bare.equals("status") ? status() : name.endsWith("?") ? nullableString()
                    : Json.MAPPER.createObjectNode().put("type", "string"));
        }
        return properties;
    }

    private static ObjectNode object(List<String> required, Map<String, ObjectNode> properties, String extra) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("type", "object");
        ObjectNode props = node.putObject("properties");
        properties.forEach(props::set);
        if (extra != null) {
            props.set(extra.replace("?", ""), nullableString());
        }
        required.forEach(node.putArray("required")::add);
        node.put("additionalProperties", false);
        return node;
    }

    private static ObjectNode status() {
        ObjectNode node = Json.MAPPER.createObjectNode().put("type", "string");
        ArrayNode values = node.putArray("enum");
        for (TradeStatus status : TradeStatus.values()) {
            values.add(status.wire());
        }
        return node.put("description", "0000 success, 0015 in progress, 0001 partly paid (ID, MX), 00029 failed");
    }

    private static ObjectNode nullableString() {
        return Json.MAPPER.createObjectNode().set("type", types("string", "null"));
    }

    private static ObjectNode string(String description) {
        return Json.MAPPER.createObjectNode().put("type", "string").put("description", description);
    }

    private static ArrayNode types(String... names) {
        ArrayNode types = Json.MAPPER.createArrayNode();
        for (String name : names) {
            types.add(name);
        }
        return types;
    }

    /** The accepted envelope around one endpoint's data (spec §1.6). */
    private static ObjectNode accepted(ObjectNode data) {
        ObjectNode node = envelope();
        ObjectNode props = (ObjectNode) node.get("properties");
        props.set("code", Json.MAPPER.createObjectNode().put("const", Codes.ACCEPTED));
        props.set("msg", Json.MAPPER.createObjectNode().put("const", "success"));
        props.set("success", Json.MAPPER.createObjectNode().put("const", true));
        props.set("data", data);
        return node;
    }

    /** A refusal: code 8000 (rejected, nothing created) or 5000 (outcome unknown), the reason, no data. */
    private static ObjectNode rejected() {
        ObjectNode node = envelope();
        ObjectNode props = (ObjectNode) node.get("properties");
        ObjectNode code = props.putObject("code").put("type", "string");
        code.putArray("enum").add(Codes.REJECTED).add(Codes.SYSTEM_ERROR);
        code.put("description", "8000: refused, nothing was created or changed; 5000: outcome unknown, query before "
                + "retrying (docs/ERRORS.md lists every msg)");
        props.set("msg", string("the precise reason, one of the messages of docs/ERRORS.md").put("minLength", 1));
        props.set("success", Json.MAPPER.createObjectNode().put("const", false));
        props.set("data", Json.MAPPER.createObjectNode().put("type", "null"));
        return node;
    }

    private static ObjectNode envelope() {
        ObjectNode node = Json.MAPPER.createObjectNode().put("type", "object");
        ObjectNode props = node.putObject("properties");
        props.putObject("msg").put("type", "string");
        props.putObject("code").put("type", "string");
        props.putObject("timestamp").put("type", "integer").put("description", "epoch milliseconds of the answer");
        props.putObject("success").put("type", "boolean");
        props.putObject("data");
        node.putArray("required").add("msg").add("code").add("timestamp").add("success").add("data");
        node.put("additionalProperties", false);
        return node;
    }

    private static ObjectNode securitySchemes() {
        ObjectNode schemes = Json.MAPPER.createObjectNode();
        schemes.putObject("merchantNo").put("type", "apiKey").put("in", "header").put("name", "merchantNo")
                .put("description", Texts.MERCHANT_SECURITY);
        schemes.putObject("hmacSignature").put("type", "apiKey").put("in", "header")
                .put("name", "X-OpenPayPro-Signature").put("description", Texts.HMAC_SECURITY);
        return schemes;
    }

    /** One callback per country (the fields differ by its extras): POSTed to notifyUrl, answered {@code OK}. */
    private ObjectNode webhooks() {
        ObjectNode hooks = Json.MAPPER.createObjectNode();
        for (CountryProfile profile : countries.all()) {
            boolean unsigned = profile.has(Extra.CALLBACK_UNSIGNED);
            List<String> names = new ArrayList<>(List.of("status", "message?", "platFormTradeNo", "tradeNo",
                    "successTime?"));
            if (profile.has(Extra.CALLBACK_WAY_CODE)) {
                names.addAll(List.of("channelCode?", "wayCode?"));
            }
            if (profile.has(Extra.UTR)) {
                names.add("utr?");
            }
            List<String> required = new ArrayList<>(List.of("status", "platFormTradeNo", "tradeNo", "amount"));
            if (!unsigned) {
                names.addAll(List.of("timestamp", "sign"));
                required.addAll(List.of("timestamp", "sign"));
            }
            ObjectNode body = object(required, props(names.toArray(String[]::new)), null);
            ((ObjectNode) body.get("properties")).set("amount", unsigned
                    ? Json.MAPPER.createObjectNode().put("type", "number").put("description", "4 decimals")
                    : Json.MAPPER.createObjectNode().put("type", "string"));
            String name = "notify" + profile.code();
            schemas.set(name, body);
            ObjectNode op = hooks.putObject(name).putObject("post");
            op.putArray("tags").add(profile.code());
            op.put("summary", profile.code() + ": the final result of a pay-in or payout, POSTed to notifyUrl");
            op.put("operationId", "notify_" + profile.code());
            op.put("description", unsigned ? Texts.NOTIFY_UNSIGNED : Texts.NOTIFY);
            op.putObject("requestBody").put("required", true).putObject("content").putObject("application/json")
                    .set("schema", ref(name));
            ObjectNode ok = op.putObject("responses").putObject("200");
            ok.put("description", "processed: the body is OK (anything else, or no answer, is retried)");
            ok.putObject("content").putObject("text/plain").putObject("schema").put("type", "string")
                    .put("const", "OK");
        }
        return hooks;
    }
}
