package org.openpaypro.channel.mpesa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openpaypro.channel.ChannelSettings;
import org.openpaypro.channel.Connector;
import org.openpaypro.channel.ConnectorContext;
import org.openpaypro.channel.CreateOutcome;
import org.openpaypro.channel.PayinInstructions;
import org.openpaypro.channel.PayinRequest;
import org.openpaypro.channel.PayoutRequest;
import org.openpaypro.channel.PayoutSubmission;
import org.openpaypro.channel.RailResult;
import org.openpaypro.channel.TradeRef;
import org.openpaypro.channel.WebhookAnswer;
import org.openpaypro.fakes.mpesa.DarajaAccount;
import org.openpaypro.fakes.mpesa.Delivery;
import org.openpaypro.fakes.mpesa.FakeDaraja;
import org.openpaypro.fakes.mpesa.Fault;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.MutableClock;

/** {@code MPESA_DARAJA} against the Daraja fake over real HTTP, without the gateway (issue 12 items 5 and 6). */
class MpesaConnectorTest {
    private static final String PHONE = "254708374149";
    private final DarajaAccount account = DarajaAccount.sandbox();
    private final FakeDaraja fake = FakeDaraja.start(account);
    private final WebhookEndpoint endpoint = newEndpoint();
    private final Connector connector = open(Duration.ofSeconds(2));

    @AfterEach
    void stop() {
        fake.close();
        endpoint.close();
    }

    // ---- pay-in ----

    @Test
    void stk_push_sends_password_of_short_code_passkey_and_timestamp_and_whole_shillings() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String checkoutId = accepted(connector.createPayin(payin("ab12cd34ef56gh78", "150.00"))).channelRef();
        Instant after = Instant.now();

