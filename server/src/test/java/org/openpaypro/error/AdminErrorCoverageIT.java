package org.openpaypro.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Every entry of the operator error catalogue ({@link AdminError}) is produced by one real call here, answered with
 * exactly its status and {@code {"error": message}} and nothing else; a new entry without a case fails
 * {@link #every_entry_has_a_case}. The shared sandbox gateway serves most; a live gateway with an adjustment approval
 * limit and a low failed-authentication limit serves the live notifyUrl rule, the four-eyes rule and the throttle.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminErrorCoverageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIMIT = "1000.00";

    private final TestGateway gateway = TestGateway.get();
    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<AdminError, Supplier<Produced>> cases = new EnumMap<>(AdminError.class);
    private TestGateway live;

    /** What one call got, and the message its entry must have said. */
    record Produced(Answer answer, String error) {
    }

    /** An operator with one personal token. */
    record Operator(String email, String token) {
    }

    @BeforeAll
    void start_the_live_gateway_and_write_the_table() {
        live = TestGateway.startNew(Map.of("OPENPAYPRO_MODE", "live",
                "OPENPAYPRO_MASTER_KEY", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                "OPENPAYPRO_ADJUSTMENT_APPROVAL_LIMIT", LIMIT, "OPENPAYPRO_ADMIN_AUTH_FAILURES_PER_MINUTE", "3"));
        authentication();
        bodies();
        merchants();
        adjustments();
        trades();
        operators();
        channels();
    }

    @AfterAll
    void stop_the_live_gateway() {
        live.close();
    }

    @Test
    void every_entry_has_a_case() {
        assertThat(Arrays.stream(AdminError.values()).filter(error -> !cases.containsKey(error)))
                .as("entries without a call that produces them").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminError.class)
    void each_entry_is_answered_with_exactly_its_status_and_message(AdminError error) {
        Produced produced = cases.get(error).get();
        Answer answer = produced.answer();
        assertThat(answer.status()).as(answer.body()).isEqualTo(error.status());
        assertThat(answer.json()).as(answer.body()).isNotNull();
        assertThat(answer.json().size()).as(answer.body()).isEqualTo(1);
        assertThat(answer.json().get("error").asText()).isEqualTo(produced.error());
        assertThat(produced.error()).as("the case's message is one of " + error)
                .matches(pattern(error.template().replace("%%", "%")));
    }

    // ---- the table, by topic -----------------------------------------------------------------------------------

    private void authentication() {
        on(AdminError.UNAUTHENTICATED, () -> gateway.admin("GET", "/admin/v1/ledger/check", null, "wrong"),
                "missing or wrong bearer token");
        cases.put(AdminError.AUTH_THROTTLED, () -> {
            Raw last = null;
            for (int i = 0; i < 4; i++) {
                last = callFrom("127.0.0.77", "GET", "/admin/v1/ledger/check", "wrong");
            }
            Matcher retry = Pattern.compile("(?im)^Retry-After: *([0-9]+)").matcher(last.head());
            assertThat(retry.find()).as(last.head()).isTrue();
            return new Produced(last.answer(), "too many failed authentication attempts from 127.0.0.77: retry in "
                    + retry.group(1) + " s");
        });
        Operator support = operator(gateway, "SUPPORT");
        on(AdminError.ROLE_FORBIDDEN, () -> gateway.admin("POST", "/admin/v1/settlement/run", Map.of(),
                support.token()), "role SUPPORT may not call POST /admin/v1/settlement/run (allowed: [ADMIN, FINANCE, "
                + "OWNER])");
    }

    private void bodies() {
        String create = "/admin/v1/merchants";
        on(AdminError.UNSUPPORTED_CHARSET, () -> raw("POST", create, "application/json; charset=iso-8859-1",
                "{}"), "Content-Type charset must be utf-8");
        on(AdminError.BODY_NOT_UTF8, () -> raw("POST", create, "application/json", "\uFEFF{}"),
                AdminError.BODY_NOT_UTF8.template());
        on(AdminError.BODY_NOT_JSON, () -> gateway.admin("POST", create, "{"), "body is not valid JSON");
        on(AdminError.BODY_NOT_OBJECT, () -> gateway.admin("POST", create, "[1]"), "body must be a JSON object");
        on(AdminError.UNKNOWN_FIELD, () -> gateway.admin("POST", create, Map.of("name", "x", "colour", "red")),
                "unknown field: colour (allowed: country, name, notifyUrl, payinFeeFixed, payinFeeRate, "
                        + "payoutFeeFixed, payoutFeeRate)");
        on(AdminError.MISSING_FIELD, () -> gateway.admin("POST", create, Map.of("country", "BR")),
                "missing field: name");
        on(AdminError.TEXT_MALFORMED, () -> gateway.admin("POST", create, Map.of("name", "a\u0007b",
                "country", "BR")), "name must be a string of 1-128 characters without control characters or "
                + "unpaired surrogates");
        on(AdminError.RATE_MALFORMED, () -> gateway.admin("POST", create, Map.of("name", "x", "country", "BR",
                "payinFeeRate", "1.5")), "payinFeeRate must be a decimal rate from 0 to 1 with at most 6 decimals, "
                + "e.g. \"0.015\" for 1.5%");
        TestMerchant merchant = gateway.createMerchant();
        String adjust = "/admin/v1/merchants/" + merchant.merchantNo() + "/adjustments";
        on(AdminError.VALUE_NOT_A_NUMBER, () -> gateway.admin("POST", adjust, Map.of("amount", "1e3",
                "reason", "x")), "amount: value must be a plain decimal number");
        on(AdminError.VALUE_TOO_MANY_DECIMALS, () -> gateway.admin("POST", adjust, Map.of("amount", "1.00001",
                "reason", "x")), "amount: value has more than 4 decimals");
        on(AdminError.VALUE_TOO_LARGE, () -> gateway.admin("POST", adjust, Map.of("amount", "9".repeat(20),
                "reason", "x")), "amount: value is too large");
        String rotate = "/admin/v1/merchants/" + merchant.merchantNo() + "/secret/rotate";
        on(AdminError.WHOLE_NUMBER_OUT_OF_RANGE, () -> gateway.admin("POST", rotate, Map.of("graceHours", 169)),
                "graceHours must be a whole number from 0 to 168");
        String allowList = "/admin/v1/merchants/" + merchant.merchantNo() + "/ip-allowlist";
        on(AdminError.TEXTS_NOT_AN_ARRAY, () -> gateway.admin("PUT", allowList, Map.of("cidrs", "10.0.0.0/8")),
                "cidrs must be an array of at most 100 strings");
        on(AdminError.TEXTS_ITEM_MALFORMED, () -> gateway.admin("PUT", allowList, Map.of("cidrs", List.of(""))),
                "cidrs must hold strings of 1-64 characters");
        on(AdminError.CIDR_MALFORMED, () -> gateway.admin("PUT", allowList, Map.of("cidrs",
                List.of("10.0.0.0/33"))), "not an IPv4/IPv6 CIDR: 10.0.0.0/33 (e.g. 203.0.113.0/24 or 2001:db8::/32)");
    }

    private void merchants() {
        String create = "/admin/v1/merchants";
        on(AdminError.UNKNOWN_COUNTRY, () -> gateway.admin("POST", create, Map.of("name", "x", "country", "XX")),
                "country must be one of BR, ID, PK, PH, IN, KE, EG, MX, BD, NG, VN");
        on(AdminError.NOTIFY_URL_MALFORMED, () -> gateway.admin("POST", create, Map.of("name", "x", "country", "BR",
                "notifyUrl", "ftp://x")), "notifyUrl must be an http(s) URL with a host");
        on(AdminError.NOTIFY_URL_FORBIDDEN, () -> live.admin("POST", create, Map.of("name", "x", "country", "BR",
                "notifyUrl", "http://127.0.0.1/notify")), AdminError.NOTIFY_URL_FORBIDDEN.template());
        on(AdminError.FEE_ABOVE_MAX, () -> gateway.admin("POST", create, Map.of("name", "x", "country", "BR",
                "payinFeeFixed", "1000000.01")), "payinFeeFixed must be at most 1000000, the largest amount of a BR "
                + "trade");
        on(AdminError.MERCHANT_NOT_FOUND, () -> gateway.admin("GET", "/admin/v1/merchants/123", null),
                "no merchant 123");
        TestMerchant merchant = gateway.createMerchant();
        String path = "/admin/v1/merchants/" + merchant.merchantNo();
        on(AdminError.NOTHING_TO_CHANGE, () -> gateway.admin("PATCH", path, Map.of()), "nothing to change: send at "
                + "least one of notifyUrl, payinFeeFixed, payinFeeRate, payoutFeeFixed, payoutFeeRate, "
                + "signatureScheme, status");
        on(AdminError.MERCHANT_STATUS_UNKNOWN, () -> gateway.admin("PATCH", path, Map.of("status", "PAUSED")),
                "status must be ACTIVE or DISABLED");
        on(AdminError.SIGNATURE_SCHEME_UNKNOWN, () -> gateway.admin("PATCH", path, Map.of("signatureScheme",
                "SHA1")), "signatureScheme must be MD5 or HMAC_SHA256");
        on(AdminError.MERCHANT_ROLE_UNKNOWN, () -> gateway.admin("POST", path + "/users", Map.of("email",
                "dev@example.com", "role", "GOD")), "role must be one of OWNER, DEVELOPER, VIEWER");
        on(AdminError.MERCHANT_USER_EMAIL_MALFORMED, () -> gateway.admin("POST", path + "/users", Map.of("email",
                "nobody", "role", "VIEWER")), "email must look like name@example.com");
        on(AdminError.MERCHANT_USER_EXISTS, () -> {
            gateway.admin("POST", path + "/users", Map.of("email", "Twice@Example.com", "role", "VIEWER"));
            return gateway.admin("POST", path + "/users", Map.of("email", "Twice@Example.com", "role", "VIEWER"));
        }, "a merchant user with email twice@example.com already exists");
    }

    private void adjustments() {
        TestMerchant merchant = gateway.createMerchant();
        String adjust = "/admin/v1/merchants/" + merchant.merchantNo() + "/adjustments";
        on(AdminError.ADJUSTMENT_ZERO, () -> gateway.admin("POST", adjust, Map.of("amount", "0", "reason", "x")),
                "amount must not be 0");
        on(AdminError.ADJUSTMENT_TOO_LARGE, () -> gateway.admin("POST", adjust, Map.of("amount",
                "1000000000000.0001", "reason", "x")), "amount must be at most 1000000000000 either way (the limit "
                + "of one adjustment)");
        on(AdminError.ADJUSTMENT_INSUFFICIENT_BALANCE, () -> gateway.admin("POST", adjust, Map.of("amount", "-1",
                "reason", "x")), "insufficient available balance for a debit of 1.0000");
        on(AdminError.ADJUSTMENT_STATUS_UNKNOWN, () -> gateway.admin("GET", "/admin/v1/adjustments?status=NOPE",
                null), "status must be PENDING_APPROVAL, APPLIED or REJECTED");
        on(AdminError.ADJUSTMENT_NOT_FOUND, () -> gateway.admin("POST", "/admin/v1/adjustments/999999999/approve",
                Map.of()), "no adjustment request 999999999");
        Operator finance = operator(live, "FINANCE");
        TestMerchant liveMerchant = live.createMerchant(Map.of("name", "Four eyes", "country", "BR"));
        String liveAdjust = "/admin/v1/merchants/" + liveMerchant.merchantNo() + "/adjustments";
        cases.put(AdminError.ADJUSTMENT_OWN_REQUEST, () -> {
            long id = pending(liveAdjust, "2000.00", finance);
            return new Produced(live.admin("POST", "/admin/v1/adjustments/" + id + "/approve", Map.of(),
                    finance.token()), "adjustment request " + id + " was requested by " + finance.email()
                    + ": a second operator must approve it");
        });
        cases.put(AdminError.ADJUSTMENT_FINISHED, () -> {
            long id = pending(liveAdjust, "2000.00", finance);
            assertThat(live.admin("POST", "/admin/v1/adjustments/" + id + "/approve", Map.of()).status())
                    .isEqualTo(200);
            return new Produced(live.admin("POST", "/admin/v1/adjustments/" + id + "/approve", Map.of()),
                    "adjustment request " + id + " is already APPLIED: nothing moved");
        });
        TestMerchant empty = live.createMerchant(Map.of("name", "Empty", "country", "BR"));
        cases.put(AdminError.APPROVAL_INSUFFICIENT_BALANCE, () -> {
            long id = pending("/admin/v1/merchants/" + empty.merchantNo() + "/adjustments", "-2000.00", finance);
            return new Produced(live.admin("POST", "/admin/v1/adjustments/" + id + "/approve", Map.of()),
                    "insufficient available balance for a debit of 2000.0000: request " + id + " stays pending");
        });
        on(AdminError.BALANCE_LIMIT, this::overflow, "the AVAILABLE balance would exceed the largest amount the "
                + "ledger holds (922337203685477.5807)");
    }

    private void trades() {
        on(AdminError.TRADE_NOT_FOUND, () -> gateway.admin("GET", "/admin/v1/trades/nope", null), "no trade nope");
        on(AdminError.TRADE_STILL_PROCESSING, () -> {
            String trade = payin("BR", "/v1/paypro/payin", "100.00");
            return gateway.admin("POST", "/admin/v1/trades/" + trade + "/notify", null);
        }, "trade %s is still processing: nothing to notify");
        on(AdminError.RESULT_NOT_FINAL, () -> complete(payin("BR", "/v1/paypro/payin", "100.00"),
                Map.of("status", "0015")), "status must be 0000 (success), 00029 (failed) or 0001 (partial pay-in)");
        on(AdminError.PARTIAL_NOT_AVAILABLE, () -> complete(payin("BR", "/v1/paypro/payin", "100.00"),
                Map.of("status", "0001", "paidAmount", "1")), "partial payment (0001) exists only for pay-ins of "
                + "countries that have it (ID, MX), not for this BR PAYIN");
        on(AdminError.PARTIAL_NOT_BELOW_AMOUNT, () -> complete(payin("ID", "/v1/paypro/payIn", "10000"),
                Map.of("status", "0001", "paidAmount", "10000")), "a partial payment needs a paidAmount below the "
                + "trade amount");
        on(AdminError.PAID_AMOUNT_NOT_POSITIVE, () -> complete(payin("ID", "/v1/paypro/payIn", "10000"),
                Map.of("status", "0001", "paidAmount", "0")), "paid amount must be positive and at most the trade "
                + "amount");
        on(AdminError.AS_OF_MALFORMED, () -> gateway.admin("POST", "/admin/v1/settlement/run", Map.of("asOf",
                "yesterday")), "asOf must be an ISO-8601 instant from 1970 to 9999 such as 2026-11-29T03:00:00Z");
        on(AdminError.DOCS_ASSET_NOT_FOUND, () -> gateway.get("/docs/assets/nope.js"), "no such asset: nope.js");
    }

    private void operators() {
        String operators = "/admin/v1/operators";
        on(AdminError.OPERATOR_EMAIL_MALFORMED, () -> gateway.admin("POST", operators, Map.of("email", "nobody",
                "role", "SUPPORT")), "email must be an address such as ops@example.com (at most 254 characters)");
        on(AdminError.OPERATOR_ROLE_UNKNOWN, () -> gateway.admin("POST", operators, Map.of("email",
                "god@example.com", "role", "GOD")), "role must be one of OWNER, ADMIN, FINANCE, SUPPORT");
        String twice = "twice" + System.nanoTime() + "@example.com";
        on(AdminError.OPERATOR_EXISTS, () -> {
            gateway.admin("POST", operators, Map.of("email", twice, "role", "SUPPORT"));
            return gateway.admin("POST", operators, Map.of("email", twice, "role", "SUPPORT"));
        }, "operator " + twice + " exists already");
        on(AdminError.OPERATOR_NOT_FOUND, () -> gateway.admin("GET", operators + "/nobody@example.com/tokens", null),
                "no operator nobody@example.com");
        Operator support = operator(gateway, "SUPPORT");
        String tokens = operators + "/" + support.email() + "/tokens";
        on(AdminError.TOKEN_NAME_MALFORMED, () -> gateway.admin("POST", tokens, Map.of("name", "a b")),
                "name must be 1-64 characters of A-Z a-z 0-9 . _ -");
        on(AdminError.TOKEN_EXISTS, () -> {
            gateway.admin("POST", tokens, Map.of("name", "twice"));
            return gateway.admin("POST", tokens, Map.of("name", "twice"));
        }, "operator " + support.email() + " has a live token named twice already");
        on(AdminError.TOKEN_NOT_FOUND, () -> gateway.admin("DELETE", tokens + "/none", null),
                "operator " + support.email() + " has no live token named none");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private void channels() {
        String create = "/admin/v1/channels";
        Map<String, Object> valid = Map.of("name", "cov-dup", "type", "SIMULATOR", "countries", List.of("BR"),
                "operations", List.of("PAYIN"));
        on(AdminError.CHANNEL_NAME_MALFORMED, () -> gateway.admin("POST", create, with(valid, "name", "Bad!")),
                AdminError.CHANNEL_NAME_MALFORMED.template());
        on(AdminError.CHANNEL_TYPE_UNKNOWN, () -> gateway.admin("POST", create, with(valid, "type", "NOPE")),
                "type must be one of [MPESA_DARAJA, PIX_BCB, SIMULATOR]");
        on(AdminError.CHANNEL_EXISTS, () -> {
            gateway.admin("POST", create, valid);
            return gateway.admin("POST", create, valid);
        }, "channel cov-dup exists already");
        on(AdminError.CHANNEL_NOT_FOUND, () -> gateway.admin("GET", create + "/nope", null), "no channel nope");
        on(AdminError.CHANNEL_TYPE_NOT_OFFERED, () -> {
            // a simulator channel left in the database of a gateway now running in live mode
            live.app().database().jdbi().useHandle(handle -> handle.execute("INSERT INTO channel (name, type, "
                    + "countries, operations, webhook_token) VALUES ('cov-sim', 'SIMULATOR', '{BR}', '{PAYIN}', "
                    + "'covsimtoken0123456789') ON CONFLICT DO NOTHING"));
            return live.admin("PATCH", create + "/cov-sim", Map.of("status", "DISABLED"));
        }, "channel cov-sim is of type SIMULATOR, which this mode does not offer");
        String route = "/admin/v1/routing/BR/PAYIN";
        on(AdminError.CHANNEL_OPERATION_UNKNOWN, () -> gateway.admin("PUT", "/admin/v1/routing/BR/REFUND",
                Map.of("channels", List.of())), "operation must be PAYIN or PAYOUT, not REFUND");
        on(AdminError.ROUTE_COUNTRY_UNKNOWN, () -> gateway.admin("PUT", "/admin/v1/routing/XX/PAYIN",
                Map.of("channels", List.of())), "no country XX");
        on(AdminError.ROUTE_CHANNEL_TWICE, () -> gateway.admin("PUT", route, Map.of("channels", List.of(
                Map.of("name", "simulator", "weight", 1), Map.of("name", "simulator", "weight", 1)))),
                "channel simulator appears twice in the route");
        on(AdminError.ROUTE_WEIGHT_OUT_OF_RANGE, () -> gateway.admin("PUT", route, Map.of("channels", List.of(
                Map.of("name", "simulator", "weight", 2_000_000)))), "weight of simulator must be 0 to 1000000");
        on(AdminError.ROUTE_CHANNEL_NOT_FOUND, () -> gateway.admin("PUT", route, Map.of("channels", List.of(
                Map.of("name", "nope", "weight", 1)))), "the route names no channel nope");
        on(AdminError.ROUTE_CHANNEL_NOT_SERVING, () -> {
            gateway.admin("POST", create, with(with(valid, "name", "cov-ke"), "countries", List.of("KE")));
            return gateway.admin("PUT", route, Map.of("channels", List.of(Map.of("name", "cov-ke", "weight", 1))));
        }, "channel cov-ke does not serve BR PAYIN (it serves [KE] [PAYIN])");
        on(AdminError.ROUTE_NOT_A_LIST, () -> gateway.admin("PUT", route, Map.of("channels", "simulator")),
                AdminError.ROUTE_NOT_A_LIST.template());
        on(AdminError.ROUTE_ENTRY_MALFORMED, () -> gateway.admin("PUT", route, Map.of("channels", List.of(
                Map.of("name", "simulator")))), AdminError.ROUTE_ENTRY_MALFORMED.template());
        cases.put(AdminError.WEBHOOK_NOT_REGISTERED, () -> {
            // nothing listens on port 1 of the loopback: the PSP cannot be reached, so it holds no webhook
            gateway.admin("POST", create, Map.of("name", "cov-pix", "type", "PIX_BCB", "countries", List.of("BR"),
                    "operations", List.of("PAYIN"), "config", Map.of("baseUrl", "http://127.0.0.1:1/v2",
                            "oauthUrl", "http://127.0.0.1:1/oauth/token", "pixKey", "pix@example.com"),
                    "credentials", Map.of("clientId", "id", "clientSecret", "secret")));
            Answer answer = gateway.admin("POST", create + "/cov-pix/register-webhook", Map.of());
            String error = answer.json() == null ? "" : answer.json().path("error").asText();
            assertThat(error).startsWith("the rail did not take the webhook URL: ");
            return new Produced(answer, error);
        });
        on(AdminError.CHANNEL_SETTING_UNKNOWN, () -> gateway.admin("POST", create, with(valid, "config",
                Map.of("colour", "red"))), "config.colour is not a setting of SIMULATOR");
        cases.put(AdminError.CHANNEL_SETTING_INVALID, () -> {
            Answer answer = gateway.admin("POST", create, with(valid, "config", Map.of("createOutcome", "MAYBE")));
            String error = answer.json() == null ? "" : answer.json().path("error").asText();
            assertThat(error).startsWith("channel setting config.createOutcome must be one of ");
            return new Produced(answer, error);
        });
        on(AdminError.CHANNEL_LIST_EMPTY, () -> gateway.admin("POST", create, with(valid, "countries", List.of())),
                "countries must be a non-empty list");
        cases.put(AdminError.CHANNEL_LIST_VALUE_UNKNOWN, () -> {
            Answer answer = gateway.admin("POST", create, with(valid, "countries", List.of("XX")));
            String error = answer.json() == null ? "" : answer.json().path("error").asText();
            assertThat(error).startsWith("countries may hold only [BD, BR, ").endsWith(", not XX");
            return new Produced(answer, error);
        });
        on(AdminError.CHANNEL_STATUS_UNKNOWN, () -> gateway.admin("PATCH", create + "/simulator",
                Map.of("status", "PAUSED")), "status must be ENABLED or DISABLED");
        on(AdminError.TEXT_REQUIRED, () -> gateway.admin("POST", create, Map.of("type", "SIMULATOR")),
                "name is required (text)");
        on(AdminError.TEXTS_REQUIRED, () -> gateway.admin("POST", create, with(valid, "countries", "BR")),
                "countries must be a list of text");
        on(AdminError.SETTINGS_NOT_AN_OBJECT, () -> gateway.admin("POST", create, with(valid, "config", "x")),
                "config must be an object");
        on(AdminError.SETTING_TOO_LONG, () -> gateway.admin("POST", create, with(valid, "config",
                Map.of("createOutcome", "A".repeat(32_769)))), "config.createOutcome is longer than 32768 characters");
        on(AdminError.SETTING_NOT_SCALAR, () -> gateway.admin("POST", create, with(valid, "config",
                Map.of("createOutcome", Map.of("a", 1)))), "config.createOutcome must be text, a number or a boolean");
        on(AdminError.TRADE_FILTER_INVALID, () -> gateway.admin("GET", "/admin/v1/trades?from=nope", null),
                "trade filter: from must be a date such as 2026-11-29");
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    private void on(AdminError error, Supplier<Answer> call, String message) {
        assertThat(cases).as("one case per entry").doesNotContainKey(error);
        cases.put(error, () -> {
            Answer answer = call.get();
            // "%s" in a case's message stands for the trade number the call itself created
            return new Produced(answer, message.contains("%s") ? String.format(message, tradeIn(answer)) : message);
        });
    }

    private static String tradeIn(Answer answer) {
        Matcher trade = Pattern.compile("[0-9a-z]{16}").matcher(answer.json().get("error").asText());
        return trade.find() ? trade.group() : "?";
    }

    private static Operator operator(TestGateway on, String role) {
        String email = role.toLowerCase(java.util.Locale.ROOT) + System.nanoTime() + "@example.com";
        assertThat(on.admin("POST", "/admin/v1/operators", Map.of("email", email, "role", role)).status())
                .isEqualTo(201);
        Answer token = on.admin("POST", "/admin/v1/operators/" + email + "/tokens", Map.of("name", "coverage"));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        return new Operator(email, token.json().get("token").asText());
    }

    /** An adjustment above the approval limit requested by {@code by}: its request id. */
    private long pending(String path, String amount, Operator by) {
        Answer answer = live.admin("POST", path, Map.of("amount", amount, "reason", "four eyes"), by.token());
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().get("id").asLong();
    }

    private String payin(String country, String path, String amount) {
        TestMerchant merchant = gateway.createMerchant(Map.of("name", "Coverage " + country, "country", country));
        Map<String, Object> body = org.openpaypro.countries.CountryExamples.create(country, "payin",
                "ADM" + TestGateway.uniqueTimestamp(), amount, "http://localhost:9/notify");
        Answer created = gateway.signed(path, merchant.merchantNo(), merchant.secret(), body);
        assertThat(created.code()).as(created.body()).isEqualTo("0000");
        return created.json().get("data").get("platFormTradeNo").asText();
    }

    private Answer complete(String platformTradeNo, Map<String, String> result) {
        return gateway.admin("POST", "/sandbox/v1/trades/" + platformTradeNo + "/complete", result);
    }

    /** Fills a merchant to one unit below the ledger's limit (adjustments of the largest size), then credits 2. */
    private Answer overflow() {
        TestMerchant full = gateway.createMerchant();
        String adjust = "/admin/v1/merchants/" + full.merchantNo() + "/adjustments";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Answer>> credits = new ArrayList<>();
            for (int i = 0; i < 922; i++) {
                credits.add(pool.submit(() -> gateway.admin("POST", adjust, Map.of("amount", "1000000000000",
                        "reason", "fill"))));
            }
            for (Future<Answer> credit : credits) {
                assertThat(credit.get().status()).isEqualTo(201);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
        assertThat(gateway.admin("POST", adjust, Map.of("amount", "337203685477.5806", "reason", "fill"))
                .status()).isEqualTo(201);
        return gateway.admin("POST", adjust, Map.of("amount", "0.0002", "reason", "one too many"));
    }

    private Answer raw(String method, String path, String contentType, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                    .method(method, HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", contentType)
                    .header("Authorization", "Bearer " + gateway.app().adminToken()).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer read off the wire, with its header block. */
    record Raw(String head, Answer answer) {
    }

    /** A bodiless HTTP/1.0 call to the live gateway from the local address {@code source} (the throttle's key). */
    private Raw callFrom(String source, String method, String path, String token) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), live.app().port()), 5_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write((method + " " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: 0\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String body = response.substring(split + 4);
            int status = Integer.parseInt(response.split(" ")[1]);
            return new Raw(response.substring(0, split), new Answer(status, JSON.readTree(body), body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template as a regular expression: each {@code %s} any non-empty text. */
    private static Pattern pattern(String template) {
        String[] parts = template.split("%s", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            regex.append(Pattern.quote(parts[i]));
            if (i < parts.length - 1) {
                regex.append(".+");
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
