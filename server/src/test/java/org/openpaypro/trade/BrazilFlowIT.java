package org.openpaypro.trade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openpaypro.channel.simulator.BrCode;
import org.openpaypro.sdk.ApiResult;
import org.openpaypro.sdk.BalanceData;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayinData;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.sdk.PayoutData;
import org.openpaypro.sdk.PayoutRequest;
import org.openpaypro.sdk.TradeResult;
import org.openpaypro.testing.ScenarioIT;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/** Brazil end to end through the SDK against the running gateway (issue: Brazil end to end). */
class BrazilFlowIT extends ScenarioIT {
    private static final String NOTIFY = "http://localhost:9/notify";

    private static PayoutRequest pixPayout(String tradeNo, String amount) {
        return PayoutRequest.brazilPix(tradeNo, amount, "Maria Souza", "maria@example.com", "+5511987654321",
                "CPF", "12345678909", "CPF", "12345678909", NOTIFY, "payout test");
    }

    @Test
    void payin_is_created_processing_with_a_valid_br_code_then_succeeds_and_settles_net_of_fee() {
        TestMerchant merchant = fundedMerchant(null, Map.of("payinFeeRate", "0.015", "payinFeeFixed", "0.10"));
        PayProClient client = client(merchant);
        String tradeNo = tradeNo();

        ApiResult<PayinData> created = client.payin(PayinRequest.brazil(tradeNo, "150.00", "Maria Souza",
                "12345678909", NOTIFY, "order 77").withReturnUrl("https://merchant.example/done"));
        assertThat(created.accepted()).as(created.msg()).isTrue();
        PayinData data = created.data();
        assertThat(data.tradeNo()).isEqualTo(tradeNo);
        assertThat(data.platFormTradeNo()).matches("[0-9a-z]{16}");
        assertThat(data.status()).isEqualTo("0015");
        assertThat(data.remark()).isEqualTo("order 77");
        assertThat(data.paymentUrl()).endsWith("/cashier/" + data.platFormTradeNo());
        assertThat(BrCode.crcValid(data.qrCode())).isTrue();
        assertThat(BrCode.parseTopLevel(data.qrCode())).containsEntry("54", "150.00").containsEntry("53", "986");

        TradeResult processing = client.queryPayin(tradeNo).dataOrThrow();
        assertThat(processing.status()).isEqualTo("0015");
        assertThat(processing.successTime()).isNull();

        complete(data.platFormTradeNo(), Map.of("status", "0000"));
        TradeResult done = client.queryPayin(tradeNo).dataOrThrow();
        assertThat(done.status()).isEqualTo("0000");
        assertThat(done.amount()).isEqualTo("150.00");
        assertThat(done.message()).isEqualTo("SUCCESS");
        assertThat(done.successTime()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

        // fee = 150.00 * 1.5% + 0.10 = 2.35; net 147.65 unsettled until settlement
        BalanceData unsettled = client.queryBalance().dataOrThrow();
        assertThat(unsettled.unsettledAmount()).isEqualTo("147.6500");
        assertThat(unsettled.availableAmount()).isEqualTo("0.0000");
        JsonNode trade = trade(data.platFormTradeNo());
        assertThat(trade.get("fee").asText()).isEqualTo("2.3500");
        assertThat(postingAmounts(trade)).containsExactlyInAnyOrder("CHANNEL_CLEARING:simulator=-150.0000",
                "UNSETTLED=147.6500", "FEES=2.3500");

        TestGateway.Answer early = gateway.admin("POST", "/admin/v1/settlement/run",
                Map.of("asOf", java.time.Instant.now().toString()));
        assertThat(early.status()).isEqualTo(200);
        assertThat(client.queryBalance().dataOrThrow().unsettledAmount()).isEqualTo("147.6500");

        gateway.admin("POST", "/admin/v1/settlement/run", Map.of("asOf",
                java.time.Instant.now().plus(java.time.Duration.ofDays(2)).toString()));
        BalanceData settled = client.queryBalance().dataOrThrow();
        assertThat(settled.availableAmount()).isEqualTo("147.6500");
        assertThat(settled.unsettledAmount()).isEqualTo("0.0000");
    }

    @Test
    void payin_failure_moves_no_money_and_a_second_result_changes_nothing() {
        TestMerchant merchant = fundedMerchant(null, Map.of());
        PayProClient client = client(merchant);
        String tradeNo = tradeNo();
        PayinData data = client.payin(PayinRequest.brazil(tradeNo, "10", "Ana", "12345678909", NOTIFY, "r"))
                .dataOrThrow();
        complete(data.platFormTradeNo(), Map.of("status", "00029", "message", "payer declined"));
        JsonNode second = complete(data.platFormTradeNo(), Map.of("status", "0000"));
        assertThat(second.get("status").asText()).isEqualTo("00029");
        TradeResult result = client.queryPayin(tradeNo).dataOrThrow();
        assertThat(result.status()).isEqualTo("00029");
        assertThat(result.message()).isEqualTo("payer declined");
        assertThat(trade(data.platFormTradeNo()).get("postings")).isEmpty();
        assertThat(trade(data.platFormTradeNo()).get("notifications")).hasSize(1);
        assertThat(client.queryBalance().dataOrThrow().unsettledUnits()).isZero();
    }

    @Test
    void payout_freezes_amount_plus_fee_and_success_releases_the_frozen_funds() {
        TestMerchant merchant = fundedMerchant("1000.00", Map.of("payoutFeeFixed", "2.00"));
        PayProClient client = client(merchant);
        String tradeNo = tradeNo();
        ApiResult<PayoutData> created = client.payout(pixPayout(tradeNo, "300.00"));
        assertThat(created.accepted()).as(created.msg()).isTrue();
        assertThat(created.data().status()).isEqualTo("0015");
        BalanceData frozen = client.queryBalance().dataOrThrow();
        assertThat(frozen.availableAmount()).isEqualTo("698.0000");
        assertThat(frozen.freezeAmount()).isEqualTo("302.0000");

        complete(created.data().platFormTradeNo(), Map.of("status", "0000"));
        BalanceData after = client.queryBalance().dataOrThrow();
        assertThat(after.availableAmount()).isEqualTo("698.0000");
        assertThat(after.freezeAmount()).isEqualTo("0.0000");
        TradeResult result = client.queryPayout(tradeNo).dataOrThrow();
        assertThat(result.status()).isEqualTo("0000");
        assertThat(result.successTime()).isNotNull();
    }

    @Test
    void payout_failure_returns_everything_to_available() {
        TestMerchant merchant = fundedMerchant("500", Map.of("payoutFeeRate", "0.01"));
        PayProClient client = client(merchant);
        String tradeNo = tradeNo();
        PayoutData data = client.payout(pixPayout(tradeNo, "100")).dataOrThrow();
        assertThat(client.queryBalance().dataOrThrow().freezeAmount()).isEqualTo("101.0000");
        complete(data.platFormTradeNo(), Map.of("status", "00029", "message", "account closed"));
        BalanceData after = client.queryBalance().dataOrThrow();
        assertThat(after.availableAmount()).isEqualTo("500.0000");
        assertThat(after.freezeAmount()).isEqualTo("0.0000");
        TradeResult result = client.queryPayout(tradeNo).dataOrThrow();
        assertThat(result.status()).isEqualTo("00029");
        assertThat(result.message()).isEqualTo("account closed");
        assertThat(result.successTime()).isNull();
    }

    @Test
    void payout_without_funds_is_rejected_and_writes_nothing() {
        TestMerchant merchant = fundedMerchant("50", Map.of("payoutFeeFixed", "1"));
        var before = gateway.snapshot();
        ApiResult<PayoutData> result = client(merchant).payout(pixPayout(tradeNo(), "49.01"));
        assertThat(result.rejected()).isTrue();
        assertThat(result.msg()).isEqualTo("insufficient balance");
        assertThat(result.data()).isNull();
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    @Test
    void a_duplicate_trade_no_is_rejected_in_either_direction() {
        TestMerchant merchant = fundedMerchant("100", Map.of());
        PayProClient client = client(merchant);
        String tradeNo = tradeNo();
        assertThat(client.payin(PayinRequest.brazil(tradeNo, "10", "Ana", "12345678909", NOTIFY, "r")).accepted())
                .isTrue();
        var before = gateway.snapshot();
        ApiResult<PayinData> again = client.payin(PayinRequest.brazil(tradeNo, "10", "Ana", "12345678909", NOTIFY,
                "r"));
        assertThat(again.msg()).isEqualTo("duplicate tradeNo");
        assertThat(again.code()).isEqualTo("8000");
        ApiResult<PayoutData> payout = client.payout(pixPayout(tradeNo, "10"));
        assertThat(payout.msg()).isEqualTo("duplicate tradeNo");
        assertThat(gateway.snapshot()).isEqualTo(before);
        // another merchant may use the same tradeNo
        TestMerchant other = fundedMerchant(null, Map.of());
        assertThat(client(other).payin(PayinRequest.brazil(tradeNo, "10", "Ana", "12345678909", NOTIFY, "r"))
                .accepted()).isTrue();
    }

    @Test
    void fifty_identical_creates_at_the_same_moment_make_exactly_one_trade() throws Exception {
        TestMerchant merchant = fundedMerchant(null, Map.of());
        PayProClient client = client(merchant);
        String tradeNo = tradeNo();
        List<ApiResult<PayinData>> results = concurrently(50, () ->
                client.payin(PayinRequest.brazil(tradeNo, "25.50", "Ana", "12345678909", NOTIFY, "r")));
        assertThat(results.stream().filter(ApiResult::accepted)).hasSize(1);
        assertThat(results.stream().filter(r -> r.msg().equals("duplicate tradeNo"))).hasSize(49);
        long rows = gateway.app().database().jdbi().withHandle(handle -> handle
                .createQuery("SELECT count(*) FROM trade WHERE trade_no = :t").bind("t", tradeNo)
                .mapTo(Long.class).one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void fifty_identical_payouts_at_the_same_moment_make_one_trade_and_freeze_once() throws Exception {
        TestMerchant merchant = fundedMerchant("100.00", Map.of());
        PayProClient client = client(merchant);
        String tradeNo = tradeNo();
        List<ApiResult<PayoutData>> results = concurrently(50, () -> client.payout(pixPayout(tradeNo, "10.00")));
        assertThat(results.stream().filter(ApiResult::accepted)).hasSize(1);
        assertThat(results.stream().filter(r -> r.msg().equals("duplicate tradeNo"))).hasSize(49);
        BalanceData balance = client.queryBalance().dataOrThrow();
        assertThat(balance.availableAmount()).isEqualTo("90.0000");
        assertThat(balance.freezeAmount()).isEqualTo("10.0000");
    }

    @Test
    void two_hundred_concurrent_payouts_against_funds_for_one_hundred_accept_exactly_one_hundred() throws Exception {
        TestMerchant merchant = fundedMerchant("1000.00", Map.of("payoutFeeFixed", "0.50"));
        PayProClient client = client(merchant);
        List<ApiResult<PayoutData>> results = concurrently(200, () -> client.payout(pixPayout(tradeNo(), "9.50")));
        assertThat(results.stream().filter(ApiResult::accepted)).hasSize(100);
        assertThat(results.stream().filter(r -> !r.accepted()).map(ApiResult::msg)).containsOnly("insufficient balance");
        BalanceData balance = client.queryBalance().dataOrThrow();
        assertThat(balance.availableAmount()).isEqualTo("0.0000");
        assertThat(balance.freezeAmount()).isEqualTo("1000.0000");
    }

    @Test
    void a_merchant_never_sees_another_merchants_trades() {
        TestMerchant owner = fundedMerchant(null, Map.of());
        TestMerchant stranger = fundedMerchant(null, Map.of());
        String tradeNo = tradeNo();
        client(owner).payin(PayinRequest.brazil(tradeNo, "10", "Ana", "12345678909", NOTIFY, "r")).dataOrThrow();
        ApiResult<TradeResult> peek = client(stranger).queryPayin(tradeNo);
        assertThat(peek.msg()).isEqualTo("order not found");
        assertThat(peek.data()).isNull();
        assertThat(client(owner).queryPayout(tradeNo).msg()).isEqualTo("order not found");
    }

    @Test
    void the_brazil_base_path_and_the_bare_path_reach_the_same_endpoints() {
        TestMerchant merchant = fundedMerchant(null, Map.of());
        PayProClient viaBase = PayProClient.builder().baseUrl(gateway.baseUrl()).basePath("/brz-pay")
                .merchantNo(merchant.merchantNo()).secretKey(merchant.secret()).build();
        String tradeNo = tradeNo();
        assertThat(viaBase.payin(PayinRequest.brazil(tradeNo, "10", "Ana", "12345678909", NOTIFY, "r")).accepted())
                .isTrue();
        assertThat(client(merchant).queryPayin(tradeNo).dataOrThrow().tradeNo()).isEqualTo(tradeNo);
    }

    @Test
    void the_cashier_page_shows_amount_merchant_qr_and_buttons_and_its_pay_button_completes_the_payin() {
        TestMerchant merchant = fundedMerchant(null, Map.of());
        PayinData data = client(merchant).payin(PayinRequest.brazil(tradeNo(), "42.00", "Ana", "12345678909",
                NOTIFY, "r")).dataOrThrow();
        TestGateway.Answer page = gateway.get("/cashier/" + data.platFormTradeNo());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("42.00").contains("BRL").contains("Loja Teste").contains("<svg")
                .contains(data.qrCode()).contains(">Pay<").contains(">Fail<");
        TestGateway.Answer paid = gateway.cashierComplete(data.platFormTradeNo(), "{\"status\":\"0000\"}");
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.json().get("status").asText()).isEqualTo("0000");
        assertThat(gateway.get("/cashier/" + data.platFormTradeNo()).body()).doesNotContain(">Pay<");
        assertThat(gateway.get("/cashier/zzzzzzzzzzzzzzzz").status()).isEqualTo(404);
    }

    private static List<String> postingAmounts(JsonNode trade) {
        List<String> rows = new ArrayList<>();
        trade.get("postings").forEach(p -> rows.add(p.get("account").asText() + "=" + p.get("amount").asText()));
        return rows;
    }

    static <T> List<T> concurrently(int count, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
