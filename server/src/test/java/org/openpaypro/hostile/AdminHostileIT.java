package org.openpaypro.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.ScenarioIT;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Hostile input on the operator and sandbox API (DESIGN §9): every refusal is a 4xx {@code {"error": ...}}
 * without a stack trace and writes nothing; without the token or with a wrong one, every call is a 401.
 */
class AdminHostileIT extends ScenarioIT {
    private static final Set<Integer> CLIENT_ERRORS = Set.of(400, 404, 405, 409, 413, 415);
    private static final List<String> HOSTILE_PATH_PARAMS = List.of("..%2F..%2Fetc%2Fpasswd", "..", "%2e%2e",
            "%27%20OR%201%3D1%20--", "1%20OR%201%3D1", "1%3BDROP%20TABLE%20merchant", "%00", "%C3%A7%C3%A3",
            "%F0%9F%98%80", "%ED%A0%80",
            "-1", "0", "99999999999999999999999999999999999", "9".repeat(2_000), "%3Cscript%3E", "null", "%20",
            "abc%0d%0aX-Injected:%201", "ABCDEFGHIJKLMNOP", "zzzzzzzzzzzzzzzz");
    private static final List<String> BAD_BODIES = List.of("{not json", "null", "[]", "\"str\"", "123", "true",
            "{\"a\":1}}", "{\"name\":\"a\",\"name\":\"b\"}", "{\"amount\":{}}", "{\"amount\":[]}",
            "{\"amount\":true}", "{\"amount\":1000}", "{\"amount\":\"1e3\"}", "{\"amount\":\"NaN\"}",
            "{\"amount\":\"Infinity\"}", "{\"amount\":\"0.00001\"}", "{\"amount\":\"9999999999999999999999\"}",
            "{\"amount\":\"1,5\"}", "{\"amount\":\" 1\"}", "{\"amount\":\"0\"}", "{\"amount\":\"-0\"}",
            "{\"amount\":\"' OR 1=1 --\"}", "{\"reason\":\"x\"}", "{\"amount\":\"1\",\"reason\":\"\"}",
            "{\"amount\":\"1\",\"reason\":\"\\u0000\"}", "{\"amount\":\"1\",\"reason\":\"" + "r".repeat(501) + "\"}",
            "{\"amount\":\"1\",\"reason\":7}", "{\"amount\":\"-1000000\",\"reason\":\"overdraw\"}",
            "{\"name\":\"x\",\"country\":\"XX\"}", "{\"name\":\"x\",\"country\":\"' OR 1=1 --\"}",
            "{\"name\":\"x\",\"country\":\"br\"}", "{\"name\":\"x\"}", "{\"country\":\"BR\"}",
            "{\"name\":123,\"country\":\"BR\"}", "{\"name\":\"" + "n".repeat(129) + "\",\"country\":\"BR\"}",
            "{\"name\":\"a\\u0000b\",\"country\":\"BR\"}", "{\"name\":\"a\\nb\",\"country\":\"BR\"}",
            "{\"name\":\"x\",\"country\":\"BR\",\"notifyUrl\":\"javascript:alert(1)\"}",
            "{\"name\":\"x\",\"country\":\"BR\",\"notifyUrl\":\"file:///etc/passwd\"}",
            "{\"name\":\"x\",\"country\":\"BR\",\"payinFeeRate\":\"1.5\"}",
            "{\"name\":\"x\",\"country\":\"BR\",\"payinFeeRate\":\"-0.1\"}",
            "{\"name\":\"x\",\"country\":\"BR\",\"payinFeeRate\":0.1}",
            "{\"name\":\"x\",\"country\":\"BR\",\"payoutFeeFixed\":\"-1\"}",
            "{\"name\":\"x\",\"country\":\"BR\",\"payoutFeeFixed\":\"" + "9".repeat(39) + "\"}",
            "{\"name\":\"x\",\"country\":\"BR\",\"secretKey\":\"00000000000000000000000000000000\"}",
            "{\"name\":\"x\",\"country\":\"BR\",\"merchantNo\":\"0000000001\"}",
            "{\"status\":\"0015\"}", "{\"status\":\"9999\"}", "{\"status\":0}", "{\"status\":\"' OR 1=1 --\"}",
            "{\"status\":\"0001\"}", "{\"status\":\"0001\",\"paidAmount\":\"-5\"}", "{\"status\":\"0000\",\"x\":1}",
            "{\"status\":\"00029\",\"message\":\"" + "m".repeat(257) + "\"}",
            "{\"asOf\":\"yesterday\"}", "{\"asOf\":\"' OR 1=1 --\"}", "{\"asOf\":12345}",
            "{\"asOf\":\"2026-13-45T99:99:99Z\"}", "{\"name\":\"x\\ud800\",\"country\":\"BR\"}",
            "{\"name\":\"\\udc00x\",\"country\":\"BR\"}", "{\"amount\":\"1\",\"reason\":\"\\ud800\"}",
            "{\"status\":\"00029\",\"message\":\"\\ud800\"}",
            "{\"asOf\":\"2026-11-29T03:00:00Z\",\"extra\":1}", "{\"a\":1e999999999}",
            "{\"a\":" + "[".repeat(3_000) + "]".repeat(3_000) + "}");

