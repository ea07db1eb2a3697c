package org.openpaypro.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpaypro.error.ApiException;
import org.openpaypro.http.JsonBody;
import org.openpaypro.protocol.Signer;
import org.openpaypro.testing.ScenarioIT;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * A hand-written corpus of hostile requests against every merchant endpoint, bare and under {@code /brz-pay}.
 * Every answer must be the envelope with code 8000 (HTTP 200, or 413 for an oversize body, 404/405 for a wrong
 * method), without a stack trace, and the database must not change.
 *
 * <p>Bodies that should reach field validation are signed correctly. The pay-in and payout bodies reuse the
 * tradeNo of a pay-in created before the snapshot, so a body that passes every field check still travels to the
 * INSERT and is refused there as a duplicate: hostile text reaches the database layer, and nothing is written.
 */
class HostileInputIT extends ScenarioIT {
    private static final int BODY_LIMIT = 65_536;
    private static final String NOTIFY = "https://merchant.example/notify";
    private static final List<String> HOSTILE_TEXT = List.of(
            "' OR 1=1 --", "\"; DROP TABLE trade; --", "1; SELECT pg_sleep(10)", "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>", "${jndi:ldap://evil.example/a}", "{{7*7}}", "../../etc/passwd",
            "%00", "\u0000", "a\u0000b", "\ud800", "\udc00", "x\ud83dy", "\u202e\u200fabc\u200e", "😀💸🇧🇷",
            "\t\r\n", "\u001b[31m", "\u2028\u2029", "\ufeff", "\uffff", " ", "null", "undefined", "true", "-0",
            "١٢٣", "x".repeat(60_000));
    private static final List<String> AMOUNT_TEXT = List.of("-1", "0", "1e3", "NaN", "Infinity", "-Infinity",
            "0.001", "9999999999999999999", "1,5", " 1", "1 ", "+1", "0x10", "١٠", "1.", ".5", "-0", "1e-2",
            "1.000", "10.001", "00001.00", "1_000");
    private static final List<String> AMOUNT_LITERALS = List.of("-1", "0", "1e3", "0.001", "9999999999999999999",
            "1E+2", "1e-2", "-0.0", "1e999999999", "1e-999999999", "123456789012345678901234567890.5");
    private static final List<String> WRONG_TYPE_LITERALS = List.of("true", "false", "null", "{}", "[]",
            "{\"a\":\"b\"}", "[\"1\"]", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]");

    private static final Pattern VALID_TRADE_NO = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static long totalSent;

    /** Odd timestamps, computed when used: the window moves while the suite runs. */
    private static List<String> timestamps() {
        long now = System.currentTimeMillis();
        return List.of("0", "-1", "1", "12345678901", "123456789012345", "0000000000000", "9999999999999",
                "1000000000", "-1715941383720", "1e12", "1715941383720.0", " " + now, now + " ", "+" + now,
                Long.toString(now - 16 * 60_000), Long.toString(now + 16 * 60_000), Long.toString(now / 1000 - 960),
                Long.toString(now / 1000 + 960), "9223372036854775807", "99999999999999999999", now + "0");
    }

    private final HostileHttp http = new HostileHttp(gateway);
    private final List<String> violations = new ArrayList<>();
    private TestMerchant merchant;
    private TestMerchant other;
    private String takenTradeNo;
    private int sent;

    @BeforeEach
    void a_merchant_with_one_pay_in() {
        merchant = gateway.createMerchant();
        other = gateway.createMerchant();
        takenTradeNo = tradeNo();
        TestGateway.Answer created = gateway.signed("/v1/paypro/payin", merchant.merchantNo(), merchant.secret(),
                payinFields());
        assertThat(created.code()).as(created.body()).isEqualTo("0000");
    }

    @AfterAll
    static void print_count() {
        System.out.println("HostileInputIT: " + totalSent + " hostile requests sent");
    }

