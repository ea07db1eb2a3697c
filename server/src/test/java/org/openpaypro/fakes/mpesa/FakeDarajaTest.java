package org.openpaypro.fakes.mpesa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openpaypro.json.Json;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.CallbackReceiver;

/** The fake follows Daraja as the sources describe it (checked here by raw HTTP, without our connector). */
class FakeDarajaTest {
    private static final String TIMESTAMP = "20261202101500";
    private final DarajaAccount account = DarajaAccount.sandbox();
    private final FakeDaraja fake = FakeDaraja.start(account);
    private final CallbackReceiver receiver = newReceiver();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        fake.close();
        receiver.close();
    }

    @Test
    void oauth_answers_expires_in_as_a_string_and_refuses_bad_credentials_with_400_008_01() throws Exception {
        HttpResponse<String> bad = get(FakeDaraja.OAUTH + "?grant_type=client_credentials", basic("x", "y"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("errorCode").asText()).isEqualTo("400.008.01");

        HttpResponse<String> good = get(FakeDaraja.OAUTH + "?grant_type=client_credentials",
                basic(account.consumerKey(), account.consumerSecret()));
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(json(good).get("expires_in").isTextual()).isTrue();
        assertThat(json(good).get("expires_in").asText()).isEqualTo("3599");
    }

    @Test
    void an_expired_token_gets_401_with_the_daraja_error_shape() throws Exception {
        String token = token();
        fake.expireTokens();
        HttpResponse<String> answer = post(FakeDaraja.STK_QUERY, token, stkQuery("ws_CO_x", password(TIMESTAMP)));
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(json(answer).get("errorCode").asText()).isEqualTo("404.001.03");
        assertThat(json(answer).has("requestId")).isTrue();
    }

    @Test
    void stk_push_checks_the_password_and_the_amount_then_posts_a_callback_without_metadata_on_1032()
            throws Exception {
        String token = token();
        HttpResponse<String> wrongPassword = post(FakeDaraja.STK_PUSH, token, stkPush("100", "d3Jvbmc="));
        assertThat(wrongPassword.statusCode()).isEqualTo(500);
        assertThat(json(wrongPassword).get("errorCode").asText()).isEqualTo("500.001.1001");
        HttpResponse<String> cents = post(FakeDaraja.STK_PUSH, token, stkPush("10.50", password(TIMESTAMP)));
        assertThat(json(cents).get("errorCode").asText()).isEqualTo("400.002.02");

        HttpResponse<String> accepted = post(FakeDaraja.STK_PUSH, token, stkPush("100", password(TIMESTAMP)));
        String checkoutId = json(accepted).get("CheckoutRequestID").asText();
        assertThat(json(accepted).get("ResponseCode").asText()).isEqualTo("0");
        HttpResponse<String> pending = post(FakeDaraja.STK_QUERY, token, stkQuery(checkoutId, password(TIMESTAMP)));
        assertThat(pending.statusCode()).isEqualTo(500);
        assertThat(json(pending).get("errorMessage").asText()).isEqualTo("The transaction is being processed");

        fake.resolveStk(checkoutId, "1032");
        JsonNode callback = Json.MAPPER.readTree(receiver.received("/stk").get(0).body()).path("Body")
                .path("stkCallback");
        assertThat(callback.get("ResultCode").asInt()).isEqualTo(1032);
        assertThat(callback.has("CallbackMetadata")).isFalse();
        HttpResponse<String> done = post(FakeDaraja.STK_QUERY, token, stkQuery(checkoutId, password(TIMESTAMP)));
        assertThat(json(done).get("ResultCode").asText()).isEqualTo("1032");
        assertThat(fake.stkQueries(checkoutId)).isEqualTo(2);
    }

    @Test
    void a_successful_stk_callback_carries_amount_receipt_date_and_phone_as_numbers() throws Exception {
        String token = token();
        String checkoutId = json(post(FakeDaraja.STK_PUSH, token, stkPush("250", password(TIMESTAMP))))
                .get("CheckoutRequestID").asText();
        fake.resolveStk(checkoutId, "0");
        JsonNode items = Json.MAPPER.readTree(receiver.received("/stk").get(0).body())
                .at("/Body/stkCallback/CallbackMetadata/Item");
        assertThat(items.get(0).get("Value").asLong()).isEqualTo(250);
        assertThat(items.get(1).get("Value").asText()).matches("[A-Z0-9]{10}");
        assertThat(items.get(2).get("Value").isNumber()).isTrue();
        assertThat(items.get(3).get("Value").asLong()).isEqualTo(254708374149L);
    }

    @Test
    void a_repeated_originator_conversation_id_is_refused_as_duplicate_and_pays_once() throws Exception {
        String token = token();
        HttpResponse<String> first = post(FakeDaraja.B2C, token, b2c("OPP_abc123"));
        assertThat(json(first).get("ResponseCode").asText()).isEqualTo("0");
        HttpResponse<String> again = post(FakeDaraja.B2C, token, b2c("OPP_abc123"));
        assertThat(again.statusCode()).isEqualTo(500);
        assertThat(json(again).get("errorCode").asText()).isEqualTo("500.002.1001");
        fake.resolvePayout("OPP_abc123", "0");
        assertThat(fake.resolvePayout("OPP_abc123", "0")).isFalse();
        assertThat(fake.b2cRequests("OPP_abc123")).isEqualTo(2);
        assertThat(fake.timesPaid("OPP_abc123")).isEqualTo(1);
        JsonNode result = Json.MAPPER.readTree(receiver.received("/b2c/result").get(0).body()).get("Result");
        assertThat(result.get("ResultCode").asInt()).isZero();
        assertThat(result.get("OriginatorConversationID").asText()).isEqualTo("OPP_abc123");
    }

    @Test
    void transaction_status_acknowledges_then_posts_its_result_to_its_own_result_url() throws Exception {
        String token = token();
        post(FakeDaraja.B2C, token, b2c("OPP_status1"));
        fake.resolvePayout("OPP_status1", "0");
        ObjectNode query = Json.MAPPER.createObjectNode().put("Initiator", account.initiatorName())
                .put("SecurityCredential", account.securityCredential()).put("CommandID", "TransactionStatusQuery")
                .put("OriginalConversationID", "OPP_status1").put("PartyA", account.b2cShortCode())
                .put("IdentifierType", "4").put("ResultURL", receiver.url("/status"))
                .put("QueueTimeOutURL", receiver.url("/timeout")).put("Remarks", "status").put("Occasion", "x");
        HttpResponse<String> ack = post(FakeDaraja.STATUS, token, query);
        assertThat(json(ack).get("ResponseCode").asText()).isEqualTo("0");

        List<CallbackReceiver.Received> results = await(() -> receiver.received("/status"));
        JsonNode parameters = Json.MAPPER.readTree(results.get(0).body())
                .at("/Result/ResultParameters/ResultParameter");
        assertThat(parameters.toString()).contains("\"TransactionStatus\"", "\"Completed\"", "OPP_status1");
        assertThat(fake.statusQueries("OPP_status1")).isEqualTo(1);
    }

    @Test
    void a_server_error_fault_answers_500_once_and_then_the_rail_is_normal_again() throws Exception {
        String token = token();
        fake.failNext(FakeDaraja.B2C, Fault.SERVER_ERROR);
        assertThat(post(FakeDaraja.B2C, token, b2c("OPP_f1")).statusCode()).isEqualTo(500);
        assertThat(post(FakeDaraja.B2C, token, b2c("OPP_f1")).statusCode()).isEqualTo(200);
        assertThat(fake.b2cRequests("OPP_f1")).isEqualTo(1); // the faulted one never reached the rail's logic
    }

    // ---- helpers ----

    private static CallbackReceiver newReceiver() {
        try {
            return new CallbackReceiver();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T extends List<?>> T await(Supplier<T> source) {
        return Await.until("what the fake posts", Duration.ofSeconds(10), source::get, value -> !value.isEmpty());
    }

    private String token() throws Exception {
        return json(get(FakeDaraja.OAUTH + "?grant_type=client_credentials",
                basic(account.consumerKey(), account.consumerSecret()))).get("access_token").asText();
    }

    private String password(String timestamp) {
        return Base64.getEncoder().encodeToString((account.shortCode() + account.passkey() + timestamp)
                .getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode stkPush(String amount, String password) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("BusinessShortCode", account.shortCode())
                .put("Password", password).put("Timestamp", TIMESTAMP).put("TransactionType", "CustomerPayBillOnline")
                .put("PartyA", "254708374149").put("PartyB", account.shortCode()).put("PhoneNumber", "254708374149")
                .put("CallBackURL", receiver.url("/stk")).put("AccountReference", "T1")
                .put("TransactionDesc", "test");
        if (amount.contains(".")) {
            body.put("Amount", new java.math.BigDecimal(amount));
        } else {
            body.put("Amount", Integer.parseInt(amount));
        }
        return body;
    }

    private ObjectNode stkQuery(String checkoutId, String password) {
        return Json.MAPPER.createObjectNode().put("BusinessShortCode", account.shortCode()).put("Password", password)
                .put("Timestamp", TIMESTAMP).put("CheckoutRequestID", checkoutId);
    }

    private ObjectNode b2c(String ocid) {
        return Json.MAPPER.createObjectNode().put("OriginatorConversationID", ocid)
                .put("InitiatorName", account.initiatorName()).put("SecurityCredential", account.securityCredential())
                .put("CommandID", "BusinessPayment").put("Amount", 10).put("PartyA", account.b2cShortCode())
                .put("PartyB", "254705912645").put("Remarks", "payout").put("QueueTimeOutURL", receiver.url("/b2c/t"))
                .put("ResultURL", receiver.url("/b2c/result")).put("Occassion", "x");
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + path)).header("Authorization",
                authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, JsonNode body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }
}
