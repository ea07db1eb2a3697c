package org.openpaypro.countries;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.CallbackReceiver;
import org.openpaypro.testing.Deliveries;
import org.openpaypro.testing.Funding;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Issue 10's production client, replayed: the back office of a Bangladesh merchant of the white-label brand, written
 * from the brand's pages and not from our SDK. Raw HTTP and JSON only: its own MD5 signer, a numeric timestamp
 * ({@code Date.now()}), the brand's way codes ({@code BKASH}), {@code data.paymentLink} read from the checkout,
 * {@code payinSubmit} by {@code platFormTradeNo} + {@code trxId} answered {@code data: true}, disbursements, both
 * queries, balance, and a notify handler that verifies the signed callback and answers {@code OK}. Its own gateway,
 * so it runs its own ledger check after each test.
 */
class WhiteLabelClientIT {
    private static final String BRAND = "/v1/acmepay";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestGateway gateway;
    private static CallbackReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.startNew(Map.of("OPENPAYPRO_BRAND_PREFIXES", BRAND));
        receiver = new CallbackReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        gateway.close();
    }

    @AfterEach
    void ledger_check_is_ok_after_the_scenario() {
        gateway.assertLedgerOk();
    }

    @Test
    void the_brands_bangladesh_back_office_runs_unchanged_from_checkout_to_balance() throws Exception {
        TestMerchant merchant = merchant("5000");
        BackOffice office = new BackOffice(merchant);

        String depositNo = "DEP" + System.nanoTime();
        String depositHook = "/notify/deposit-" + System.nanoTime();
        Map<String, Object> checkout = new LinkedHashMap<>();
        checkout.put("tradeNo", depositNo);
        checkout.put("amount", "1000");
        checkout.put("wayCode", "BKASH");
        checkout.put("notifyUrl", receiver.url(depositHook));
        checkout.put("returnUrl", "https://shop.example.com.bd/deposit/done");
        checkout.put("remark", "deposit");
        JsonNode created = office.post("checkout", checkout);
        assertThat(created.path("code").asText()).as(created.toString()).isEqualTo("0000");
        JsonNode data = created.get("data");
        String paymentLink = data.path("paymentLink").asText();
        String platformTradeNo = data.path("platFormTradeNo").asText();
        assertThat(paymentLink).startsWith("http").endsWith("/cashier/" + platformTradeNo);
        assertThat(data.path("status").asText()).isEqualTo("0015");
        assertThat(data.get("paymentInfo").isObject()).isTrue();
        assertThat(data.get("paymentInfo").path("wayCode").asText()).isEqualTo("BKASH");
        assertThat(data.get("paymentInfo").path("paymentLink").asText()).isEqualTo(paymentLink);
        assertThat(gateway.get(URI.create(paymentLink).getPath()).status()).isEqualTo(200);

        JsonNode submitted = office.post("payinSubmit", Map.of("platFormTradeNo", platformTradeNo,
                "trxId", "9BK7X2Q4LM"));
        assertThat(submitted.path("code").asText()).as(submitted.toString()).isEqualTo("0000");
        assertThat(submitted.get("data").isBoolean()).as(submitted.toString()).isTrue();
        assertThat(submitted.get("data").asBoolean()).isTrue();
        Map<String, String> depositCallback = office.notifyHandler(depositHook);
        assertThat(depositCallback).containsEntry("tradeNo", depositNo).containsEntry("status", "0000")
                .containsEntry("amount", "1000").containsEntry("platFormTradeNo", platformTradeNo);

        JsonNode deposit = office.post("queryPayInResult", Map.of("tradeNo", depositNo));
        assertThat(deposit.path("code").asText()).isEqualTo("0000");
        assertThat(deposit.get("data").path("status").asText()).isEqualTo("0000");
        assertThat(deposit.get("data").path("amount").asText()).isEqualTo("1000");
        assertThat(deposit.get("data").path("successTime").asText()).isEqualTo(depositCallback.get("successTime"));

        String withdrawalNo = "WDR" + System.nanoTime();
        String withdrawalHook = "/notify/withdrawal-" + System.nanoTime();
        Map<String, Object> disbursement = new LinkedHashMap<>();
        disbursement.put("tradeNo", withdrawalNo);
        disbursement.put("amount", "2000");
        disbursement.put("walletId", "01712345678");
        disbursement.put("wayCode", "BKASH");
        disbursement.put("notifyUrl", receiver.url(withdrawalHook));
        JsonNode sent = office.post("disbursements", disbursement);
        assertThat(sent.path("code").asText()).as(sent.toString()).isEqualTo("0000");
        assertThat(sent.get("data").path("status").asText()).isEqualTo("0015");
        JsonNode frozen = office.post("queryBalance", Map.of());
        assertThat(frozen.get("data").path("freezeAmount").asText()).isEqualTo("2000.0000");
        TestGateway.Answer done = gateway.admin("POST", "/sandbox/v1/trades/" + sent.get("data")
                .path("platFormTradeNo").asText() + "/complete", Map.of("status", "0000"));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(office.notifyHandler(withdrawalHook)).containsEntry("tradeNo", withdrawalNo)
                .containsEntry("status", "0000").containsEntry("amount", "2000");
        JsonNode withdrawal = office.post("queryPayOutResult", Map.of("tradeNo", withdrawalNo));
        assertThat(withdrawal.get("data").path("status").asText()).isEqualTo("0000");

        JsonNode balance = office.post("queryBalance", Map.of());
        assertThat(balance.path("code").asText()).isEqualTo("0000");
        assertThat(balance.get("data").path("availableAmount").asText()).isEqualTo("3000.0000");
        assertThat(balance.get("data").path("freezeAmount").asText()).isEqualTo("0.0000");
        assertThat(balance.get("data").path("unsettledAmount").asText()).isEqualTo("1000.0000");
    }

    @Test
    void a_query_refused_for_its_timestamp_answers_5000_so_the_client_keeps_the_deposit_processing() throws Exception {
        TestMerchant merchant = merchant(null);
        BackOffice office = new BackOffice(merchant);
        String depositNo = "DEPT" + System.nanoTime();
        JsonNode created = office.post("checkout", Map.of("tradeNo", depositNo, "amount", "500",
                "wayCode", "NAGAD_OFFICIAL", "notifyUrl", receiver.url("/notify/t-" + System.nanoTime())));
        assertThat(created.path("code").asText()).as(created.toString()).isEqualTo("0000");
        long stale = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        Map<String, Long> before = gateway.snapshot();
        for (String query : List.of("queryPayInResult", "queryPayOutResult")) {
            JsonNode answer = office.postAt(query, Map.of("tradeNo", depositNo), stale);
            assertThat(answer.path("code").asText()).as(answer.toString()).isEqualTo("5000");
            assertThat(answer.path("success").asBoolean()).isFalse();
            assertThat(answer.path("msg").asText()).isEqualTo("system error: nothing was looked up (timestamp "
                    + "outside window of 15 minutes), the order's status is unknown to this answer; retry the query "
                    + "with a fresh timestamp");
            assertThat(answer.get("data").isNull()).isTrue();
        }
        JsonNode create = office.postAt("checkout", Map.of("tradeNo", depositNo + "b", "amount", "500",
                "wayCode", "BKASH", "notifyUrl", receiver.url("/notify/t2")), stale);
        assertThat(create.path("code").asText()).as("a create refused for its timestamp made no order")
                .isEqualTo("8000");
        assertThat(gateway.snapshot()).isEqualTo(before);
        JsonNode fresh = office.post("queryPayInResult", Map.of("tradeNo", depositNo));
        assertThat(fresh.get("data").path("status").asText()).isEqualTo("0015");
    }

    @Test
    void the_startup_block_names_the_brand_prefixes_and_the_path_aliases() {
        String banner = gateway.app().startupBanner();
        assertThat(banner).contains("brands:      " + BRAND + " next to /v1/paypro");
        assertThat(banner).contains("checkout=PAYIN").contains("disbursements=PAYOUT")
                .contains("payinSubmit=PAYIN_SUBMIT");
        assertThat(banner).contains("OPENPAYPRO_COUNTRY_DATA_DIR");
    }

    private static TestMerchant merchant(String funds) {
        TestMerchant merchant = gateway.createMerchant(Map.of("name", "Shop BD", "country", "BD"));
        if (funds != null) {
            Funding.fund(gateway::admin, merchant.merchantNo(), funds);
        }
        return merchant;
    }

    /** What the merchant's TypeScript back office does, in Java: its own signer, raw JSON, its notify handler. */
    private static final class BackOffice {
        private final TestMerchant merchant;

        BackOffice(TestMerchant merchant) {
            this.merchant = merchant;
        }

        JsonNode post(String endpoint, Map<String, ?> fields) throws Exception {
            return postAt(endpoint, fields, System.currentTimeMillis());
        }

        /** Body fields plus a numeric {@code timestamp} and the {@code sign} over both, as the brand's page says. */
        JsonNode postAt(String endpoint, Map<String, ?> fields, long timestampMillis) throws Exception {
            Map<String, Object> body = new LinkedHashMap<>(fields);
            body.put("timestamp", timestampMillis);
            body.put("sign", sign(body));
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + BRAND + "/" + endpoint))
                    .header("Content-Type", "application/json").header("merchantNo", merchant.merchantNo())
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return JSON.readTree(response.body());
        }

        /** The notify handler: waits for the callback, checks its sign, reads its fields (the receiver says OK). */
        Map<String, String> notifyHandler(String path) throws Exception {
            CallbackReceiver.Received first = Await.until("a callback at " + path, Duration.ofSeconds(10),
                    () -> receiver.received(path), list -> !list.isEmpty()).get(0);
            String platformTradeNo = JSON.readTree(first.body()).path("platFormTradeNo").asText();
            // once its notification is final no second callback can come: one would be in the list
            List<CallbackReceiver.Received> received = Deliveries.finished(gateway::admin, receiver, path,
                    List.of(platformTradeNo), Duration.ofSeconds(10));
            assertThat(received).hasSize(1);
            JsonNode callback = JSON.readTree(received.get(0).body());
            Map<String, Object> fields = new LinkedHashMap<>();
            Map<String, String> texts = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = callback.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.put(field.getKey(), field.getValue().asText());
                texts.put(field.getKey(), field.getValue().asText());
            }
            assertThat(texts.get("sign")).as("callback sign").isEqualTo(sign(fields));
            assertThat(received.get(0).acknowledged()).isTrue();
            return texts;
        }

        /** MD5 over the sorted {@code key=value} pairs (no separator, empty values skipped) + the secret. */
        String sign(Map<String, Object> fields) throws Exception {
            List<String> keys = new ArrayList<>(fields.keySet());
            Collections.sort(keys);
            StringBuilder canonical = new StringBuilder();
            for (String key : keys) {
                String value = String.valueOf(fields.get(key));
                if (!key.equals("sign") && !value.isEmpty()) {
                    canonical.append(key).append('=').append(value);
                }
            }
            canonical.append(merchant.secret());
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
    }
}
