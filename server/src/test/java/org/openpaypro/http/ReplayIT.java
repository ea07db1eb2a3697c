package org.openpaypro.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openpaypro.error.Rejection;
import org.openpaypro.protocol.Signer;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.sdk.PayoutRequest;
import org.openpaypro.testing.ScenarioIT;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * A signed request is served once within its timestamp window (issue 10, security 6): the same bytes again, to the
 * same endpoint or to another one, with the sign moved to the header or upper-cased, after a top-up or after a
 * restart of the gateway, are refused with {@code SIGN_REPLAYED} and change nothing; the same fields signed anew
 * (new timestamp) are served.
 */
class ReplayIT extends ScenarioIT {
    private static final String REPLAYED = Rejection.SIGN_REPLAYED.template();
    private static final String NOTIFY = "https://merchant.example/notify";

    private static String signedJson(Map<String, String> fields, String secret) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("timestamp", Long.toString(TestGateway.uniqueTimestamp()));
        body.put("sign", Signer.sign(body, secret));
        return TestGateway.json(body);
    }

    private static Map<String, String> payout(String tradeNo) {
        return PayoutRequest.brazilPix(tradeNo, "50.00", "Ana", "a@b.com", "11987654321", "EVP",
                "123e4567-e89b-12d3-a456-426614174000", "CPF", "12345678909", NOTIFY, "r").toFields();
    }

    private long seenSigns(TestGateway on) {
        return on.app().database().jdbi().withHandle(handle -> handle.createQuery("SELECT count(*) FROM seen_sign")
                .mapTo(Long.class).one());
    }

    @Test
    void a_refused_payout_replayed_after_a_top_up_is_refused_and_changes_nothing() {
        TestMerchant merchant = fundedMerchant(null, Map.of());
        Map<String, String> headers = Map.of("merchantNo", merchant.merchantNo());
        String body = signedJson(payout(tradeNo()), merchant.secret());
        assertThat(gateway.post("/v1/paypro/payout", headers, body).msg()).isEqualTo("insufficient balance");
        assertThat(gateway.admin("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/adjustments",
                Map.of("amount", "1000.00", "reason", "top-up")).status()).isEqualTo(201);
        Map<String, Long> before = gateway.snapshot();
        long seen = seenSigns(gateway);

        TestGateway.Answer replay = gateway.post("/v1/paypro/payout", headers, body);

        assertThat(replay.code()).isEqualTo("8000");
        assertThat(replay.msg()).isEqualTo(REPLAYED);
        assertThat(gateway.snapshot()).isEqualTo(before);
        assertThat(seenSigns(gateway)).isEqualTo(seen);
    }

    @Test
    void the_same_signed_bytes_sent_to_another_endpoint_or_with_the_sign_moved_are_refused() {
        TestMerchant merchant = gateway.createMerchant();
        Map<String, String> headers = Map.of("merchantNo", merchant.merchantNo());
        Map<String, String> fields = PayinRequest.brazil(tradeNo(), "10.00", "Ana", "12345678909", NOTIFY, "r")
                .toFields();
        String body = signedJson(fields, merchant.secret());
        assertThat(gateway.post("/v1/paypro/payin", headers, body).code()).isEqualTo("0000");
        Map<String, Long> before = gateway.snapshot();

        for (String path : new String[] {"/v1/paypro/payin", "/brz-pay/v1/paypro/payin", "/v1/paypro/checkout",
                "/v1/paypro/payout", "/v1/paypro/queryPayInResult", "/v1/paypro/queryBalance"}) {
            TestGateway.Answer replay = gateway.post(path, headers, body);
            assertThat(replay.msg()).as(path).isEqualTo(REPLAYED);
        }
        java.util.regex.Matcher signed = java.util.regex.Pattern.compile("\"sign\":\"([0-9a-f]{32})\"").matcher(body);
        assertThat(signed.find()).isTrue();
        String sign = signed.group(1);
        String upperCased = body.replace(sign, sign.toUpperCase(Locale.ROOT));
        assertThat(gateway.post("/v1/paypro/payin", headers, upperCased).msg()).isEqualTo(REPLAYED);
        String withoutSign = body.replace(",\"sign\":\"" + sign + "\"", "");
        assertThat(gateway.post("/v1/paypro/payin", Map.of("merchantNo", merchant.merchantNo(), "sign", sign),
                withoutSign).msg()).isEqualTo(REPLAYED);
        assertThat(gateway.snapshot()).isEqualTo(before);

        TestGateway.Answer fresh = gateway.post("/v1/paypro/payin", headers, signedJson(fields, merchant.secret()));
        assertThat(fresh.msg()).as("same fields, new timestamp and sign").isEqualTo("duplicate tradeNo");
        TestGateway.Answer query = gateway.signed("/v1/paypro/queryPayInResult", merchant.merchantNo(),
                merchant.secret(), Map.of("tradeNo", fields.get("tradeNo")));
        assertThat(query.code()).isEqualTo("0000");
    }

    @Test
    void the_same_sign_from_another_merchant_is_recorded_separately() {
        long first = 5_000_000_000L + System.nanoTime() % 1_000_000;
        long second = first + 1;
        ReplayGuard guard = new ReplayGuard(gateway.app().database().jdbi(), Duration.ofMinutes(15));
        String sign = "0123456789abcdef0123456789abcdef";
        long now = System.currentTimeMillis();
        assertThat(guard.firstUse(first, sign, now)).isTrue();
        assertThat(guard.firstUse(second, sign, now)).isTrue();
        assertThat(guard.firstUse(first, sign, now)).isFalse();
    }

    @Test
    void the_same_sign_twice_in_one_batch_is_one_first_use_and_one_replay() {
        ReplayGuard guard = new ReplayGuard(gateway.app().database().jdbi(), Duration.ofMinutes(15));
        long merchantId = 6_000_000_000L + System.nanoTime() % 1_000_000;
        long expires = System.currentTimeMillis() + Duration.ofMinutes(20).toMillis();
        String sign = "00000000000000000000000000000abc";
        ReplayRepository.Use use = new ReplayRepository.Use(merchantId, sign, expires);
        ReplayRepository.Use other = new ReplayRepository.Use(merchantId + 1, sign, expires);

        assertThat(guard.record(List.of(use, other, use, use))).containsExactly(true, true, false, false);
        assertThat(guard.record(List.of(use, other))).as("recorded for good").containsExactly(false, false);
    }

    @Test
    void identical_signed_requests_sent_at_once_are_served_exactly_once() throws Exception {
        TestMerchant merchant = gateway.createMerchant();
        Map<String, String> headers = Map.of("merchantNo", merchant.merchantNo());
        String body = signedJson(Map.of(), merchant.secret());
        int copies = 8;
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            CyclicBarrier start = new CyclicBarrier(copies);
            List<Future<TestGateway.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return gateway.post("/v1/paypro/queryBalance", headers, body);
                }));
            }
            List<String> messages = new ArrayList<>();
            for (Future<TestGateway.Answer> answer : answers) {
                TestGateway.Answer got = answer.get(30, TimeUnit.SECONDS);
                messages.add(got.code().equals("0000") ? "served" : got.msg());
            }
            assertThat(messages).containsOnly("served", REPLAYED);
            assertThat(messages).filteredOn("served"::equals).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void expired_signatures_are_deleted_by_the_cleanup_and_may_then_be_recorded_again() {
        ReplayGuard guard = new ReplayGuard(gateway.app().database().jdbi(), Duration.ofMinutes(15));
        long merchantId = 3_000_000_000L + System.nanoTime() % 1_000_000;
        long longAgo = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
        assertThat(guard.firstUse(merchantId, "00000000000000000000000000000001", longAgo)).isTrue();
        assertThat(guard.firstUse(merchantId, "00000000000000000000000000000002", System.currentTimeMillis()))
                .isTrue();
        assertThat(guard.firstUse(merchantId, "00000000000000000000000000000001", longAgo))
                .as("an expired row no longer blocks").isTrue();
        assertThat(guard.deleteExpired()).isGreaterThanOrEqualTo(1);
        long left = gateway.app().database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM seen_sign WHERE merchant_id = :id").bind("id", merchantId)
                .mapTo(Long.class).one());
        assertThat(left).as("only the live signature is kept").isEqualTo(1);
    }

    @Test
    void a_replay_after_a_restart_of_the_gateway_is_still_refused() {
        java.nio.file.Path dataDir = TestGateway.tempDir();
        Map<String, String> env = Map.of("OPENPAYPRO_DATA_DIR", dataDir.toString());
        String body;
        TestMerchant merchant;
        try (TestGateway node = TestGateway.startNew(env)) {
            merchant = node.createMerchant();
            body = signedJson(Map.of(), merchant.secret());
            assertThat(node.post("/v1/paypro/queryBalance", Map.of("merchantNo", merchant.merchantNo()), body)
                    .code()).isEqualTo("0000");
        }
        try (TestGateway restarted = TestGateway.startNew(env)) {
            TestGateway.Answer replay = restarted.post("/v1/paypro/queryBalance",
                    Map.of("merchantNo", merchant.merchantNo()), body);
            assertThat(replay.msg()).isEqualTo(REPLAYED);
            assertThat(restarted.signed("/v1/paypro/queryBalance", merchant.merchantNo(), merchant.secret(),
                    Map.of()).code()).isEqualTo("0000");
        }
    }

    /** Not a timing assertion: prints the cost of the one extra statement per request, for the report. */
    @Test
    void recording_a_signature_is_one_cheap_statement_and_refuses_every_second_use() {
        ReplayGuard guard = new ReplayGuard(gateway.app().database().jdbi(), Duration.ofMinutes(15));
        long merchantId = 4_000_000_000L + System.nanoTime() % 1_000_000;
        int count = 2_000;
        long now = System.currentTimeMillis();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            assertThat(guard.firstUse(merchantId, String.format("%032x", i), now)).isTrue();
        }
        long firstUses = System.nanoTime() - start;
        start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            assertThat(guard.firstUse(merchantId, String.format("%032x", i), now)).isFalse();
        }
        long replays = System.nanoTime() - start;
        start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            gateway.app().database().jdbi().withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class)
                    .one());
        }
        long baseline = System.nanoTime() - start;
        System.out.printf("ReplayGuard: first use %.0f us, replay %.0f us, SELECT 1 %.0f us per request (%d each)%n",
                firstUses / 1e3 / count, replays / 1e3 / count, baseline / 1e3 / count, count);
    }
}
