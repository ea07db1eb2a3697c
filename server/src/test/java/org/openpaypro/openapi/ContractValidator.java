package org.openpaypro.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks recorded exchanges against an OpenAPI 3.1 document: the path and method exist (path templates matched),
 * the request body satisfies the operation's request schema, the answer's status is documented and its body
 * satisfies that response's schema. A refused request is checked by its answer only (it may break the request
 * schema: that is why it was refused); an accepted one must satisfy the request schema too. The JSON Schema subset
 * the generated documents use: type (also as a list),
 * const, enum, pattern, minLength, maxLength, required, properties, additionalProperties false, anyOf, oneOf, allOf,
 * if/then, $ref
 * to the document's own components. Stateless apart from the document; not thread-safe to mutate the document.
 */
final class ContractValidator {
    /** One request and its answer, as a test exchanged them. */
    record Exchange(String method, String path, JsonNode request, int status, JsonNode answer) {
    }

    private final JsonNode document;

    ContractValidator(JsonNode document) {
        this.document = document;
    }

    /** Every problem of {@code exchange}, empty when it matches the document. */
    List<String> problems(Exchange exchange) {
        List<String> problems = new ArrayList<>();
        JsonNode operation = operation(exchange.method(), exchange.path());
        String where = exchange.method() + " " + exchange.path();
        if (operation == null) {
            problems.add(where + ": no such operation in the document");
            return problems;
        }
        JsonNode requestSchema = operation.at("/requestBody/content/application~1json/schema");
        if (!accepted(exchange)) {
            // a refused request may break the request schema (that is why it was refused): only its answer counts
            requestSchema = null;
        } else if (exchange.request() != null && !requestSchema.isMissingNode()) {
            check(requestSchema, exchange.request(), where + " request", problems);
        } else if (exchange.request() != null && exchange.request().size() > 0) {
            problems.add(where + ": the document declares no request body");
        }
        JsonNode responses = operation.path("responses");
        String status = Integer.toString(exchange.status());
        JsonNode response = responses.has(status) ? responses.get(status)
                : responses.path(status.charAt(0) + "XX");
        if (response.isMissingNode()) {
            problems.add(where + ": status " + status + " is not documented");
            return problems;
        }
        JsonNode answerSchema = response.at("/content/application~1json/schema");
        if (!answerSchema.isMissingNode()) {
            check(answerSchema, exchange.answer(), where + " answer " + status, problems);
        }
        return problems;
    }

    /** Whether the gateway accepted the request: HTTP 2xx, and on the merchant API the envelope's code 0000. */
    static boolean accepted(Exchange exchange) {
        return exchange.status() < 300 && (exchange.answer() == null || !exchange.answer().has("code")
                || "0000".equals(exchange.answer().get("code").asText()));
    }

    /** Problems of {@code value} under {@code schema} (a webhook body, or anything the caller checks). */
    List<String> problems(JsonNode schema, JsonNode value, String where) {
        List<String> problems = new ArrayList<>();
        check(schema, value, where, problems);
        return problems;
    }

    JsonNode operation(String method, String pathAndQuery) {
        String path = pathAndQuery.split("\\?", 2)[0]; // query parameters do not name the operation
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> entry = paths.next();
            if (template(entry.getKey()).matcher(path).matches()) {
                JsonNode operation = entry.getValue().get(method.toLowerCase(java.util.Locale.ROOT));
                if (operation != null) {
                    return operation;
                }
            }
        }
        return null;
    }

    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder();
        for (String part : path.split("(?=\\{)|(?<=})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private void check(JsonNode schema, JsonNode value, String where, List<String> problems) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            JsonNode target = document.at(ref.substring(1));
            if (target.isMissingNode()) {
                problems.add(where + ": unresolved " + ref);
                return;
            }
            check(target, value, where, problems);
            return;
        }
        if (value == null || value.isMissingNode()) {
            problems.add(where + ": missing");
            return;
        }
        if (schema.has("anyOf") || schema.has("oneOf")) {
            choice(schema, value, where, problems);
        }
        for (JsonNode part : schema.path("allOf")) {
            check(part, value, where, problems);
        }
        if (schema.has("if") && schema.has("then") && problems(schema.get("if"), value, where).isEmpty()) {
            check(schema.get("then"), value, where, problems);
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(where + ": must be " + schema.get("const") + ", is " + value);
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            problems.add(where + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            problems.add(where + ": " + value + " is not of type " + schema.get("type"));
            return;
        }
        if (value.isTextual()) {
            text(schema, value.asText(), where, problems);
        }
        if (value.isObject()) {
            object(schema, value, where, problems);
        }
    }

    private void choice(JsonNode schema, JsonNode value, String where, List<String> problems) {
        boolean oneOf = schema.has("oneOf");
        List<String> collected = new ArrayList<>();
        int matching = 0;
        for (JsonNode option : schema.get(oneOf ? "oneOf" : "anyOf")) {
            List<String> optionProblems = new ArrayList<>();
            check(option, value, where, optionProblems);
            if (optionProblems.isEmpty()) {
                matching++;
            } else {
                collected.add(String.join("; ", optionProblems));
            }
        }
        if (matching == 0) {
            problems.add(where + ": matches none of its alternatives: " + collected);
        } else if (oneOf && matching > 1) {
            problems.add(where + ": matches " + matching + " alternatives of oneOf");
        }
    }

    private static void text(JsonNode schema, String text, String where, List<String> problems) {
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            problems.add(where + ": '" + text + "' does not match " + schema.get("pattern").asText());
        }
        if (schema.has("maxLength") && text.codePointCount(0, text.length()) > schema.get("maxLength").asInt()) {
            problems.add(where + ": longer than " + schema.get("maxLength"));
        }
        if (schema.has("minLength") && text.codePointCount(0, text.length()) < schema.get("minLength").asInt()) {
            problems.add(where + ": shorter than " + schema.get("minLength"));
        }
    }

    private void object(JsonNode schema, JsonNode value, String where, List<String> problems) {
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(where + ": required field " + required.asText() + " is missing");
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (properties.has(field.getKey())) {
                check(properties.get(field.getKey()), field.getValue(), where + "." + field.getKey(), problems);
            } else if (schema.path("additionalProperties").isBoolean()
                    && !schema.get("additionalProperties").asBoolean()) {
                problems.add(where + ": field " + field.getKey() + " is not in the document");
            }
        }
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode allowed : values) {
            if (allowed.equals(value) || (value.isNumber() && allowed.asText().equals(value.asText()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (typeMatches(one, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> false;
        };
    }
}
