package org.openpaypro.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * The operator side of channels and routing (DESIGN §13): settings validated and refused naming the field, secrets
 * sealed at rest and never answered, routes checked, disabled channels skipped, merchant overrides, health on the
 * API and in /metrics.
 */
class ChannelsAdminIT {
    private static final TestGateway gateway = TestGateway.get();

    private static Answer createChannel(Map<String, Object> body) {
        return gateway.admin("POST", "/admin/v1/channels", body);
    }

    private static Map<String, Object> simulator(String name, Map<String, Object> config) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", name, "type", "SIMULATOR", "countries",
                List.of("BR"), "operations", List.of("PAYIN", "PAYOUT")));
        body.put("config", config);
        return body;
    }

    private static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    @Test
    void a_bad_setting_is_refused_with_400_naming_the_field_and_nothing_is_stored() {
        String name = unique("bad");
        Map<Map<String, Object>, String> cases = new LinkedHashMap<>();
        cases.put(simulator(name, Map.of("createOutcome", "MAYBE")), "config.createOutcome");
        cases.put(simulator(name, Map.of("colour", "blue")), "config.colour");
        Map<String, Object> credential = simulator(name, Map.of());
        credential.put("credentials", Map.of("password", "x"));
        cases.put(credential, "credentials.password");
        Map<String, Object> shortSecret = simulator(name, Map.of());
        shortSecret.put("credentials", Map.of("webhookSecret", "short"));
        cases.put(shortSecret, "credentials.webhookSecret");
        Map<String, Object> type = simulator(name, Map.of());
        type.put("type", "PAYPAL");
        cases.put(type, "type must be one of");
        Map<String, Object> country = simulator(name, Map.of());
        country.put("countries", List.of("XX"));
        cases.put(country, "countries may hold only");
        Map<String, Object> operation = simulator(name, Map.of());
        operation.put("operations", List.of("REFUND"));
        cases.put(operation, "operations may hold only");
        cases.put(simulator("Bad Name!", Map.of()), "name must be");
        cases.forEach((body, field) -> {
            Answer answer = createChannel(body);
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).contains(field);
        });
        assertThat(gateway.admin("GET", "/admin/v1/channels/" + name, null).status()).isEqualTo(404);
        assertThat(gateway.auditRows("channel.create", name)).isZero();
    }

    @Test
    void credentials_are_sealed_at_rest_never_answered_and_their_names_are_listed() {
        String name = unique("sealed");
        String secret = "a-webhook-secret-" + name;
        Map<String, Object> body = simulator(name, Map.of());
        body.put("credentials", Map.of("webhookSecret", secret));
        Answer created = createChannel(body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("credentialsSet").toString()).isEqualTo("[\"webhookSecret\"]");
        assertThat(created.json().get("webhookUrl").asText()).matches(".*/channels/v1/" + name
                + "/[A-Za-z0-9_-]{16,}");
        Answer read = gateway.admin("GET", "/admin/v1/channels/" + name, null);
        Answer list = gateway.admin("GET", "/admin/v1/channels", null);
        Answer changed = gateway.admin("PATCH", "/admin/v1/channels/" + name, Map.of("config",
                Map.of("createOutcome", "ACCEPT")));
        for (Answer answer : List.of(created, read, list, changed)) {
            assertThat(answer.body()).doesNotContain(secret);
        }
        assertThat(changed.json().get("credentialsSet").toString()).as("a config change keeps the credentials")
                .isEqualTo("[\"webhookSecret\"]");
        byte[] stored = gateway.app().database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT credentials FROM channel WHERE name = :name").bind("name", name).mapTo(byte[].class).one());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret).doesNotContain("webhook");
        assertThat(gateway.auditRows("channel.create", name)).isEqualTo(1);
        assertThat(gateway.auditRows("channel.change", name)).isEqualTo(1);
        String summaries = gateway.admin("GET", "/admin/v1/audit?limit=50", null).body();
        assertThat(summaries).contains("webhookSecret").doesNotContain(secret);
        assertThat(createChannel(simulator(name, Map.of())).status()).as("the name is taken").isEqualTo(409);
    }

    @Test
    void routes_are_checked_a_disabled_channel_is_skipped_and_a_merchant_override_wins_until_removed() {
        String off = unique("off");
        String spare = unique("spare");
        String payoutOnly = unique("payout");
        assertThat(createChannel(simulator(off, Map.of())).status()).isEqualTo(201);
        assertThat(createChannel(simulator(spare, Map.of())).status()).isEqualTo(201);
        Map<String, Object> payoutBody = simulator(payoutOnly, Map.of());
        payoutBody.put("operations", List.of("PAYOUT"));
        assertThat(createChannel(payoutBody).status()).isEqualTo(201);
        TestMerchant merchant = gateway.createMerchant();
        String routing = "/admin/v1/merchants/" + merchant.merchantNo() + "/routing/PAYIN";
        for (Object channels : List.of(List.of(Map.of("name", "nosuch", "weight", 1)),
                List.of(Map.of("name", payoutOnly, "weight", 1)), List.of(Map.of("name", off, "weight", -1)),
                List.of(Map.of("name", off, "weight", 1), Map.of("name", off, "weight", 2)),
                List.of(Map.of("name", off)))) {
            Answer refused = gateway.admin("PUT", routing, Map.of("channels", channels));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        }
        assertThat(gateway.admin("PUT", "/admin/v1/routing/BR/REFUND", Map.of("channels", List.of())).status())
                .isEqualTo(404);

        assertThat(gateway.admin("PATCH", "/admin/v1/channels/" + off, Map.of("status", "DISABLED")).json()
                .get("status").asText()).isEqualTo("DISABLED");
        Answer route = gateway.admin("PUT", routing, Map.of("channels", List.of(Map.of("name", off, "weight", 100),
                Map.of("name", spare, "weight", 0))));
        assertThat(route.status()).as(route.body()).isEqualTo(200);
        JsonNode onSpare = gateway.admin("GET", "/admin/v1/trades/" + payin(merchant), null).json();
        assertThat(onSpare.get("channel").asText()).isEqualTo(spare);
        assertThat(onSpare.get("submissions").size()).as("the disabled channel was never asked").isEqualTo(1);

        assertThat(gateway.admin("PUT", routing, Map.of("channels", List.of())).status()).isEqualTo(200);
        assertThat(gateway.admin("GET", "/admin/v1/trades/" + payin(merchant), null).json().get("channel")
                .asText()).as("back on the country's route").isEqualTo("simulator");
    }

    @Test
    void refusals_show_in_the_channel_health_and_in_the_metrics() {
        String refusing = unique("refusing");
        assertThat(createChannel(simulator(refusing, Map.of("createOutcome", "REFUSE"))).status()).isEqualTo(201);
        TestMerchant merchant = gateway.createMerchant();
        assertThat(gateway.admin("PUT", "/admin/v1/merchants/" + merchant.merchantNo() + "/routing/PAYIN",
                Map.of("channels", List.of(Map.of("name", refusing, "weight", 100),
                        Map.of("name", "simulator", "weight", 0)))).status()).isEqualTo(200);
        payin(merchant);
        JsonNode health = gateway.admin("GET", "/admin/v1/channels/" + refusing, null).json().get("health");
        assertThat(health.get("errorCount").asLong()).isEqualTo(1);
        assertThat(health.get("lastError").asText()).contains("refused");
        assertThat(health.get("lastErrorAt").isNull()).isFalse();
        String series = "openpaypro_channel_error_count{channel=\"" + refusing + "\"} 1.0";
        String metrics = Await.until("a scrape with " + series, Duration.ofSeconds(20),
                () -> gateway.get("/metrics").body(), scrape -> scrape.contains(series));
        assertThat(metrics).contains(series).contains("openpaypro_payout_submissions{state=\"UNKNOWN\"}")
                .contains("openpaypro_channel_requests_total{channel=\"" + refusing + "\",operation=\"create_payin\"}");
    }

    private static String payin(TestMerchant merchant) {
        Map<String, String> body = new LinkedHashMap<>(Map.of("tradeNo", "R" + System.nanoTime(), "amount", "10.00",
                "name", "Ana", "identityType", "CPF", "userIdentity", "12345678909", "notifyUrl",
                "https://merchant.example/notify"));
        body.put("remark", "routing");
        Answer answer = gateway.signed("/v1/paypro/payin", merchant.merchantNo(), merchant.secret(), body);
        assertThat(answer.code()).as(answer.body()).isEqualTo("0000");
        assertThat(answer.json().at("/data/status").asText()).isEqualTo("0015");
        return answer.json().at("/data/platFormTradeNo").asText();
    }
}
