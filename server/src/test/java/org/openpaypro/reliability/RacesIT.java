package org.openpaypro.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.sdk.PayoutRequest;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.Funding;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * One trade finished at the same moment by every source there is — the sandbox API, the cashier page and the
 * simulator's own completion through the reconciler — with contradicting outcomes: exactly one wins, with exactly
 * one ledger movement and one notification.
 */
class RacesIT {
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.startNew(Map.of("OPENPAYPRO_SIMULATOR_AUTOCOMPLETE", "1ms"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static PayProClient client(TestMerchant merchant) {
        return PayProClient.builder().baseUrl(gateway.baseUrl()).merchantNo(merchant.merchantNo())
                .secretKey(merchant.secret()).build();
    }

    private static List<Answer> race(List<java.util.concurrent.Callable<Answer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Answer>> futures = new ArrayList<>();
            for (var call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String payout(TestMerchant merchant, String amount) {
        return client(merchant).payout(PayoutRequest.brazilPix("R" + System.nanoTime(), amount, "Ana", "a@b.com",
                "11987654321", "CPF", "12345678909", "CPF", "12345678909", "http://127.0.0.1:9/n", "r"))
                .dataOrThrow().platFormTradeNo();
    }

    /**
     * Waits until the reconciler (one pass at a time) has finished a pass that began after now: a pass that began
     * before, and may still hold the raced trade, is then over. The sign is a payout created now, which only a later
     * pass can claim and the simulator's autocomplete finishes.
     */
    private static void awaitReconcilerPassStartedAfterNow() {
        TestMerchant sentinel = gateway.createMerchant();
        Funding.fund(gateway::admin, sentinel.merchantNo(), "10");
        String later = payout(sentinel, "1.00");
        Await.until("the reconciler finishing payout " + later, Duration.ofSeconds(10),
                () -> gateway.admin("GET", "/admin/v1/trades/" + later, null).json().path("status").asText(),
                status -> !status.equals("0015"));
    }

    private static void assertOneMovementAndOneNotification(String platformTradeNo, int journalsExpected) {
        JsonNode trade = gateway.admin("GET", "/admin/v1/trades/" + platformTradeNo, null).json();
        assertThat(trade.get("status").asText()).isIn("0000", "00029");
        List<Long> journals = new ArrayList<>();
        trade.get("postings").forEach(p -> {
            if (!journals.contains(p.get("journalId").asLong())) {
                journals.add(p.get("journalId").asLong());
            }
        });
        assertThat(journals).hasSize(journalsExpected);
        assertThat(trade.get("notifications")).hasSize(1);
        assertThat(gateway.admin("GET", "/admin/v1/ledger/check", null).json().get("ok").asBoolean()).isTrue();
    }

    @RepeatedTest(3)
    void a_payin_paid_on_the_cashier_and_failed_by_the_sandbox_at_once_finishes_once() throws Exception {
        TestMerchant merchant = gateway.createMerchant();
        String trade = client(merchant).payin(PayinRequest.brazil("R" + System.nanoTime(), "10.00", "Ana",
                "12345678909", "http://127.0.0.1:9/n", "r")).dataOrThrow().platFormTradeNo();
        List<java.util.concurrent.Callable<Answer>> calls = new ArrayList<>();
        String token = gateway.cashierToken(trade);
        for (int i = 0; i < 8; i++) {
            calls.add(() -> gateway.cashierComplete(trade, token, "{\"status\":\"0000\"}"));
            calls.add(() -> gateway.admin("POST", "/sandbox/v1/trades/" + trade + "/complete",
                    Map.of("status", "00029")));
        }
        List<Answer> answers = race(calls);
        assertThat(answers).allMatch(answer -> answer.status() == 200);
        String finalStatus = gateway.admin("GET", "/admin/v1/trades/" + trade, null).json().get("status").asText();
        assertOneMovementAndOneNotification(trade, finalStatus.equals("0000") ? 1 : 0);
    }

    @RepeatedTest(3)
    void a_payout_finished_by_the_simulator_and_by_contradicting_sandbox_calls_at_once_moves_money_once()
            throws Exception {
        TestMerchant merchant = gateway.createMerchant();
        Funding.fund(gateway::admin, merchant.merchantNo(), "100");
        String trade = payout(merchant, "50.00");
        List<java.util.concurrent.Callable<Answer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> gateway.admin("POST", "/sandbox/v1/trades/" + trade + "/complete",
                    Map.of("status", "0000")));
            calls.add(() -> gateway.admin("POST", "/sandbox/v1/trades/" + trade + "/complete",
                    Map.of("status", "00029")));
        }
        assertThat(race(calls)).allMatch(answer -> answer.status() == 200);
        awaitReconcilerPassStartedAfterNow();
        assertOneMovementAndOneNotification(trade, 2);
        JsonNode balance = gateway.admin("GET", "/admin/v1/merchants/" + merchant.merchantNo(), null).json()
                .get("balances");
        String status = gateway.admin("GET", "/admin/v1/trades/" + trade, null).json().get("status").asText();
        assertThat(balance.get("availableAmount").asText()).isEqualTo(status.equals("0000") ? "50.0000" : "100.0000");
        assertThat(balance.get("freezeAmount").asText()).isEqualTo("0.0000");
    }
}
