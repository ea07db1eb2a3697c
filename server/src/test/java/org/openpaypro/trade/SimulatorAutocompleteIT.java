package org.openpaypro.trade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpaypro.App;
import org.openpaypro.config.Config;
import org.openpaypro.sdk.ApiResult;
import org.openpaypro.sdk.BalanceData;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayoutData;
import org.openpaypro.sdk.PayoutRequest;
import org.openpaypro.sdk.TradeResult;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.TestGateway;

/**
 * The sandbox rail finishing payouts by itself (DESIGN §6, OPENPAYPRO_SIMULATOR_AUTOCOMPLETE): a gateway of its own,
 * because the shared one runs with autocomplete off so other tests decide every outcome.
 */
class SimulatorAutocompleteIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FINAL_WITHIN = Duration.ofSeconds(15);

    private static App app;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start_a_gateway_whose_simulator_completes_payouts_after_300ms() {
        Map<String, String> env = TestGateway.defaultEnv(TestGateway.freshDataDir());
        env.put("OPENPAYPRO_SIMULATOR_AUTOCOMPLETE", "300ms");
        app = App.start(Config.from(env));
    }

    @AfterAll
    static void close_the_gateway() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void payouts_complete_by_themselves_and_a_whole_part_ending_in_13_is_rejected_by_the_simulated_bank()
            throws Exception {
        JsonNode created = admin("POST", "/admin/v1/merchants", Map.of("name", "Loja Auto", "country", "BR",
                "payoutFeeFixed", "1.50"), 201);
        String merchantNo = created.get("merchantNo").asText();
        admin("POST", "/admin/v1/merchants/" + merchantNo + "/adjustments",
                Map.of("amount", "1000.00", "reason", "test funding"), 201);
        PayProClient client = PayProClient.builder().baseUrl("http://localhost:" + app.port())
                .merchantNo(merchantNo).secretKey(created.get("secretKey").asText()).build();

        String paid = "AUTO" + System.nanoTime() + "_ok";
        String rejected = "AUTO" + System.nanoTime() + "_13";
        assertThat(client.payout(pix(paid, "100.00")).dataOrThrow().status()).isEqualTo("0015");
        ApiResult<PayoutData> second = client.payout(pix(rejected, "113.00"));
        assertThat(second.dataOrThrow().status()).isEqualTo("0015");

        TradeResult success = awaitFinal(client, paid);
        assertThat(success.status()).isEqualTo("0000");
        assertThat(success.message()).isEqualTo("SUCCESS");
        assertThat(success.amount()).isEqualTo("100.00");
        assertThat(success.successTime()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

        TradeResult failure = awaitFinal(client, rejected);
        assertThat(failure.status()).isEqualTo("00029");
        assertThat(failure.message()).isEqualTo("simulated bank rejection");
        assertThat(failure.successTime()).isNull();

        // 1000.00 - (100.00 + 1.50 fee); the rejected 113.00 + 1.50 went back to available.
        BalanceData balance = client.queryBalance().dataOrThrow();
        assertThat(balance.availableAmount()).isEqualTo("898.5000");
        assertThat(balance.freezeAmount()).isEqualTo("0.0000");
        assertThat(balance.unsettledAmount()).isEqualTo("0.0000");

        JsonNode check = admin("GET", "/admin/v1/ledger/check", null, 200);
        assertThat(check.get("violations")).as(check.toString()).isEmpty();
        assertThat(check.get("ok").asBoolean()).isTrue();
    }

    private static PayoutRequest pix(String tradeNo, String amount) {
        return PayoutRequest.brazilPix(tradeNo, amount, "Maria Souza", "maria@example.com", "+5511987654321",
                "EVP", "123e4567-e89b-12d3-a456-426614174000", "CPF", "12345678909", "http://localhost:9/notify",
                "autocomplete test");
    }

    /** Queries the payout until it is final; fails after {@link #FINAL_WITHIN}. */
    private static TradeResult awaitFinal(PayProClient client, String tradeNo) {
        return Await.until("payout " + tradeNo + " final", FINAL_WITHIN,
                () -> client.queryPayout(tradeNo).dataOrThrow(), TradeResult::isFinal);
    }

    private static JsonNode admin(String method, String path, Object body, int expectedStatus)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Authorization", "Bearer " + app.adminToken())
                .header("Content-Type", "application/json")
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }
}
