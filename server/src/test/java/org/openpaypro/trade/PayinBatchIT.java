package org.openpaypro.trade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.testing.ScenarioIT;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Concurrent pay-in creates are group-committed (issue 15): every one is stored and instructed and answered with its
 * own trade, a tradeNo sent several times at once is stored once and the other copies are refused individually, and
 * the rows of one round share fewer commits than there are trades (rows of one statement share its
 * {@code now()}, so distinct creation times count the commits that stored them).
 */
class PayinBatchIT extends ScenarioIT {
    private static final int THREADS = 32;
    private static final int COPIES = 4;
    private static final int ROUNDS = 5;

    @Test
    void concurrent_payins_are_stored_in_fewer_commits_each_answered_with_its_own_trade() throws Exception {
        boolean batched = false;
        for (int round = 0; round < ROUNDS && !batched; round++) {
            batched = oneRound();
        }
        assertThat(batched).as("some round stored its pay-ins in fewer commits than pay-ins").isTrue();
    }

    /** One round of {@value #THREADS} simultaneous pay-ins, checked; true when they took fewer commits than rows. */
    private boolean oneRound() throws Exception {
        TestMerchant merchant = gateway.createMerchant();
        String repeated = tradeNo();
        List<String> tradeNos = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            tradeNos.add(i < COPIES ? repeated : tradeNo());
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<TestGateway.Answer> answers = new ArrayList<>();
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<TestGateway.Answer>> futures = new ArrayList<>();
            for (String tradeNo : tradeNos) {
                Map<String, String> fields = PayinRequest.brazil(tradeNo, "10.00", "Ana", "12345678909",
                        "https://merchant.example/notify", "r").toFields();
                futures.add(pool.submit(() -> {
                    start.await();
                    return gateway.signed("/v1/paypro/payin", merchant.merchantNo(), merchant.secret(), fields);
                }));
            }
            for (Future<TestGateway.Answer> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        Set<String> platformNos = new HashSet<>();
        int duplicates = 0;
        for (int i = 0; i < THREADS; i++) {
            TestGateway.Answer answer = answers.get(i);
            if (answer.code().equals("0000")) {
                assertThat(answer.json().path("data").path("tradeNo").asText()).isEqualTo(tradeNos.get(i));
                platformNos.add(answer.json().path("data").path("platFormTradeNo").asText());
            } else {
                assertThat(answer.msg()).as(tradeNos.get(i)).isEqualTo("duplicate tradeNo");
                assertThat(tradeNos.get(i)).isEqualTo(repeated);
                duplicates++;
            }
        }
        int stored = THREADS - COPIES + 1;
        assertThat(duplicates).as("all but one copy of the repeated tradeNo refused").isEqualTo(COPIES - 1);
        assertThat(platformNos).as("each answered with its own trade").hasSize(stored);

        Map<String, Object> rows = gateway.app().database().jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT count(*) AS trades, count(DISTINCT t.created_at) AS commits,
                            count(*) FILTER (WHERE t.poll_at IS NOT NULL) AS instructed,
                            (SELECT count(*) FROM channel_attempt a JOIN trade u ON u.id = a.trade_id
                             WHERE u.merchant_id = m.id AND a.outcome = 'ACCEPTED') AS accepted
                        FROM trade t JOIN merchant m ON m.id = t.merchant_id
                        WHERE m.merchant_no = :no GROUP BY m.id""")
                .bind("no", merchant.merchantNo()).mapToMap().one());
        assertThat(((Number) rows.get("trades")).intValue()).isEqualTo(stored);
        assertThat(((Number) rows.get("instructed")).intValue()).as("all instructed").isEqualTo(stored);
        assertThat(((Number) rows.get("accepted")).intValue()).as("one acceptance each").isEqualTo(stored);
        return ((Number) rows.get("commits")).intValue() < stored;
    }
}