    private Map<String, Object> payinFields() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tradeNo", takenTradeNo);
        body.put("amount", "150.00");
        body.put("name", "Maria Souza");
        body.put("identityType", "CPF");
        body.put("userIdentity", "12345678909");
        body.put("notifyUrl", NOTIFY);
        body.put("returnUrl", "https://merchant.example/done");
        body.put("remark", "order 77");
        return body;
    }

    private Map<String, Object> payoutFields() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tradeNo", takenTradeNo);
        body.put("amount", "10.00");
        body.put("name", "Maria Souza");
        body.put("email", "maria@example.com");
        body.put("mobile", "+5511987654321");
        body.put("bankType", "CPF");
        body.put("bankNumber", "12345678909");
        body.put("identityType", "CPF");
        body.put("userIdentity", "12345678909");
        body.put("notifyUrl", NOTIFY);
        body.put("remark", "payout test");
        return body;
    }

    /** The base body of an endpoint, timestamp included; every base body is refused (see the class comment). */
    private Map<String, Object> base(String path) {
        Map<String, Object> body = switch (endpoint(path)) {
            case "payin" -> payinFields();
            case "payout" -> payoutFields();
            case "queryPayInResult", "queryPayOutResult" -> new LinkedHashMap<>(Map.of("tradeNo", "NOT_THERE_1"));
            default -> new LinkedHashMap<>();
        };
        body.put("timestamp", Long.toString(System.currentTimeMillis()));
        return body;
    }

    private static String endpoint(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The fields whose hostile values must be refused; queryBalance answers any signed body with a timestamp. */
    private List<String> hostileFields(String path) {
        List<String> fields = new ArrayList<>(base(path).keySet());
        fields.add("sign");
        return fields;
    }

    // ---- sending and checking ------------------------------------------------------------------------------

    private HostileHttp.Raw sendRaw(String label, String path, Map<String, String> headers, String contentType,
                                    byte[] body, Set<Integer> otherStatuses) {
        HostileHttp.Raw answer = http.send("POST", path, contentType, headers, body);
        sent++;
        totalSent++;
        String problem = HostileHttp.envelopeProblem(answer, otherStatuses);
        if (problem != null) {
            violations.add(HostileHttp.describe(label + " " + path, answer, problem));
        }
        return answer;
    }

    private HostileHttp.Raw sendJson(String label, String path, String json) {
        return sendRaw(label, path, Map.of("merchantNo", merchant.merchantNo()), "application/json",
                HostileHttp.utf8(json), Set.of());
    }

    /** Signs the body text as the server will parse it (every key, numbers as literals) and sends it. */
    private void sendSignedLiteral(String label, String path, String jsonWithoutSign) {
        String sign;
        try {
            sign = Signer.sign(JsonBody.parse(HostileHttp.utf8(jsonWithoutSign)), merchant.secret());
        } catch (ApiException unsignable) {
            sign = "0".repeat(32);
        }
        sendRaw(label + " (sign in header)", path, Map.of("merchantNo", merchant.merchantNo(), "sign", sign),
                "application/json", HostileHttp.utf8(jsonWithoutSign), Set.of());
        sendJson(label + " (unsigned)", path, jsonWithoutSign);
    }

    /** A body with a literal in one field: signed (sign in the header) unless the field is the sign itself. */
    private void sendLiteral(String field, String label, String path, String json) {
        if (field.equals("sign")) {
            sendJson(label, path, json);
        } else {
            sendSignedLiteral(label, path, json);
        }
    }

    /** Sends a field map signed (sign in the body) and unsigned. */
    private void sendSignedAndUnsigned(String label, String path, Map<String, Object> fields) {
        Map<String, Object> signed = new LinkedHashMap<>(fields);
        signed.put("sign", Signer.sign(fields, merchant.secret()));
        sendJson(label + " (signed)", path, TestGateway.json(signed));
        sendJson(label + " (unsigned)", path, TestGateway.json(fields));
    }

    private void assertNoViolationsAndNothingWritten(Map<String, Long> before) {
        System.out.println(getClass().getSimpleName() + ": " + sent + " requests in this test");
        assertThat(violations).as("answers breaking the hostile-input contract").isEmpty();
        assertThat(gateway.snapshot()).as("database after the corpus").isEqualTo(before);
    }

    // ---- the corpus --------------------------------------------------------------------------------------

    @Test
    void the_base_bodies_are_refused_only_at_the_last_step_so_hostile_fields_reach_validation_and_the_insert() {
        Map<String, String> expected = Map.of("payin", "duplicate tradeNo", "payout", "duplicate tradeNo",
                "queryPayInResult", "order not found", "queryPayOutResult", "order not found");
        for (String path : HostileHttp.MERCHANT_PATHS) {
            TestGateway.Answer answer = gateway.signed(path, merchant.merchantNo(), merchant.secret(), base(path));
            if (endpoint(path).equals("queryBalance")) {
                assertThat(answer.code()).as(answer.body()).isEqualTo("0000");
            } else {
                assertThat(answer.msg()).as(path).isEqualTo(expected.get(endpoint(path)));
            }
        }
    }

    @Test
    void free_text_with_sql_html_and_unicode_is_accepted_stored_and_echoed_verbatim() {
        for (String text : List.of("' OR 1=1 --", "\"; DROP TABLE trade; --", "<script>alert(1)</script>",
                "\u202e\u200fabc\u200e", "😀💸🇧🇷", "D'Ávila Ção", "x\ud800y", "\udc00")) {
            Map<String, Object> body = payinFields();
            String tradeNo = tradeNo();
            body.put("tradeNo", tradeNo);
            body.put("name", text);
            body.put("remark", text);
            HostileHttp.Raw answer = signedRaw("/v1/paypro/payin", body);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(HostileHttp.stackTraceProblem(answer.body())).isNull();
            assertThat(answer.json()).as(answer.body()).isNotNull();
            if (text.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
                // no UTF-8 form: stored and echoed it would silently become "?"
                assertThat(answer.json().path("code").asText()).as(answer.body()).isEqualTo("8000");
                assertThat(answer.json().path("msg").asText()).startsWith("invalid name: contains an unpaired");
                continue;
            }
            assertThat(answer.json().path("code").asText()).as(answer.body()).isEqualTo("0000");
            assertThat(answer.json().get("data").get("remark").asText()).as("remark echoed").isEqualTo(text);
            String platformNo = answer.json().get("data").get("platFormTradeNo").asText();
            com.fasterxml.jackson.databind.JsonNode stored = trade(platformNo);
            assertThat(stored.get("remark").asText()).as("remark stored").isEqualTo(text);
            assertThat(stored.get("details").get("name").asText()).as("name stored").isEqualTo(text);
        }
    }

    private HostileHttp.Raw signedRaw(String path, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("timestamp", Long.toString(System.currentTimeMillis()));
        body.put("sign", Signer.sign(body, merchant.secret()));
        sent++;
        totalSent++;
        return http.post(path, Map.of("merchantNo", merchant.merchantNo()), TestGateway.json(body));
    }

    @Test
    void malformed_and_non_object_bodies_get_the_envelope_and_change_nothing() {
        Map<String, Long> before = HostileHttp.quietSnapshot(gateway);
        List<String> bodies = new ArrayList<>(List.of("{not json", "", " ", "null", "[]", "[{}]", "\"str\"", "123",
                "true", "{", "}", "{\"a\":1}}", "{\"a\":1} x", "{\"a\":1}{\"b\":2}", "{'timestamp':'1'}",
                "{timestamp:1}", "{\"timestamp\":NaN}", "{\"timestamp\":Infinity}", "{\"amount\":1,5}",
                "{\"amount\":01}", "{\"amount\":.5}", "{\"amount\":+1}", "{\"amount\":0x10}", "{\"a\":1,}",
                "{\"a\" 1}", "{\"a\":\"\u0001\"}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\ud800\"", "/* c */ {}",
                "{\"timestamp\":\"1\",\"timestamp\":\"2\"}", "{\"sign\":\"a\",\"sign\":\"a\"}",
                "{\"tradeNo\":{\"a\":1}}", "{\"amount\":[1,2]}", "{\"name\":{}}", "{\"timestamp\":[]}",
                "{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}", "[".repeat(20_000),
                "{\"a\":" + "{\"a\":".repeat(1_000) + "1" + "}".repeat(1_001), "\ufeff{}",
                "{\"a\":1e999999999}", "{\"a\":" + "9".repeat(1_000) + "}"));
        for (String path : HostileHttp.MERCHANT_PATHS) {
            for (String body : bodies) {
                sendJson("raw body " + abbreviate(body), path, body);
                sendRaw("raw body with a sign header " + abbreviate(body), path, Map.of("merchantNo",
                        merchant.merchantNo(), "sign", "0".repeat(32)), "application/json",
                        HostileHttp.utf8(body), Set.of());
            }
            sendRaw("invalid UTF-8", path, Map.of("merchantNo", merchant.merchantNo()), "application/json",
                    new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'}, Set.of());
            sendRaw("overlong UTF-8 NUL", path, Map.of("merchantNo", merchant.merchantNo()), "application/json",
                    new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc0, (byte) 0x80, '"', '}'}, Set.of());
            sendRaw("UTF-16 body", path, Map.of("merchantNo", merchant.merchantNo()), "application/json",
                    "{\"timestamp\":\"1\"}".getBytes(StandardCharsets.UTF_16), Set.of());
            sendRaw("raw NUL bytes", path, Map.of("merchantNo", merchant.merchantNo()), "application/json",
                    new byte[64], Set.of());
            sendRaw("overlong UTF-8 <", path, Map.of("merchantNo", merchant.merchantNo()), "application/json",
                    new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc0, (byte) 0xbc, '"', '}'}, Set.of());
            sendRaw("UTF-8 encoded surrogate", path, Map.of("merchantNo", merchant.merchantNo()), "application/json",
                    new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'},
                    Set.of());
            sendRaw("UTF-32 body", path, Map.of("merchantNo", merchant.merchantNo()), "application/json",
                    "{\"timestamp\":\"1\"}".getBytes(java.nio.charset.Charset.forName("UTF-32")), Set.of());
            sendRaw("UTF-8 byte order mark", path, Map.of("merchantNo", merchant.merchantNo()), "application/json",
                    new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'}, Set.of());
        }
        assertNoViolationsAndNothingWritten(before);
    }

    @Test
    void hostile_values_in_every_field_signed_and_unsigned_are_refused_and_change_nothing() {
        Map<String, Long> before = HostileHttp.quietSnapshot(gateway);
        for (String path : HostileHttp.MERCHANT_PATHS) {
            for (String field : hostileFields(path)) {
                for (String value : HOSTILE_TEXT) {
                    if (field.equals("tradeNo") && VALID_TRADE_NO.matcher(value).matches()) {
                        continue; // "null", "true" and "-0" are fine order numbers: they would create an order
                    }
                    Map<String, Object> body = base(path);
                    body.put(field, value);
                    if (field.equals("sign")) {
                        sendJson("sign=" + abbreviate(value), path, TestGateway.json(body));
                    } else {
                        sendSignedAndUnsigned(field + "=" + abbreviate(value), path, body);
                    }
                }
                for (String literal : WRONG_TYPE_LITERALS) {
                    sendLiteral(field, field + " as " + literal, path, replaceField(base(path), field, literal));
                }
                if (!field.equals("tradeNo")) {
                    sendLiteral(field, field + " as a number", path, replaceField(base(path), field, "123"));
                }
                sendLiteral(field, field + " duplicated", path, duplicateField(base(path), field));
            }
        }
        assertNoViolationsAndNothingWritten(before);
    }

    @Test
    void odd_amounts_and_timestamps_missing_and_extra_fields_are_refused_and_change_nothing() {
        Map<String, Long> before = HostileHttp.quietSnapshot(gateway);
        for (String path : HostileHttp.MERCHANT_PATHS) {
            boolean creates = List.of("payin", "payout").contains(endpoint(path));
            if (creates) {
                for (String amount : AMOUNT_TEXT) {
                    Map<String, Object> body = base(path);
                    body.put("amount", amount);
                    sendSignedAndUnsigned("amount \"" + amount + "\"", path, body);
                }
                for (String literal : AMOUNT_LITERALS) {
                    sendSignedLiteral("amount " + literal, path, replaceField(base(path), "amount", literal));
                }
                for (String field : base(path).keySet()) {
                    Map<String, Object> missing = base(path);
                    missing.remove(field);
                    sendSignedAndUnsigned("without " + field, path, missing);
                }
                for (Map.Entry<String, Object> extra : Map.<String, Object>of("extra", "x", "", "empty key",
                        "merchantNo", "' OR 1=1 --", "__proto__", "{}", "Amount", "99999", "sign ", "x",
                        "tradeNo\u0000", "x", "<script>", "1").entrySet()) {
                    Map<String, Object> body = base(path);
                    body.put(extra.getKey(), extra.getValue());
                    sendSignedAndUnsigned("extra field " + abbreviate(extra.getKey()), path, body);
                }
            } else {
                Map<String, Object> extra = base(path);
                extra.put("extra", "unsigned");
                Map<String, Object> signedWithoutExtra = new LinkedHashMap<>(base(path));
                extra.put("sign", Signer.sign(signedWithoutExtra, merchant.secret()));
                sendJson("extra field outside the signature", path, TestGateway.json(extra));
            }
            for (String timestamp : timestamps()) {
                Map<String, Object> body = base(path);
                body.put("timestamp", timestamp);
                sendSignedAndUnsigned("timestamp \"" + timestamp + "\"", path, body);
            }
            for (String literal : List.of("0", "-1", "1e12", "1715941383720.0", "1.7e12", "99999999999999999999")) {
                sendSignedLiteral("timestamp " + literal, path, replaceField(base(path), "timestamp", literal));
            }
            Map<String, Object> withoutTimestamp = base(path);
            withoutTimestamp.remove("timestamp");
            sendSignedAndUnsigned("without timestamp", path, withoutTimestamp);
        }
        assertNoViolationsAndNothingWritten(before);
    }

    @Test
    void wrong_headers_content_types_and_signatures_are_refused_and_change_nothing() {
        Map<String, Long> before = HostileHttp.quietSnapshot(gateway);
        for (String path : HostileHttp.MERCHANT_PATHS) {
            Map<String, Object> body = base(path);
            Map<String, Object> signed = new LinkedHashMap<>(body);
            signed.put("sign", Signer.sign(body, merchant.secret()));
            byte[] json = HostileHttp.utf8(TestGateway.json(signed));
            Map<String, String> own = Map.of("merchantNo", merchant.merchantNo());
            for (String contentType : List.of("text/plain", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=xyz", "text/html", "application/xml", "*/*", "json",
                    "application/json; charset=utf-16", "application/json; charset=iso-8859-1")) {
                sendRaw("Content-Type " + contentType, path, own, contentType, json, Set.of());
            }
            sendRaw("form-encoded body", path, own, "application/x-www-form-urlencoded",
                    formEncoded(signed).getBytes(StandardCharsets.UTF_8), Set.of());
            sendRaw("multipart body", path, own, "multipart/form-data; boundary=xyz", ("--xyz\r\nContent-Disposition: "
                    + "form-data; name=\"timestamp\"\r\n\r\n1\r\n--xyz--\r\n").getBytes(StandardCharsets.UTF_8),
                    Set.of());
            sendRaw("no Content-Type, unsigned", path, own, null,
                    HostileHttp.utf8(TestGateway.json(body)), Set.of());
            sendRaw("no merchantNo", path, Map.of(), "application/json", json, Set.of());
            for (String merchantNo : List.of("' OR 1=1 --", "0 OR 1=1", "1; DROP TABLE merchant; --", "%27",
                    "0000000000", "-1", "9".repeat(33), "*", "\\x00", other.merchantNo() + "0",
                    merchant.merchantNo().substring(1))) {
                sendRaw("merchantNo " + merchantNo, path, Map.of("merchantNo", merchantNo), "application/json", json,
                        Set.of());
            }
            sendRaw("another merchant's merchantNo", path, Map.of("merchantNo", other.merchantNo()),
                    "application/json", json, Set.of());
            for (String sign : List.of("", "x", "0".repeat(32), "g".repeat(32), "0".repeat(33),
                    Signer.sign(body, other.secret()), Signer.sign(body, merchant.secret()).substring(1) + "0",
                    Signer.sign(body, merchant.secret() + " "))) {
                Map<String, Object> wrong = new LinkedHashMap<>(body);
                wrong.put("sign", sign);
                sendJson("sign " + sign, path, TestGateway.json(wrong));
                sendRaw("header sign " + sign, path, Map.of("merchantNo", merchant.merchantNo(), "sign",
                        sign.isEmpty() ? " " : sign), "application/json",
                        HostileHttp.utf8(TestGateway.json(body)), Set.of());
            }
            sendRaw("body and header signs differ", path, Map.of("merchantNo", merchant.merchantNo(), "sign",
                    "0".repeat(32)), "application/json", json, Set.of());
            for (String method : List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS")) {
                HostileHttp.Raw answer = http.send(method, path, "application/json", own,
                        method.equals("GET") || method.equals("OPTIONS") ? null : json);
                sent++;
                totalSent++;
                String problem = wrongMethodProblem(answer);
                if (problem != null) {
                    violations.add(HostileHttp.describe(method + " " + path, answer, problem));
                }
            }
        }
        assertNoViolationsAndNothingWritten(before);
    }

    @Test
    void bodies_over_the_limit_get_413_with_the_envelope_and_change_nothing() {
        Map<String, Long> before = HostileHttp.quietSnapshot(gateway);
        byte[] tenMegabytes = ("{\"timestamp\":\"" + "1".repeat(10 * 1024 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        for (String path : HostileHttp.MERCHANT_PATHS) {
            Map<String, Object> body = base(path);
            body.put("remark", "x".repeat(100 * 1024));
            body.put("sign", Signer.sign(body, merchant.secret()));
            expect413("100 KB field", sendRaw("100 KB field", path, Map.of("merchantNo", merchant.merchantNo()),
                    "application/json", HostileHttp.utf8(TestGateway.json(body)), Set.of(413)));
            expect413("one byte over", sendRaw("one byte over the limit", path, Map.of("merchantNo",
                    merchant.merchantNo()), "application/json", paddedBody(BODY_LIMIT + 1), Set.of(413)));
            HostileHttp.Raw atLimit = sendRaw("exactly at the limit", path, Map.of("merchantNo",
                    merchant.merchantNo()), "application/json", paddedBody(BODY_LIMIT), Set.of());
            if (atLimit.status() == 413) {
                violations.add("a body of exactly " + BODY_LIMIT + " bytes got 413 on " + path);
            }
        }
        for (String path : List.of("/v1/paypro/payin", "/brz-pay/v1/paypro/queryBalance")) {
            expect413("10 MB", sendRaw("10 MB body", path, Map.of("merchantNo", merchant.merchantNo()),
                    "application/json", tenMegabytes, Set.of(413)));
            expect413("10 MB, unknown merchant", sendRaw("10 MB body, unknown merchant", path,
                    Map.of("merchantNo", "0000000000"), "application/json", tenMegabytes, Set.of(413)));
            expect413("10 MB chunked", sendChunked(path, tenMegabytes));
        }
        assertNoViolationsAndNothingWritten(before);
    }

    /** A body without Content-Length (chunked transfer encoding) must meet the same limit. */
    private HostileHttp.Raw sendChunked(String path, byte[] body) {
        HostileHttp.SENT.incrementAndGet();
        sent++;
        totalSent++;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("merchantNo", merchant.merchantNo())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HostileHttp.Raw answer;
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            answer = new HostileHttp.Raw(response.statusCode(), response.body(), parseOrNull(response.body()));
        } catch (java.io.IOException e) {
            answer = new HostileHttp.Raw(-1, "transport failure: " + e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String problem = HostileHttp.envelopeProblem(answer, Set.of(413));
        if (problem != null) {
            violations.add(HostileHttp.describe("10 MB chunked body " + path, answer, problem));
        }
        return answer;
    }

    private static com.fasterxml.jackson.databind.JsonNode parseOrNull(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private void expect413(String label, HostileHttp.Raw answer) {
        if (answer.status() != 413) {
            violations.add(label + ": expected HTTP 413, got " + answer.status() + " "
                    + abbreviate(answer.body()));
        } else if (!answer.json().path("msg").asText().equals("body is larger than " + BODY_LIMIT + " bytes")) {
            violations.add(label + ": 413 with msg " + answer.json().path("msg"));
        }
    }

    /** A JSON body of exactly {@code size} bytes that is not a valid request. */
    private static byte[] paddedBody(int size) {
        String head = "{\"timestamp\":\"1\",\"pad\":\"";
        String tail = "\"}";
        return (head + "p".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    /** A wrong method gets 404 or 405 with a JSON body and no trace (no envelope can be promised there). */
    private static String wrongMethodProblem(HostileHttp.Raw answer) {
        if (answer.status() != 404 && answer.status() != 405) {
            return "HTTP " + answer.status();
        }
        String trace = HostileHttp.stackTraceProblem(answer.body());
        if (trace != null) {
            return trace;
        }
        return answer.json() == null || !answer.json().isObject() ? "not a JSON object" : null;
    }

    private static String replaceField(Map<String, Object> fields, String field, String literal) {
        StringBuilder json = new StringBuilder("{");
        Map<String, Object> all = new LinkedHashMap<>(fields);
        all.putIfAbsent(field, null);
        for (Map.Entry<String, Object> entry : all.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(TestGateway.json(entry.getKey())).append(':')
                    .append(entry.getKey().equals(field) ? literal : TestGateway.json(entry.getValue()));
        }
        return json.append('}').toString();
    }

    private static String duplicateField(Map<String, Object> fields, String field) {
        String json = TestGateway.json(new TreeMap<>(fields));
        Object value = fields.getOrDefault(field, "x");
        return json.substring(0, json.length() - 1) + "," + TestGateway.json(field) + ":" + TestGateway.json(value)
                + "}";
    }

    private static String formEncoded(Map<String, Object> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((key, value) -> form.append(form.length() == 0 ? "" : "&").append(key).append('=')
                .append(java.net.URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8)));
        return form.toString();
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "...(" + text.length() + " chars)" : text;
    }
}
