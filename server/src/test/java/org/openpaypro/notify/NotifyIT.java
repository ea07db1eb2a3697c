package org.openpaypro.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpaypro.sdk.Notification;
import org.openpaypro.sdk.NotifyVerifier;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.sdk.PayoutRequest;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.CallbackReceiver;
import org.openpaypro.testing.CallbackReceiver.Received;
import org.openpaypro.testing.CallbackReceiver.Reply;
import org.openpaypro.testing.Deliveries;
import org.openpaypro.testing.Funding;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/** Notify engine against a real local receiver, on a gateway with a shortened retry schedule and timeouts. */
class NotifyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestGateway gateway;
    private static CallbackReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.startNew(Map.of("OPENPAYPRO_NOTIFY_SCHEDULE", "300ms,600ms,900ms",
                "OPENPAYPRO_NOTIFY_READ_TIMEOUT", "1s", "OPENPAYPRO_NOTIFY_CONNECT_TIMEOUT", "1s"));
        receiver = new CallbackReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        gateway.close();
    }

    @AfterEach
    void ledger_is_consistent() {
        assertThat(gateway.admin("GET", "/admin/v1/ledger/check", null).json().get("ok").asBoolean()).isTrue();
    }

    private TestMerchant merchant() {
        TestMerchant merchant = gateway.createMerchant();
        Funding.fund(gateway::admin, merchant.merchantNo(), "1000");
        return merchant;
    }

    private PayProClient client(TestMerchant merchant) {
        return PayProClient.builder().baseUrl(gateway.baseUrl()).merchantNo(merchant.merchantNo())
                .secretKey(merchant.secret()).build();
    }

    private String payin(TestMerchant merchant, String path, String amount) {
        return client(merchant).payin(PayinRequest.brazil("N" + System.nanoTime(), amount, "Ana", "12345678909",
                receiver.url(path), "r")).dataOrThrow().platFormTradeNo();
    }

    private String payout(TestMerchant merchant, String path, String amount) {
        return client(merchant).payout(PayoutRequest.brazilPix("N" + System.nanoTime(), amount, "Ana", "a@b.com",
                "11987654321", "CPF", "12345678909", "CPF", "12345678909", receiver.url(path), "r"))
                .dataOrThrow().platFormTradeNo();
    }

    private void complete(String platformTradeNo, String status) {
        assertThat(gateway.admin("POST", "/sandbox/v1/trades/" + platformTradeNo + "/complete",
                Map.of("status", status)).status()).isEqualTo(200);
    }

    private JsonNode notifications(String platformTradeNo) {
        return gateway.admin("GET", "/admin/v1/trades/" + platformTradeNo, null).json().get("notifications");
    }

    @Test
    void an_ok_receiver_gets_exactly_one_signed_callback_per_finished_trade_in_both_directions() throws Exception {
        TestMerchant merchant = merchant();
        String path = "/ok-" + System.nanoTime();
        String paidIn = payin(merchant, path, "10.00");
        String failedIn = payin(merchant, path, "11.00");
        String paidOut = payout(merchant, path, "12.00");
        String failedOut = payout(merchant, path, "13.00");
        String processing = payin(merchant, path, "14.00");
        complete(paidIn, "0000");
        complete(failedIn, "00029");
        complete(paidOut, "0000");
        complete(failedOut, "00029");

        // once all four notifications are final no further callback can come: a duplicate would be in the list
        List<Received> callbacks = Deliveries.finished(gateway::admin, receiver, path,
                List.of(paidIn, failedIn, paidOut, failedOut), Duration.ofSeconds(10));
        assertThat(callbacks).hasSize(4);
        NotifyVerifier verifier = new NotifyVerifier(merchant.secret());
        Map<String, String> statusByTrade = new java.util.HashMap<>();
        for (Received callback : callbacks) {
            Notification notification = verifier.verify(callback.body().getBytes(StandardCharsets.UTF_8));
            statusByTrade.put(notification.platFormTradeNo(), notification.status());
            assertThat(callback.merchantNo()).isEqualTo(merchant.merchantNo());
            assertThat(callback.contentType()).startsWith("application/json");
            JsonNode body = JSON.readTree(callback.body());
            for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                assertThat(field.getValue().isTextual()).as(field.getKey()).isTrue();
                assertThat(field.getValue().asText()).as(field.getKey()).isNotEmpty();
            }
            assertThat(body.get("timestamp").asText()).matches("[0-9]{13}");
            assertThat(body.has("successTime")).isEqualTo(notification.status().equals("0000"));
        }
        assertThat(statusByTrade).containsExactlyInAnyOrderEntriesOf(Map.of(paidIn, "0000", failedIn, "00029",
                paidOut, "0000", failedOut, "00029"));
        assertThat(statusByTrade).doesNotContainKey(processing);
        assertThat(notifications(paidIn).get(0).get("status").asText()).isEqualTo("DELIVERED");
        assertThat(notifications(processing)).isEmpty();
    }

    @Test
    void a_repeated_result_changes_nothing_answers_the_final_trade_and_the_claim_delivers_its_callback()
            throws Exception {
        TestMerchant merchant = merchant();
        String path = "/repeat-" + System.nanoTime();
        String trade = payin(merchant, path, "30.00");
        JsonNode first = gateway.admin("POST", "/sandbox/v1/trades/" + trade + "/complete",
                Map.of("status", "0000")).json();
        assertThat(first.get("status").asText()).isEqualTo("0000");
        assertThat(first.get("settleAt").isNull()).isFalse();
        assertThat(first.has("postings")).as("the trade view stays at GET /admin/v1/trades/{no}").isFalse();
        TestGateway.Answer again = gateway.admin("POST", "/sandbox/v1/trades/" + trade + "/complete",
                Map.of("status", "00029"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("0000");
        assertThat(again.json().get("finishedAt").asText()).isEqualTo(first.get("finishedAt").asText());
        Await.until("the callback delivered", Duration.ofSeconds(10), () -> !receiver.received(path).isEmpty());
        JsonNode body = JSON.readTree(receiver.received(path).get(0).body());
        assertThat(body.get("platFormTradeNo").asText()).isEqualTo(trade);
        assertThat(body.get("status").asText()).isEqualTo("0000");
        assertThat(body.get("amount").asText()).isEqualTo("30.00");
        JsonNode view = gateway.admin("GET", "/admin/v1/trades/" + trade, null).json();
        assertThat(view.get("notifications")).hasSize(1);
        assertThat(view.get("postings").findValuesAsText("journalId").stream().distinct()).hasSize(1);
    }

    @Test
    void a_receiver_failing_twice_gets_three_attempts_on_the_schedule_all_logged() throws Exception {
        TestMerchant merchant = merchant();
        String path = "/flaky-" + System.nanoTime();
        receiver.behave(path, n -> n <= 2 ? Reply.of(500, "boom") : Reply.ok());
        String trade = payin(merchant, path, "20.00");
        complete(trade, "0000");
        Await.until("the flaky receiver's notification delivered", Duration.ofSeconds(10),
                () -> notifications(trade).get(0).get("status").asText().equals("DELIVERED"));
        List<Received> callbacks = receiver.received(path);
        assertThat(callbacks).hasSize(3);
        assertThat(Duration.between(callbacks.get(0).at(), callbacks.get(1).at())).isGreaterThanOrEqualTo(
                Duration.ofMillis(250));
        assertThat(Duration.between(callbacks.get(1).at(), callbacks.get(2).at())).isGreaterThanOrEqualTo(
                Duration.ofMillis(550));
        JsonNode log = notifications(trade).get(0).get("attemptLog");
        assertThat(log).hasSize(3);
        assertThat(log.get(0).get("httpStatus").asInt()).isEqualTo(500);
        assertThat(log.get(0).get("response").asText()).isEqualTo("boom");
        assertThat(log.get(0).get("delivered").asBoolean()).isFalse();
        assertThat(log.get(1).get("httpStatus").asInt()).isEqualTo(500);
        assertThat(log.get(2).get("httpStatus").asInt()).isEqualTo(200);
        assertThat(log.get(2).get("delivered").asBoolean()).isTrue();
        assertThat(notifications(trade).get(0).get("attempts").asInt()).isEqualTo(3);
    }

    @Test
    void wrong_answers_timeouts_and_closed_ports_are_failures_until_exhausted_and_resend_works_after()
            throws Exception {
        TestMerchant merchant = merchant();
        long id = System.nanoTime();
        Map<String, Reply> failures = Map.of(
                "/success-" + id, Reply.of(200, "success"),
                "/empty-" + id, Reply.of(200, ""),
                "/redirect-" + id, new Reply(302, "", 0, "http://127.0.0.1:9/elsewhere"),
                "/hang-" + id, new Reply(200, "OK", 3000, null));
        Map<String, String> tradeByPath = new java.util.HashMap<>();
        for (Map.Entry<String, Reply> failure : failures.entrySet()) {
            receiver.behave(failure.getKey(), n -> failure.getValue());
            String trade = payin(merchant, failure.getKey(), "30.00");
            complete(trade, "0000");
            tradeByPath.put(failure.getKey(), trade);
        }
        String closed = client(merchant).payin(PayinRequest.brazil("N" + System.nanoTime(), "31.00", "Ana",
                "12345678909", "http://127.0.0.1:9/closed", "r")).dataOrThrow().platFormTradeNo();
        complete(closed, "0000");
        tradeByPath.put("closed", closed);

        for (String trade : tradeByPath.values()) {
            Await.until("notification of " + trade + " exhausted", Duration.ofSeconds(20),
                    () -> notifications(trade).get(0).get("status").asText().equals("EXHAUSTED"));
            JsonNode log = notifications(trade).get(0).get("attemptLog");
            assertThat(log).hasSize(4);
            log.forEach(attempt -> assertThat(attempt.get("delivered").asBoolean()).isFalse());
            log.forEach(attempt -> assertThat(attempt.get("error").asText()).isNotEmpty());
        }
        assertThat(notifications(tradeByPath.get("/hang-" + id)).get(0).get("attemptLog").get(0).get("error")
                .asText()).startsWith("timeout");
        assertThat(notifications(tradeByPath.get("closed")).get(0).get("attemptLog").get(0).get("error").asText())
                .contains("Connect");
        assertThat(notifications(tradeByPath.get("/redirect-" + id)).get(0).get("attemptLog").get(0)
                .get("httpStatus").asInt()).isEqualTo(302);

        String successPath = "/success-" + id;
        receiver.behave(successPath, n -> Reply.ok());
        String exhausted = tradeByPath.get(successPath);
        TestGateway.Answer resend = gateway.admin("POST", "/admin/v1/trades/" + exhausted + "/notify", null);
        assertThat(resend.status()).isEqualTo(202);
        Await.until("the resent notification delivered", Duration.ofSeconds(10),
                () -> notifications(exhausted).size() == 2
                        && notifications(exhausted).get(1).get("status").asText().equals("DELIVERED"));
        assertThat(notifications(exhausted).get(0).get("status").asText()).isEqualTo("EXHAUSTED");
    }

    @Test
    void resend_of_a_processing_trade_is_refused() {
        TestMerchant merchant = merchant();
        String trade = payin(merchant, "/never", "5.00");
        TestGateway.Answer resend = gateway.admin("POST", "/admin/v1/trades/" + trade + "/notify", null);
        assertThat(resend.status()).isEqualTo(409);
        assertThat(notifications(trade)).isEmpty();
    }

    @Test
    void notify_metrics_count_attempts_by_outcome() {
        String metrics = gateway.get("/metrics").body();
        assertThat(metrics).contains("openpaypro_notify_pending").contains("openpaypro_notify_oldest_pending_seconds");
    }
}