        JsonNode push = fake.stkPushRequests().get(0);
        String timestamp = push.get("Timestamp").asText();
        Instant sent = LocalDateTime.parse(timestamp, DateTimeFormatter.ofPattern("uuuuMMddHHmmss"))
                .atZone(ZoneId.of("Africa/Nairobi")).toInstant();
        assertThat(sent).isBetween(before, after);
        assertThat(new String(Base64.getDecoder().decode(push.get("Password").asText()), StandardCharsets.UTF_8))
                .isEqualTo(account.shortCode() + account.passkey() + timestamp);
        assertThat(push.get("Amount").isIntegralNumber()).isTrue();
        assertThat(push.get("Amount").asLong()).isEqualTo(150);
        assertThat(push.get("CallBackURL").asText()).isEqualTo(endpoint.webhookUrl() + "/stk");
        assertThat(push.get("AccountReference").asText()).isEqualTo("ab12cd34ef56");
        assertThat(push.get("PartyA").asText()).isEqualTo(PHONE);
        assertThat(checkoutId).startsWith("ws_CO_");
    }

    @Test
    void a_kes_amount_with_cents_is_refused_before_the_rail_is_called() {
        CreateOutcome<PayinInstructions> outcome = connector.createPayin(payin("t1", "100.50"));
        assertThat(outcome).isEqualTo(new CreateOutcome.Refused<PayinInstructions>(
                "M-Pesa moves whole shillings only; 100.50 KES would have to be rounded"));
        assertThat(fake.requests(FakeDaraja.STK_PUSH)).isZero();
        assertThat(fake.tokensIssued()).isZero();
    }

    @Test
    void a_pay_in_without_a_valid_payer_mobile_is_refused_before_the_rail_is_called() {
        PayinRequest noPhone = new PayinRequest("t2", "KE", "KES", new BigDecimal("10"), "Shop", "x", Map.of(),
                Instant.now());
        assertThat(connector.createPayin(noPhone)).isInstanceOf(CreateOutcome.Refused.class);
        assertThat(fake.requests(FakeDaraja.STK_PUSH)).isZero();
    }

    @Test
    void an_error_answer_to_the_stk_push_is_a_refusal_with_daraja_words_and_a_hang_is_unknown() {
        fake.failNext(FakeDaraja.STK_PUSH, Fault.SERVER_ERROR);
        assertThat(connector.createPayin(payin("t3", "10"))).isEqualTo(new CreateOutcome.Refused<PayinInstructions>(
                "M-Pesa refused the STK push: Internal Server Error (500.003.1001)"));

        fake.failNext(FakeDaraja.STK_PUSH, Fault.PROCESS_THEN_HANG);
        assertThat(connector.createPayin(payin("t4", "10"))).isInstanceOf(CreateOutcome.Unknown.class);
        assertThat(fake.stkPushes("t4")).isEqualTo(1);
        fake.releaseHangs();
    }

    @Test
    void a_pay_in_create_repeated_after_no_answer_is_not_pushed_again() {
        fake.failNext(FakeDaraja.STK_PUSH, Fault.HANG);
        PayinRequest request = payin("t4b", "10");
        assertThat(connector.createPayin(request)).isInstanceOf(CreateOutcome.Unknown.class);
        int pushes = fake.requests(FakeDaraja.STK_PUSH);
        CreateOutcome<PayinInstructions> retry = connector.createPayin(request); // the gateway retries once
        assertThat(retry).isEqualTo(new CreateOutcome.Unknown<PayinInstructions>("an earlier STK push for this trade"
                + " got no answer; not sent again (a second prompt could charge the payer twice)"));
        assertThat(fake.requests(FakeDaraja.STK_PUSH)).isEqualTo(pushes); // a second prompt could charge twice
        accepted(connector.createPayin(payin("t4c", "10"))); // other trades are pushed as usual
        fake.releaseHangs();
    }

    @Test
    void the_token_is_cached_and_an_expired_one_is_renewed_and_the_call_retried_once() {
        accepted(connector.createPayin(payin("t5", "10")));
        accepted(connector.createPayin(payin("t6", "10")));
        assertThat(fake.tokensIssued()).isEqualTo(1);

        fake.expireTokens();
        int pushesBefore = fake.requests(FakeDaraja.STK_PUSH);
        accepted(connector.createPayin(payin("t7", "10")));
        assertThat(fake.tokensIssued()).isEqualTo(2);
        assertThat(fake.requests(FakeDaraja.STK_PUSH)).isEqualTo(pushesBefore + 2); // refused at the token check
        assertThat(fake.stkPushes("t7")).isEqualTo(1); // ... so the rail processed it once

        fake.invalidTokenStatus(404); // daraja-local's way of saying it
        fake.expireTokens();
        accepted(connector.createPayin(payin("t8", "10")));
        assertThat(fake.tokensIssued()).isEqualTo(3);
    }

    @Test
    void a_cached_token_is_renewed_shortly_before_its_expires_in_without_waiting_for_a_401() {
        MutableClock clock = new MutableClock(Instant.now());
        Connector timed = new MpesaDarajaType().open(new ChannelSettings(config(), credentials()),
                new ConnectorContext("mpesa", endpoint.webhookUrl(), true, clock, Duration.ofSeconds(2)));
        accepted(timed.createPayin(payin("t9", "10")));
        clock.advance(Duration.ofSeconds(3599 - 61)); // more than a minute left: still cached
        accepted(timed.createPayin(payin("t10", "10")));
        assertThat(fake.tokensIssued()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2)); // inside the last minute: fetched again before use
        int pushesBefore = fake.requests(FakeDaraja.STK_PUSH);
        accepted(timed.createPayin(payin("t11", "10")));
        assertThat(fake.tokensIssued()).isEqualTo(2);
        assertThat(fake.requests(FakeDaraja.STK_PUSH)).isEqualTo(pushesBefore + 1); // no 401 was needed
    }

    @Test
    void wrong_consumer_credentials_refuse_the_pay_in_without_sending_it() {
        Map<String, String> keys = credentials();
        keys.put("consumerSecret", "wrong");
        Connector wrong = new MpesaDarajaType().open(new ChannelSettings(config(), keys),
                context(Duration.ofSeconds(2)));
        CreateOutcome<PayinInstructions> outcome = wrong.createPayin(payin("t13", "10"));
        assertThat(outcome).isEqualTo(new CreateOutcome.Refused<PayinInstructions>(
                "M-Pesa refused the token request: Invalid Authentication passed (400.008.01)"));
        assertThat(fake.requests(FakeDaraja.STK_PUSH)).isZero();
    }

    @Test
    void a_successful_stk_callback_is_confirmed_by_stk_query_before_it_counts() {
        String checkoutId = accepted(connector.createPayin(payin("p1", "250"))).channelRef();
        fake.resolveStk(checkoutId, "0");

        assertThat(fake.stkQueries(checkoutId)).isEqualTo(1);
        List<WebhookAnswer.Confirmed> confirmed = endpoint.confirmed();
        assertThat(confirmed).hasSize(1);
        assertThat(confirmed.get(0).channelRef()).isEqualTo(checkoutId);
        assertThat(confirmed.get(0).platformTradeNo()).isNull();
        assertThat(confirmed.get(0).result().success()).isTrue();
        assertThat(confirmed.get(0).result().railRef()).matches("[A-Z0-9]{10}");
        assertThat(endpoint.answers().get(0).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "ResultCode {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "1032|the payer cancelled",
        "1037|no answer from the payer's phone (off, out of coverage or ignored)",
        "2001|the payer entered a wrong M-Pesa PIN",
        "1|the payer's M-Pesa balance is insufficient",
        "1019|the payment prompt expired before the payer answered",
        "1001|the payer's phone is busy with another M-Pesa transaction"})
    void each_stk_failure_code_ends_the_pay_in_with_its_message(String resultCode, String message) {
        String checkoutId = accepted(connector.createPayin(payin("f" + resultCode, "10"))).channelRef();
        fake.resolveStk(checkoutId, resultCode);
        assertThat(endpoint.confirmed()).singleElement()
                .satisfies(c -> assertThat(c.result()).isEqualTo(RailResult.failed(message, checkoutId)));
        TradeRef trade = new TradeRef("f" + resultCode, false, checkoutId, "KES", new BigDecimal("10"));
        assertThat(connector.query(trade)).contains(RailResult.failed(message, checkoutId));
    }

    @Test
    void a_dropped_stk_callback_is_settled_by_query_with_the_amount_asked() {
        fake.stkCallbacks(Delivery.DROP);
        String checkoutId = accepted(connector.createPayin(payin("p2", "75"))).channelRef();
        TradeRef trade = new TradeRef("p2", false, checkoutId, "KES", new BigDecimal("75"));
        assertThat(connector.query(trade)).isEmpty(); // the payer has not answered yet
        fake.resolveStk(checkoutId, "0");
        assertThat(endpoint.answers()).isEmpty();
        assertThat(connector.query(trade)).contains(RailResult.succeeded(new BigDecimal("75"), checkoutId));
    }

    @Test
    void forged_stk_callbacks_confirm_nothing_new() {
        String pending = accepted(connector.createPayin(payin("p3", "10"))).channelRef();
        String cancelled = accepted(connector.createPayin(payin("p4", "10"))).channelRef();
        fake.stkCallbacks(Delivery.DROP);
        fake.resolveStk(cancelled, "1032");
        String url = endpoint.webhookUrl() + "/stk";

        assertThat(fake.post(url, successCallback(pending))).isEqualTo(200);
        assertThat(fake.post(url, successCallback("ws_CO_made_up"))).isEqualTo(200);
        assertThat(fake.post(url, "not json")).isEqualTo(200);
        assertThat(endpoint.confirmed()).isEmpty(); // still processing / unknown id / garbage

        assertThat(fake.post(url, successCallback(cancelled))).isEqualTo(200);
        assertThat(endpoint.confirmed()).singleElement() // the rail's truth, not the forger's claim
                .satisfies(c -> assertThat(c.result().success()).isFalse());
        assertThat(fake.post(endpoint.webhookUrl() + "/unknown", "{}")).isEqualTo(404);
    }

    @Test
    void a_duplicate_stk_callback_confirms_the_same_result_again_and_nothing_else() {
        fake.stkCallbacks(Delivery.TWICE);
        String checkoutId = accepted(connector.createPayin(payin("p5", "10"))).channelRef();
        fake.resolveStk(checkoutId, "0");
        assertThat(endpoint.confirmed()).hasSize(2).allSatisfy(c -> {
            assertThat(c.channelRef()).isEqualTo(checkoutId);
            assertThat(c.result().success()).isTrue();
        });
    }

    // ---- payout ----

    @Test
    void a_payout_is_sent_under_an_originator_id_from_the_trade_number_and_confirmed_by_transaction_status() {
        PayoutSubmission submission = accepted(connector.submitPayout(payout("po1trade", "300")));
        assertThat(submission.channelRef()).isEqualTo("OPP_po1trade");
        fake.resolvePayout("OPP_po1trade", "0");

        await(() -> !endpoint.confirmed().isEmpty());
        assertThat(fake.statusQueries("OPP_po1trade")).isEqualTo(1);
        WebhookAnswer.Confirmed confirmed = endpoint.confirmed().get(0);
        assertThat(confirmed.platformTradeNo()).isEqualTo("po1trade");
        assertThat(confirmed.result().success()).isTrue();
        assertThat(confirmed.result().amount()).isEqualByComparingTo("300");
        assertThat(fake.timesPaid("OPP_po1trade")).isEqualTo(1);
    }

    @Test
    void resubmitting_a_payout_never_pays_twice_and_the_duplicate_answer_counts_as_submitted() {
        accepted(connector.submitPayout(payout("po2trade", "40")));
        PayoutSubmission again = accepted(connector.submitPayout(payout("po2trade", "40")));
        assertThat(again.channelRef()).isEqualTo("OPP_po2trade");
        fake.resolvePayout("OPP_po2trade", "0");
        assertThat(fake.b2cRequests("OPP_po2trade")).isEqualTo(2);
        assertThat(fake.timesPaid("OPP_po2trade")).isEqualTo(1);
    }

    @Test
    void a_b2c_500_or_hang_is_unknown_never_refused_and_the_reconciler_query_settles_it() {
        fake.failNext(FakeDaraja.B2C, Fault.SERVER_ERROR);
        assertThat(connector.submitPayout(payout("po3trade", "10"))).isInstanceOf(CreateOutcome.Unknown.class);

        fake.payoutResults(Delivery.DROP);
        fake.failNext(FakeDaraja.B2C, Fault.PROCESS_THEN_HANG);
        assertThat(connector.submitPayout(payout("po4trade", "10"))).isInstanceOf(CreateOutcome.Unknown.class);
        fake.resolvePayout("OPP_po4trade", "0");
        TradeRef trade = new TradeRef("po4trade", true, null, "KES", new BigDecimal("10"));
        assertThat(connector.query(trade)).isEmpty(); // asked; the answer is posted to our status link
        await(() -> !endpoint.confirmed().isEmpty());
        assertThat(endpoint.confirmed().get(0).platformTradeNo()).isEqualTo("po4trade");
        assertThat(endpoint.confirmed().get(0).result().success()).isTrue();
        assertThat(fake.b2cRequests("OPP_po4trade")).isEqualTo(1);
    }

    @Test
    void a_queue_timeout_is_not_a_failure_and_the_outcome_waits_for_the_rail() {
        accepted(connector.submitPayout(payout("po5trade", "10")));
        fake.timeoutPayout("OPP_po5trade");
        await(() -> fake.delivered().stream().anyMatch(d -> d.kind().equals("status-result")));
        assertThat(endpoint.confirmed()).isEmpty(); // status says Pending

        fake.resolvePayout("OPP_po5trade", "1");
        await(() -> !endpoint.confirmed().isEmpty());
        assertThat(endpoint.confirmed().get(0).result())
                .isEqualTo(RailResult.failed("M-Pesa reports the payout as declined",
                        endpoint.confirmed().get(0).result().railRef()));
    }

    @Test
    void a_stale_pending_status_replayed_after_completion_confirms_nothing_new() {
        accepted(connector.submitPayout(payout("po8trade", "20")));
        fake.timeoutPayout("OPP_po8trade"); // makes us ask while the payout is still pending
        await(() -> fake.delivered().stream().anyMatch(d -> d.kind().equals("status-result")));
        var stale = fake.delivered().stream().filter(d -> d.kind().equals("status-result")).findFirst().orElseThrow();
        assertThat(stale.body()).contains("Pending");
        fake.resolvePayout("OPP_po8trade", "0");
        await(() -> endpoint.confirmed().size() == 1);

        assertThat(fake.post(stale.url(), stale.body())).isEqualTo(200); // out of order: a genuine but old answer
        assertThat(endpoint.confirmed()).singleElement().satisfies(c -> assertThat(c.result().success()).isTrue());
    }

    @Test
    void a_forged_b2c_result_or_status_post_confirms_nothing() {
        accepted(connector.submitPayout(payout("po6trade", "10")));
        String forgedResult = "{\"Result\":{\"ResultType\":0,\"ResultCode\":0,"
                + "\"OriginatorConversationID\":\"OPP_po6trade\",\"ConversationID\":\"AG_x\"}}";
        assertThat(fake.post(endpoint.webhookUrl() + "/b2c/result", forgedResult)).isEqualTo(200);
        await(() -> fake.delivered().stream().anyMatch(d -> d.kind().equals("status-result")));
        String forgedStatus = "{\"Result\":{\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":["
                + "{\"Key\":\"OriginatorConversationID\",\"Value\":\"OPP_po6trade\"},"
                + "{\"Key\":\"TransactionStatus\",\"Value\":\"Completed\"},{\"Key\":\"Amount\",\"Value\":\"10\"}]}}}";
        assertThat(fake.post(endpoint.webhookUrl() + "/b2c/status/OPP_po6trade/AAAAAAAAAAAAAAAAAAAAAA",
                forgedStatus)).isEqualTo(404);
        assertThat(endpoint.confirmed()).isEmpty();
        assertThat(fake.timesPaid("OPP_po6trade")).isZero();
    }

    @Test
    void a_b2c_refused_with_a_4xx_is_a_refusal() {
        Map<String, String> config = config();
        config.put("b2cShortCode", "999999"); // not the account's B2C short code: Daraja says Invalid PartyA
        Connector other = new MpesaDarajaType().open(new ChannelSettings(config, credentials()),
                context(Duration.ofSeconds(2)));
        assertThat(other.submitPayout(payout("po7trade", "10"))).isEqualTo(new CreateOutcome.Refused<PayoutSubmission>(
                "M-Pesa refused the B2C payment: Bad Request - Invalid PartyA (400.002.02)"));
    }

    // ---- helpers ----

    private Connector open(Duration timeout) {
        Connector opened = new MpesaDarajaType().open(new ChannelSettings(config(), credentials()), context(timeout));
        endpoint.connector(opened);
        return opened;
    }

    private ConnectorContext context(Duration timeout) {
        return new ConnectorContext("mpesa", endpoint.webhookUrl(), true, Clock.systemUTC(), timeout);
    }

    private Map<String, String> config() {
        return new HashMap<>(Map.of("baseUrl", fake.baseUrl(), "shortCode", account.shortCode(),
                "transactionType", "CustomerPayBillOnline", "b2cShortCode", account.b2cShortCode(),
                "initiatorName", account.initiatorName(), "commandId", "BusinessPayment"));
    }

    private Map<String, String> credentials() {
        return new HashMap<>(Map.of("consumerKey", account.consumerKey(), "consumerSecret",
                account.consumerSecret(), "passkey", account.passkey(), "securityCredential",
                account.securityCredential()));
    }

    private static PayinRequest payin(String tradeNo, String amount) {
        return new PayinRequest(tradeNo, "KE", "KES", new BigDecimal(amount), "Shop", "Order " + tradeNo,
                Map.of("mobile", PHONE), Instant.now());
    }

    private static PayoutRequest payout(String tradeNo, String amount) {
        return new PayoutRequest(tradeNo, "key-" + tradeNo, "KE", "KES", new BigDecimal(amount), "payout",
                Map.of("mobile", "254705912645"));
    }

    private static String successCallback(String checkoutId) {
        return "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"1-2-1\",\"CheckoutRequestID\":\"" + checkoutId
                + "\",\"ResultCode\":0,\"ResultDesc\":\"ok\",\"CallbackMetadata\":{\"Item\":["
                + "{\"Name\":\"Amount\",\"Value\":10},{\"Name\":\"MpesaReceiptNumber\",\"Value\":\"FORGED0001\"}]}}}}";
    }

    private static <T> T accepted(CreateOutcome<T> outcome) {
        assertThat(outcome).isInstanceOf(CreateOutcome.Accepted.class);
        return ((CreateOutcome.Accepted<T>) outcome).value();
    }

    /** Waits for an event that must come (a callback the fake posts asynchronously). */
    private static void await(BooleanSupplier condition) {
        Await.until("the fake's asynchronous callback", Duration.ofSeconds(10), condition::getAsBoolean);
    }

    private static WebhookEndpoint newEndpoint() {
        try {
            return new WebhookEndpoint();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