    private static long totalSent;

    private final HostileHttp http = new HostileHttp(gateway);
    private final List<String> violations = new ArrayList<>();
    private TestMerchant merchant;
    private String platformNo;
    private int sent;

    @BeforeEach
    void a_merchant_with_one_pay_in() {
        merchant = fundedMerchant("10.00", Map.of());
        TestGateway.Answer payin = gateway.signed("/v1/paypro/payin", merchant.merchantNo(), merchant.secret(),
                Map.of("tradeNo", tradeNo(), "amount", "150.00", "name", "Maria Souza", "identityType", "CPF",
                        "userIdentity", "12345678909", "notifyUrl", "https://merchant.example/notify",
                        "remark", "admin hostile"));
        assertThat(payin.code()).as(payin.body()).isEqualTo("0000");
        platformNo = payin.json().get("data").get("platFormTradeNo").asText();
    }

    @AfterAll
    static void print_count() {
        System.out.println("AdminHostileIT: " + totalSent + " hostile requests sent");
    }

    /** Every operator call: method and path. The settlement run is excluded from bodies that would be valid. */
    private List<String[]> calls() {
        String no = merchant.merchantNo();
        return List.of(new String[] {"POST", "/admin/v1/merchants"},
                new String[] {"GET", "/admin/v1/merchants/" + no},
                new String[] {"POST", "/admin/v1/merchants/" + no + "/adjustments"},
                new String[] {"GET", "/admin/v1/trades/" + platformNo},
                new String[] {"POST", "/admin/v1/trades/" + platformNo + "/notify"},
                new String[] {"GET", "/admin/v1/ledger/check"},
                new String[] {"POST", "/admin/v1/settlement/run"},
                new String[] {"POST", "/sandbox/v1/trades/" + platformNo + "/complete"});
    }

    private HostileHttp.Raw send(String label, String method, String path, String token, String contentType,
                                 byte[] body, Set<Integer> allowed) {
        Map<String, String> headers = token == null ? Map.of() : Map.of("Authorization", token);
        HostileHttp.Raw answer = http.send(method, path, contentType, headers, body);
        sent++;
        totalSent++;
        String problem = HostileHttp.adminErrorProblem(answer, allowed);
        if (problem != null) {
            violations.add(HostileHttp.describe(label + " " + method + " " + path, answer, problem));
        }
        return answer;
    }

    private String bearer() {
        return "Bearer " + gateway.app().adminToken();
    }

    private void assertNoViolationsAndNothingWritten(Map<String, Long> before) {
        System.out.println("AdminHostileIT: " + sent + " requests in this test");
        assertThat(violations).as("answers breaking the operator error contract").isEmpty();
        assertThat(gateway.snapshot()).as("database after the corpus").isEqualTo(before);
    }

    @Test
    void every_call_without_the_token_or_with_a_wrong_one_is_401_and_changes_nothing() {
        Map<String, Long> before = HostileHttp.quietSnapshot(gateway);
        String token = gateway.app().adminToken();
        List<String> wrongTokens = new ArrayList<>(List.of("", "Bearer", "Bearer ", "Bearer x",
                "Bearer " + token + "x", "Bearer " + token.substring(1), "Basic " + token, token,
                "Bearer ' OR 1=1 --", "bearer  " + token.toUpperCase(), "Bearer " + "a".repeat(4_000)));
        if (token.toUpperCase().equals(token)) {
            wrongTokens.remove("bearer  " + token.toUpperCase());
        }
        for (String[] call : calls()) {
            String body = call[0].equals("POST") ? "{\"amount\":\"1\",\"reason\":\"x\",\"status\":\"0000\"}" : null;
            byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
            HostileHttp.Raw missing = send("no token", call[0], call[1], null, "application/json", bytes,
                    Set.of(401));
            expectStatus(401, "no token " + call[1], missing);
            for (String wrong : wrongTokens) {
                HostileHttp.Raw answer = send("token '" + abbreviate(wrong) + "'", call[0], call[1],
                        wrong.isEmpty() ? " " : wrong, "application/json", bytes, Set.of(401));
                expectStatus(401, "token '" + abbreviate(wrong) + "' " + call[1], answer);
            }
        }
        assertNoViolationsAndNothingWritten(before);
    }

