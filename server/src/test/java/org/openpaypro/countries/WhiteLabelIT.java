package org.openpaypro.countries;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpaypro.sdk.ApiResult;
import org.openpaypro.sdk.BalanceData;
import org.openpaypro.sdk.Country;
import org.openpaypro.sdk.Notification;
import org.openpaypro.sdk.NotifyVerifier;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayinData;
import org.openpaypro.sdk.PayoutData;
import org.openpaypro.sdk.TradeResult;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.CallbackReceiver;
import org.openpaypro.testing.Deliveries;
import org.openpaypro.testing.Funding;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * White-label acceptance (issue 7): a gateway configured with the brand prefix {@code /v1/acmepay} serves Brazil and
 * Bangladesh under it, through the operation aliases {@code checkout} (pay-in), {@code disbursements} (payout) and
 * {@code payinSubmit}, with and without the country base path, end to end: trade, sandbox or payer completion, signed
 * callback, query, balance. Its own gateway (not the shared one), so it runs its own ledger check after each test.
 */
class WhiteLabelIT {
    private static final String BRAND = "/v1/acmepay";
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

    // ---- Brazil --------------------------------------------------------------------------------------------------

    @Test
    void brazil_checkout_and_disbursements_work_under_the_brand_with_the_country_base_path() throws Exception {
        brazilEndToEnd(true);
    }

    @Test
    void brazil_checkout_and_disbursements_work_under_the_bare_brand_path() throws Exception {
        brazilEndToEnd(false);
    }

    private void brazilEndToEnd(boolean withBasePath) throws Exception {
        TestMerchant merchant = merchant("BR", "1000.00", Map.of("payoutFeeFixed", "2.00"));
        PayProClient client = brandClient(Country.BRAZIL, merchant, withBasePath);

        String payinNo = "WLBR" + System.nanoTime();
        String payinUrl = receiver.url("/br-checkout-" + System.nanoTime());
        Map<String, String> payin = Map.of("tradeNo", payinNo, "amount", "150.00", "notifyUrl", payinUrl,
                "name", "Maria Souza", "identityType", "CPF", "userIdentity", "12345678909", "remark", "wl order");
        PayinData created = client.call("checkout", payin, PayinData.class).dataOrThrow();
        assertThat(created.status()).isEqualTo("0015");
        assertThat(created.qrCode()).isNotBlank();
        complete(created.platFormTradeNo(), "0000");
        Notification payinCallback = verifiedCallback(payinUrl, merchant);
        assertThat(payinCallback.status()).isEqualTo("0000");
        assertThat(payinCallback.amount()).isEqualTo("150.00");
        assertThat(client.queryPayin(payinNo).dataOrThrow().status()).isEqualTo("0000");

        String payoutNo = "WLBRO" + System.nanoTime();
        String payoutUrl = receiver.url("/br-disbursement-" + System.nanoTime());
        Map<String, String> payout = new HashMap<>(Map.of("tradeNo", payoutNo, "amount", "300.00",
                "notifyUrl", payoutUrl, "name", "Maria Souza", "email", "maria@example.com",
                "mobile", "+5511987654321", "bankType", "CPF", "bankNumber", "12345678909", "identityType", "CPF"));
        payout.put("userIdentity", "12345678909");
        payout.put("remark", "wl payout");
        PayoutData sent = client.call("disbursements", payout, PayoutData.class).dataOrThrow();
        assertThat(client.queryBalance().dataOrThrow().freezeAmount()).isEqualTo("302.0000");
        complete(sent.platFormTradeNo(), "0000");
        assertThat(verifiedCallback(payoutUrl, merchant).status()).isEqualTo("0000");
        TradeResult payoutResult = client.queryPayout(payoutNo).dataOrThrow();
        assertThat(payoutResult.status()).isEqualTo("0000");
        BalanceData balance = client.queryBalance().dataOrThrow();
        assertThat(balance.availableAmount()).isEqualTo("698.0000");
        assertThat(balance.freezeAmount()).isEqualTo("0.0000");
        assertThat(balance.unsettledAmount()).isEqualTo("150.0000");
    }

