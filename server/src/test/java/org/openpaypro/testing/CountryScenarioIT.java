package org.openpaypro.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openpaypro.sdk.ApiResult;
import org.openpaypro.sdk.Country;
import org.openpaypro.sdk.Notification;
import org.openpaypro.sdk.NotifyVerifier;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Base of the per-country end-to-end tests: merchants of a country, SDK clients speaking its flavour (through the
 * country base path or the bare family path), a real callback receiver, sandbox completion, settlement, and the
 * ledger check after every test (from {@link ScenarioIT}).
 */
public abstract class CountryScenarioIT extends ScenarioIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** A value in {@link Case#changes()} that removes the field (for changes written with {@code Map.of}). */
    protected static final Object ABSENT = new Object();
    protected static CallbackReceiver receiver;

    /**
     * One request variant of a parameterized test: the valid body (of {@code endpoint}, when the test serves more
     * than one) with {@code changes} applied, see {@link #apply}; {@code msg} is the expected refusal (or, for
     * variants that must be accepted, whatever the test makes of it). Shown as {@code name}, or as
     * {@code endpoint: name} when it names an endpoint.
     */
    public record Case(String name, String endpoint, Map<String, ?> changes, String msg) {
        public Case(String name, Map<String, ?> changes, String msg) {
            this(name, null, changes, msg);
        }

        @Override
        public String toString() {
            return endpoint == null ? name : endpoint + ": " + name;
        }
    }

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new CallbackReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    /** A merchant of {@code country}, funded with {@code available} (null: not funded), with these fees. */
    protected TestMerchant merchant(Country country, String available, Map<String, String> fees) {
        Map<String, String> body = new HashMap<>(fees);
        body.put("name", "Merchant " + country.code());
        body.put("country", country.code());
        TestMerchant merchant = gateway.createMerchant(body);
        if (available != null) {
            Funding.fund(gateway::admin, merchant.merchantNo(), available);
        }
        return merchant;
    }

    /** Through the country base path ({@code /kenya-pay/api/...}). */
    protected PayProClient client(Country country, TestMerchant merchant) {
        return PayProClient.builder().baseUrl(gateway.baseUrl()).country(country).basePath(country.basePath())
                .merchantNo(merchant.merchantNo()).secretKey(merchant.secret()).build();
    }

    /** Through the bare family path ({@code /api/...}), resolved by the merchant's country. */
    protected PayProClient bareClient(Country country, TestMerchant merchant) {
        return PayProClient.builder().baseUrl(gateway.baseUrl()).country(country)
                .merchantNo(merchant.merchantNo()).secretKey(merchant.secret()).build();
    }

    /** A fresh receiver URL for one test. */
    protected static String notifyUrl(String name) {
        return receiver.url("/" + name + "-" + System.nanoTime());
    }

    /**
     * The one callback that arrives at {@code url}: waits up to 10 s for it, then until its trade's notifications
     * are final ({@link Deliveries}), after which no second one can come, and checks none did.
     */
    protected JsonNode awaitCallback(String url) throws IOException {
        String path = URI.create(url).getPath();
        CallbackReceiver.Received first = Await.until("a callback at " + url, Duration.ofSeconds(10),
                () -> receiver.received(path), list -> !list.isEmpty()).get(0);
        String platformTradeNo = JSON.readTree(first.body()).path("platFormTradeNo").asText();
        List<CallbackReceiver.Received> received = Deliveries.finished(gateway::admin, receiver, path,
                List.of(platformTradeNo), Duration.ofSeconds(10));
        assertThat(received).as("callbacks at " + path).hasSize(1);
        return JSON.readTree(received.get(0).body());
    }

    /** Settles everything due within the next ten days (T+N at local midnight). */
    protected void settleAll() {
        assertThat(gateway.admin("POST", "/admin/v1/settlement/run",
                Map.of("asOf", Instant.now().plus(Duration.ofDays(10)).toString())).status()).isEqualTo(200);
    }

    /** Asserts a refusal with exactly {@code msg}, and (with {@code before}) that nothing was written. */
    protected void assertRejected(ApiResult<?> result, String msg, Map<String, Long> before) {
        assertThat(result.code()).as(result.msg()).isEqualTo("8000");
        assertThat(result.success()).isFalse();
        assertThat(result.data()).isNull();
        assertThat(result.msg()).isEqualTo(msg);
        if (before != null) {
            assertThat(gateway.snapshot()).isEqualTo(before);
        }
    }