    @Test
    void bad_bodies_on_every_call_that_takes_one_are_a_4xx_error_and_change_nothing() {
        Map<String, Long> before = HostileHttp.quietSnapshot(gateway);
        for (String[] call : calls()) {
            if (!call[0].equals("POST") || call[1].endsWith("/notify")) {
                continue;
            }
            for (String body : BAD_BODIES) {
                send("body " + abbreviate(body), call[0], call[1], bearer(), "application/json",
                        body.getBytes(StandardCharsets.UTF_8), CLIENT_ERRORS);
            }
            send("invalid UTF-8", call[0], call[1], bearer(), "application/json",
                    new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xff, '"', '}'}, CLIENT_ERRORS);
            send("lone surrogate", call[0], call[1], bearer(), "application/json",
                    "{\"name\":\"\\ud800\",\"reason\":\"\\ud800\",\"amount\":\"1\",\"status\":\"\\ud800\"}"
                            .getBytes(StandardCharsets.UTF_8), CLIENT_ERRORS);
            send("10 MB body", call[0], call[1], bearer(), "application/json",
                    ("{\"name\":\"" + "n".repeat(10 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8),
                    CLIENT_ERRORS);
            send("form body", call[0], call[1], bearer(), "application/x-www-form-urlencoded",
                    "name=x&country=BR&amount=1&reason=x".getBytes(StandardCharsets.UTF_8), CLIENT_ERRORS);
        }
        assertNoViolationsAndNothingWritten(before);
    }

    @Test
    void hostile_path_parameters_are_a_404_error_and_change_nothing() {
        Map<String, Long> before = HostileHttp.quietSnapshot(gateway);
        for (String param : HOSTILE_PATH_PARAMS) {
            for (String[] call : List.of(new String[] {"GET", "/admin/v1/merchants/%s"},
                    new String[] {"POST", "/admin/v1/merchants/%s/adjustments"},
                    new String[] {"GET", "/admin/v1/trades/%s"},
                    new String[] {"POST", "/admin/v1/trades/%s/notify"},
                    new String[] {"POST", "/sandbox/v1/trades/%s/complete"})) {
                String path = call[1].replace("%s", param);
                byte[] body = call[0].equals("POST") ? "{\"amount\":\"1\",\"reason\":\"x\"}"
                        .getBytes(StandardCharsets.UTF_8) : null;
                if (call[1].contains("complete")) {
                    body = "{\"status\":\"0000\"}".getBytes(StandardCharsets.UTF_8);
                }
                send("path param " + abbreviate(param), call[0], path, bearer(), "application/json", body,
                        Set.of(400, 404, 405));
            }
        }
        String encoded = URLEncoder.encode("../" + merchant.merchantNo(), StandardCharsets.UTF_8);
        send("encoded ../merchantNo", "GET", "/admin/v1/merchants/" + encoded, bearer(), null, null,
                Set.of(400, 404));
        assertNoViolationsAndNothingWritten(before);
    }

    @Test
    void a_settlement_date_beyond_the_database_range_is_a_400() {
        for (String asOf : List.of("+1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
                "+300000-01-01T00:00:00Z")) {
            HostileHttp.Raw answer = send("asOf " + asOf, "POST", "/admin/v1/settlement/run", bearer(),
                    "application/json", ("{\"asOf\":\"" + asOf + "\"}").getBytes(StandardCharsets.UTF_8),
                    Set.of(400));
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        }
    }

    private void expectStatus(int status, String label, HostileHttp.Raw answer) {
        if (answer.status() != status) {
            violations.add(label + ": expected " + status + ", got " + answer.status());
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "...(" + text.length() + " chars)" : text;
    }
}
