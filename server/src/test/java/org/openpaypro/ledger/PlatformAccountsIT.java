package org.openpaypro.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * The platform accounts (clearing, fees) of a currency are created by its first pay-in completion. A completion that
 * rolls back after creating them must leave nothing behind that later completions trust: here a trigger of the test
 * forces the rollback of one first completion (as a crash or a constraint would), then several first completions run
 * at once. Each test starts on a fresh database, so the completions really are the first ones.
 */
class PlatformAccountsIT {
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.startNew(Map.of());
        // Fault injection: the journal of a trade whose tradeNo starts with ROLLBACK cannot be written.
        gateway.app().database().jdbi().useHandle(handle -> handle.execute("""
                CREATE FUNCTION test_forced_rollback() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM trade WHERE id = NEW.trade_id AND trade_no LIKE 'ROLLBACK%') THEN
                        RAISE EXCEPTION 'forced rollback (test)';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER test_forced_rollback BEFORE INSERT ON journal
                    FOR EACH ROW EXECUTE FUNCTION test_forced_rollback();"""));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String payin(TestMerchant merchant, String tradeNo) {
        Answer answer = gateway.signed("/v1/paypro/payin", merchant.merchantNo(), merchant.secret(), Map.of(
                "tradeNo", tradeNo, "amount", "10.00", "name", "Ana", "identityType", "CPF",
                "userIdentity", "12345678909", "notifyUrl", "http://127.0.0.1:9/notify", "remark", "r"));
        assertThat(answer.code()).as(answer.body()).isEqualTo("0000");
        return answer.json().get("data").get("platFormTradeNo").asText();
    }

    private static Answer complete(String platformTradeNo) {
        return gateway.admin("POST", "/sandbox/v1/trades/" + platformTradeNo + "/complete", Map.of("status", "0000"));
    }

    @Test
    void a_first_completion_that_rolls_back_leaves_later_concurrent_first_completions_working() throws Exception {
        TestMerchant first = gateway.createMerchant();
        TestMerchant second = gateway.createMerchant();
        String doomed = payin(first, "ROLLBACK" + System.nanoTime());
        Answer failed = complete(doomed);
        assertThat(failed.status()).as(failed.body()).isNotEqualTo(200);
        assertThat(gateway.admin("GET", "/admin/v1/trades/" + doomed, null).json().get("status").asText())
                .isEqualTo("0015");

        List<String> trades = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            trades.add(payin(i % 2 == 0 ? first : second, "T" + i + "x" + System.nanoTime()));
        }
        List<Answer> answers = concurrently(trades);
        for (Answer answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().get("status").asText()).isEqualTo("0000");
        }
        assertThat(gateway.admin("GET", "/admin/v1/ledger/check", null).json().get("ok").asBoolean()).isTrue();
        long platformAccounts = gateway.app().database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM account WHERE merchant_id IS NULL AND currency = 'BRL'").mapTo(Long.class).one());
        assertThat(platformAccounts).isEqualTo(2);
    }

    private static List<Answer> concurrently(List<String> platformTradeNos) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(platformTradeNos.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> futures = new ArrayList<>();
            for (String platformTradeNo : platformTradeNos) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return complete(platformTradeNo);
                }));
            }
            go.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