    /**
     * Asserts that {@code validBody} with {@code rule}'s changes is refused on {@code endpoint} with exactly
     * {@code rule.msg()}, and that nothing was written.
     */
    protected void assertRefused(PayProClient client, String endpoint, Map<String, ?> validBody, Case rule) {
        Map<String, Long> before = gateway.snapshot();
        assertRejected(client.call(endpoint, apply(validBody, rule.changes())), rule.msg(), before);
    }

    /**
     * Posts {@code body} signed by {@code merchant} to {@code path} (raw, values keep their JSON types) and asserts a
     * refusal with exactly {@code msg}, {@code data} null, and nothing written.
     */
    protected void assertSignedRejected(String path, TestMerchant merchant, Map<String, ?> body, String msg) {
        Map<String, Long> before = gateway.snapshot();
        TestGateway.Answer answer = gateway.signed(path, merchant.merchantNo(), merchant.secret(), body);
        assertThat(answer.code()).as(answer.body()).isEqualTo("8000");
        assertThat(answer.msg()).isEqualTo(msg);
        assertThat(answer.json().get("data").isNull()).isTrue();
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    /** Asserts a raw answer accepted ({@code 0000}) with a trade in processing ({@code 0015}). */
    protected static void assertAccepted(TestGateway.Answer answer) {
        assertThat(answer.code()).as(answer.body()).isEqualTo("0000");
        assertThat(answer.json().at("/data/status").asText()).isEqualTo("0015");
    }

    /** Asserts {@code localTime} ({@code yyyy-MM-dd HH:mm:ss}) is within two minutes of now in {@code zone}. */
    protected static void assertLocalNow(String localTime, ZoneId zone) {
        LocalDateTime time = LocalDateTime.parse(localTime, LOCAL_TIME);
        LocalDateTime now = LocalDateTime.now(zone);
        assertThat(Duration.between(time, now).abs()).isLessThan(Duration.ofMinutes(2));
    }

    /** The raw body of the one callback that arrives at {@code url} (see {@link #awaitCallback}). */
    protected String callbackBody(String url) throws IOException {
        awaitCallback(url);
        return receiver.received(URI.create(url).getPath()).get(0).body();
    }

    /** The one callback at {@code url}, its signature verified with {@code merchant}'s secret. */
    protected Notification verifiedCallback(String url, TestMerchant merchant) throws IOException {
        return new NotifyVerifier(merchant.secret()).verify(callbackBody(url).getBytes(StandardCharsets.UTF_8));
    }

    /** Like {@link #verifiedCallback}, and first asserts that every field of the callback is a JSON string. */
    protected Notification verifiedTextualCallback(String url, TestMerchant merchant) throws IOException {
        String raw = callbackBody(url);
        JSON.readTree(raw).fields().forEachRemaining(field ->
                assertThat(field.getValue().isTextual()).as(field.getKey()).isTrue());
        return new NotifyVerifier(merchant.secret()).verify(raw.getBytes(StandardCharsets.UTF_8));
    }

    protected static String tradeNo(String prefix) {
        return prefix + System.nanoTime();
    }

    /** Changes as field/value pairs ({@code changes("a", "1", "b", null)}); a null value removes the field. */
    protected static Map<String, String> changes(String... pairs) {
        Map<String, String> changes = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            changes.put(pairs[i], pairs[i + 1]);
        }
        return changes;
    }

    /** A copy of {@code base} (in its order) with {@code changes} applied: null or {@link #ABSENT} removes a field. */
    protected static Map<String, Object> apply(Map<String, ?> base, Map<String, ?> changes) {
        Map<String, Object> body = new LinkedHashMap<>(base);
        changes.forEach((field, value) -> {
            if (value == null || value == ABSENT) {
                body.remove(field);
            } else {
                body.put(field, value);
            }
        });
        return body;
    }

    /** The body without {@code field}, refused with {@code missing field: <field>}. */
    protected static Case missing(String field) {
        return new Case("missing " + field, changes(field, null), "missing field: " + field);
    }

    /** Like {@link #missing(String)}, on {@code endpoint}. */
    protected static Case missing(String endpoint, String field) {
        return new Case("missing " + field, endpoint, Map.of(field, ABSENT), "missing field: " + field);
    }

    /** The body with {@code field} set to {@code value}, refused with {@code msg}. */
    protected static Case invalid(String name, String field, String value, String msg) {
        return new Case(name, changes(field, value), msg);
    }

    /** The body with {@code changes}, refused with {@code msg}. */
    protected static Case invalid(String name, Map<String, ?> changes, String msg) {
        return new Case(name, changes, msg);
    }

    /** On {@code endpoint}, the body with {@code field} set to {@code value} (named after both), refused with msg. */
    protected static Case invalidValue(String endpoint, String field, Object value, String msg) {
        return new Case(field + " " + value, endpoint, Map.of(field, value), msg);
    }
}