    @Test
    void brazil_has_no_payin_submission_under_the_brand() {
        TestMerchant merchant = merchant("BR", null, Map.of());
        Map<String, Long> before = gateway.snapshot();
        ApiResult<Map<String, Object>> bare = brandClient(Country.BRAZIL, merchant, false)
                .call("payinSubmit", Map.of("tradeNo", "x1234", "trxId", "ABCD1234"));
        assertThat(bare.code()).isEqualTo("8000");
        assertThat(bare.msg()).isEqualTo("endpoint " + BRAND + "/payinSubmit is not available for country BR");
        assertThat(gateway.post("/brz-pay" + BRAND + "/payinSubmit", Map.of("merchantNo", merchant.merchantNo()),
                "{}").status()).isEqualTo(404);
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    // ---- Bangladesh ----------------------------------------------------------------------------------------------

    @Test
    void bangladesh_checkout_payinSubmit_and_disbursements_work_under_the_brand_with_the_country_base_path()
            throws Exception {
        bangladeshEndToEnd(true);
    }

    @Test
    void bangladesh_checkout_payinSubmit_and_disbursements_work_under_the_bare_brand_path() throws Exception {
        bangladeshEndToEnd(false);
    }

    private void bangladeshEndToEnd(boolean withBasePath) throws Exception {
        TestMerchant merchant = merchant("BD", "5000", Map.of("payinFeeRate", "0.01"));
        PayProClient client = brandClient(Country.BANGLADESH, merchant, withBasePath);

        String payinNo = "WLBD" + System.nanoTime();
        String payinUrl = receiver.url("/bd-checkout-" + System.nanoTime());
        PayinData created = client.call("checkout", Map.of("tradeNo", payinNo, "amount", "1000",
                "notifyUrl", payinUrl, "wayCode", "EWALLET_BKASH"), PayinData.class).dataOrThrow();
        assertThat(created.status()).isEqualTo("0015");
        assertThat(created.paymentUrl()).endsWith("/cashier/" + created.platFormTradeNo());
        TradeResult submitted = client.call("payinSubmit", Map.of("tradeNo", payinNo, "trxId", "9BK7X2Q4LM"),
                TradeResult.class).dataOrThrow();
        assertThat(submitted.status()).isEqualTo("0000");
        Notification payinCallback = verifiedCallback(payinUrl, merchant);
        assertThat(payinCallback.status()).isEqualTo("0000");
        assertThat(payinCallback.tradeNo()).isEqualTo(payinNo);
        assertThat(client.queryPayin(payinNo).dataOrThrow().status()).isEqualTo("0000");

        String payoutNo = "WLBDO" + System.nanoTime();
        String payoutUrl = receiver.url("/bd-disbursement-" + System.nanoTime());
        PayoutData sent = client.call("disbursements", Map.of("tradeNo", payoutNo, "amount", "2000",
                "notifyUrl", payoutUrl, "walletId", "01712345678", "wayCode", "EWALLET_ROCKET"), PayoutData.class)
                .dataOrThrow();
        assertThat(client.queryBalance().dataOrThrow().freezeAmount()).isEqualTo("2000.0000");
        complete(sent.platFormTradeNo(), "00029");
        Notification payoutCallback = verifiedCallback(payoutUrl, merchant);
        assertThat(payoutCallback.status()).isEqualTo("00029");
        assertThat(client.queryPayout(payoutNo).dataOrThrow().status()).isEqualTo("00029");
        BalanceData balance = client.queryBalance().dataOrThrow();
        assertThat(balance.availableAmount()).isEqualTo("5000.0000");
        assertThat(balance.freezeAmount()).isEqualTo("0.0000");
        assertThat(balance.unsettledAmount()).isEqualTo("990.0000");
    }

    // ---- the brand next to the standard family --------------------------------------------------------------------

    @Test
    void the_standard_family_and_documented_names_keep_working_next_to_the_brand() {
        TestMerchant merchant = merchant("BD", null, Map.of());
        PayProClient standard = PayProClient.builder().baseUrl(gateway.baseUrl()).country(Country.BANGLADESH)
                .basePath("/bd-pay").merchantNo(merchant.merchantNo()).secretKey(merchant.secret()).build();
        String tradeNo = "WLSTD" + System.nanoTime();
        assertThat(standard.payin(Map.of("tradeNo", tradeNo, "amount", "300", "notifyUrl",
                "http://localhost:9/notify", "wayCode", "EWALLET_NAGAD")).accepted()).isTrue();
        assertThat(brandClient(Country.BANGLADESH, merchant, false).call("payin", Map.of("tradeNo", tradeNo + "b",
                "amount", "300", "notifyUrl", "http://localhost:9/notify", "wayCode", "EWALLET_NAGAD"))
                .accepted()).isTrue();
        assertThat(brandClient(Country.BANGLADESH, merchant, true).queryPayin(tradeNo).dataOrThrow().tradeNo())
                .isEqualTo(tradeNo);
    }

    @Test
    void the_brand_replaces_only_the_standard_family_not_pakistans_own() {
        TestMerchant merchant = merchant("PK", null, Map.of());
        Map<String, Long> before = gateway.snapshot();
        ApiResult<Map<String, Object>> result = brandClient(Country.PAKISTAN, merchant, false).call("checkout",
                Map.of("tradeNo", "WLPK1", "amount", "300", "notifyUrl", "http://localhost:9/notify"));
        assertThat(result.msg()).isEqualTo("endpoint " + BRAND + "/checkout is not available for country PK");
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static PayProClient brandClient(Country country, TestMerchant merchant, boolean withBasePath) {
        return PayProClient.builder().baseUrl(gateway.baseUrl()).country(country).family(BRAND)
                .basePath(withBasePath ? country.basePath() : "").merchantNo(merchant.merchantNo())
                .secretKey(merchant.secret()).build();
    }

    private static TestMerchant merchant(String country, String funds, Map<String, String> fees) {
        Map<String, String> body = new LinkedHashMap<>(fees);
        body.put("name", "Acme " + country);
        body.put("country", country);
        TestMerchant merchant = gateway.createMerchant(body);
        if (funds != null) {
            Funding.fund(gateway::admin, merchant.merchantNo(), funds);
        }
        return merchant;
    }

    private static void complete(String platformTradeNo, String status) {
        TestGateway.Answer answer = gateway.admin("POST", "/sandbox/v1/trades/" + platformTradeNo + "/complete",
                Map.of("status", status));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private static Notification verifiedCallback(String url, TestMerchant merchant) throws InterruptedException {
        String path = java.net.URI.create(url).getPath();
        CallbackReceiver.Received first = Await.until("a callback at " + url, Duration.ofSeconds(10),
                () -> receiver.received(path), list -> !list.isEmpty()).get(0);
        String platformTradeNo = first.body().replaceAll(".*\"platFormTradeNo\":\"([^\"]+)\".*", "$1");
        // once its notification is final no second callback can come: one would be in the list
        List<CallbackReceiver.Received> received = Deliveries.finished(gateway::admin, receiver, path,
                List.of(platformTradeNo), Duration.ofSeconds(10));
        assertThat(received).hasSize(1);
        return new NotifyVerifier(merchant.secret()).verify(received.get(0).body().getBytes(StandardCharsets.UTF_8));
    }
}
