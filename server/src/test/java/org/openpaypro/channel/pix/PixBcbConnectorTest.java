package org.openpaypro.channel.pix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import org.openpaypro.channel.WebhookCall;
import org.openpaypro.fakes.pix.FakePixPsp;
import org.openpaypro.fakes.pix.FakePixPsp.Fault;
import org.openpaypro.fakes.pix.FakePixPsp.Op;
import org.openpaypro.fakes.pix.PixTestPki;
import org.openpaypro.testing.MutableClock;

/** The PIX_BCB connector alone against the fake PSP (real HTTPS with client certificates), issue 12 items 4 and 6. */
class PixBcbConnectorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /**
     * The call timeout of the tests in which the fake PSP does not answer ({@link #openWithShortTimeout}): each of
     * them waits it out once or twice, and a warm exchange with the fake takes milliseconds.
     */
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(2);
    /** Longer than {@link #SHORT_TIMEOUT}: the connector gives up first. */
    private static final Duration HANG = SHORT_TIMEOUT.plusSeconds(2);
    private static final String TRADE_NO = "k3j9x0a1b2c3d4e5";

    private FakePixPsp psp;
    private HttpServer receiver;
    private final BlockingQueue<byte[]> notified = new LinkedBlockingQueue<>();
    private final MutableClock clock = new MutableClock(Instant.now());
    private Connector connector;
    private String webhookUrl;

    /** One full exchange with a generous timeout, so the first test does not pay for a cold TLS stack. */
    @BeforeAll
    static void warmUp() {
        try (FakePixPsp warm = FakePixPsp.start()) {
            new PixBcbType().open(PixFixture.settings(warm), new ConnectorContext("warm", "https://gw.example/x", true,
                    Clock.systemUTC(), Duration.ofSeconds(60))).createPayin(payin("warm", "1.00"));
        }
    }

    @BeforeEach
    void start() throws IOException {
        psp = FakePixPsp.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("/pix")) {
                notified.add(exchange.getRequestBody().readAllBytes());
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        webhookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/channels/v1/pix-a/abcdefghijklmnop";
        connector = open(PixFixture.settings(psp));
    }

    @AfterEach
    void stop() {
        psp.close();
        receiver.stop(0);
    }

    private Connector open(ChannelSettings settings) {
        return new PixBcbType().open(settings, new ConnectorContext("pix-a", webhookUrl, true, clock, TIMEOUT));
    }

    private void openWithShortTimeout() {
        connector = new PixBcbType().open(PixFixture.settings(psp), new ConnectorContext("pix-a", webhookUrl, true,
                clock, SHORT_TIMEOUT));
    }

    private static PayinRequest payin(String tradeNo, String amount) {
        return new PayinRequest(tradeNo, "BR", "BRL", new BigDecimal(amount), "Loja", "pedido 42",
                Map.of("name", "Fulano de Tal", "identityType", "CPF", "userIdentity", "12345678909"), Instant.now());
    }

    private static PayoutRequest payout(String tradeNo, String amount, String bankType, String bankNumber) {
        return new PayoutRequest(tradeNo, "key-" + tradeNo, "BR", "BRL", new BigDecimal(amount), "repasse",
                Map.of("bankType", bankType, "bankNumber", bankNumber, "name", "Fulano"));
    }

    private WebhookAnswer deliverNext() throws InterruptedException {
        byte[] body = notified.poll(10, TimeUnit.SECONDS);
        assertThat(body).as("a notification from the PSP").isNotNull();
        return connector.onWebhook(new WebhookCall("/pix", body, Map.of("content-type", "application/json")));
    }

    @Test
    void aPayinCreatesTheChargeUnderTheDerivedTxidAndAnswersItsBrCode() {
        CreateOutcome<PayinInstructions> outcome = connector.createPayin(payin(TRADE_NO, "150.5"));

        String txid = PixIds.txid(TRADE_NO);
        JsonNode charge = psp.charge(txid).orElseThrow();
        assertThat(outcome).isInstanceOf(CreateOutcome.Accepted.class);
        PayinInstructions instructions = ((CreateOutcome.Accepted<PayinInstructions>) outcome).value();
        assertThat(instructions.qrCode()).isEqualTo(charge.path("pixCopiaECola").asText()).startsWith("000201");
        assertThat(instructions.channelRef()).isEqualTo(txid).matches("[a-zA-Z0-9]{26,35}");
        assertThat(charge.path("valor").path("original").asText()).isEqualTo("150.50");
        assertThat(charge.path("calendario").path("expiracao").asInt()).isEqualTo(3600);
        assertThat(charge.path("devedor").path("cpf").asText()).isEqualTo("12345678909");
        assertThat(psp.requests(Op.PUT_COB, txid)).isEqualTo(1);
    }

    @Test
    void expirationSecondsOfTheConfigBecomesTheChargeLifetime() {
        Map<String, String> config = PixFixture.config(psp);
        config.put("expirationSeconds", "900");
        open(new ChannelSettings(config, PixFixture.credentials(psp))).createPayin(payin(TRADE_NO, "10"));

        assertThat(psp.charge(PixIds.txid(TRADE_NO)).orElseThrow().path("calendario").path("expiracao").asInt())
                .isEqualTo(900);
    }

    @Test
    void anAmountFinerThanCentavosIsRefusedWithoutAskingTheRail() {
        CreateOutcome<PayinInstructions> outcome = connector.createPayin(payin(TRADE_NO, "10.005"));

        assertThat(outcome).isInstanceOf(CreateOutcome.Refused.class);
        assertThat(psp.requests(Op.PUT_COB, PixIds.txid(TRADE_NO))).isZero();
    }

    @Test
    void aRailErrorOnAPayinCreateIsARefusalWithTheRailsWords() {
        psp.nextAnswer(Op.PUT_COB, Fault.status(500));

        CreateOutcome<PayinInstructions> outcome = connector.createPayin(payin(TRADE_NO, "10.00"));

        assertThat(outcome).isInstanceOf(CreateOutcome.Refused.class);
        assertThat(((CreateOutcome.Refused<PayinInstructions>) outcome).reason()).contains("ServicoIndisponivel");
        assertThat(psp.requests(Op.PUT_COB, PixIds.txid(TRADE_NO))).isEqualTo(1);
    }

    @Test
    void aPayinWithoutAnswerIsRetriedOnceWithTheSameTxidThenUnknown() {
        openWithShortTimeout();
        psp.nextAnswer(Op.PUT_COB, Fault.hangAfterProcessing(HANG));
        psp.nextAnswer(Op.PUT_COB, Fault.hangAfterProcessing(HANG));

        CreateOutcome<PayinInstructions> outcome = connector.createPayin(payin(TRADE_NO, "10.00"));

        assertThat(outcome).isInstanceOf(CreateOutcome.Unknown.class);
        assertThat(psp.requests(Op.PUT_COB, PixIds.txid(TRADE_NO))).isEqualTo(2);
    }

    @Test
    void aPayinWhoseFirstAnswerIsLostSucceedsOnTheRetryWithTheSameTxid() {
        openWithShortTimeout();
        psp.nextAnswer(Op.PUT_COB, Fault.hangAfterProcessing(HANG));

        CreateOutcome<PayinInstructions> outcome = connector.createPayin(payin(TRADE_NO, "10.00"));

        assertThat(outcome).isInstanceOf(CreateOutcome.Accepted.class);
        assertThat(psp.requests(Op.PUT_COB, PixIds.txid(TRADE_NO))).isEqualTo(2);
    }

    @Test
    void theTokenIsCachedAndRenewedShortlyBeforeItExpires() {
        assertThat(connector.createPayin(payin("a1", "1.00"))).isInstanceOf(CreateOutcome.Accepted.class);
        connector.createPayin(payin("a2", "1.00"));
        assertThat(psp.requests(Op.TOKEN, "")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(3600 - 20));
        connector.createPayin(payin("a3", "1.00"));

        assertThat(psp.requests(Op.TOKEN, "")).isEqualTo(2);
    }

    @Test
    void aTokenEndpointThatOnlyTakesJsonStillIssuesTheToken() {
        psp.acceptTokenBodies(false, true);

        assertThat(connector.createPayin(payin(TRADE_NO, "1.00"))).isInstanceOf(CreateOutcome.Accepted.class);
        assertThat(psp.requests(Op.TOKEN, "")).isEqualTo(2);
    }

    @Test
    void aRefusedClientIsARefusalNamingTheTokenEndpoint() {
        Map<String, String> credentials = PixFixture.credentials(psp);
        credentials.put("clientSecret", "wrong");

        CreateOutcome<PayinInstructions> outcome = open(new ChannelSettings(PixFixture.config(psp), credentials))
                .createPayin(payin(TRADE_NO, "1.00"));

        assertThat(outcome).isInstanceOf(CreateOutcome.Refused.class);
        assertThat(((CreateOutcome.Refused<PayinInstructions>) outcome).reason()).contains("OAuth token")
                .contains("401").doesNotContain("wrong");
        assertThat(psp.requests(Op.PUT_COB, PixIds.txid(TRADE_NO))).isZero();
    }

    @Test
    void anExpiredTokenGets401ThenOneRenewalAndTheCallIsRetriedOnce() {
        assertThat(connector.createPayin(payin("a1", "1.00"))).isInstanceOf(CreateOutcome.Accepted.class);
        psp.expireTokens();

        CreateOutcome<PayinInstructions> outcome = connector.createPayin(payin(TRADE_NO, "1.00"));

        assertThat(outcome).isInstanceOf(CreateOutcome.Accepted.class);
        assertThat(psp.requests(Op.TOKEN, "")).isEqualTo(2);
        assertThat(psp.requests(Op.PUT_COB, PixIds.txid(TRADE_NO))).isEqualTo(2);
    }

    @Test
    void withoutAClientCertificateTheRailRefusesTheConnectionAndNothingIsCreated() {
        Map<String, String> credentials = PixFixture.credentials(psp);
        credentials.remove("clientCertificateP12");
        credentials.remove("clientCertificatePassword");

        CreateOutcome<PayinInstructions> outcome = open(new ChannelSettings(PixFixture.config(psp), credentials))
                .createPayin(payin(TRADE_NO, "1.00"));

        assertThat(outcome).isNotInstanceOf(CreateOutcome.Accepted.class);
        assertThat(psp.requests(Op.TOKEN, "")).isZero();
        assertThat(psp.charge(PixIds.txid(TRADE_NO))).isEmpty();
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefusedToo() {
        Map<String, String> credentials = PixFixture.credentials(psp);
        credentials.put("clientCertificateP12", psp.pki().strangerClientP12Base64());

        CreateOutcome<PayinInstructions> outcome = open(new ChannelSettings(PixFixture.config(psp), credentials))
                .createPayin(payin(TRADE_NO, "1.00"));

        assertThat(outcome).isNotInstanceOf(CreateOutcome.Accepted.class);
        assertThat(psp.requests(Op.TOKEN, "")).isZero();
    }

    @Test
    void aServerCertificateForAnotherHostNameIsRefused() {
        try (FakePixPsp foreign = FakePixPsp.start(PixTestPki.generate(false))) {
            CreateOutcome<PayinInstructions> outcome = open(PixFixture.settings(foreign))
                    .createPayin(payin(TRADE_NO, "1.00"));

            assertThat(outcome).isInstanceOf(CreateOutcome.Refused.class);
            assertThat(foreign.requests(Op.TOKEN, "")).isZero();
        }
    }

    @Test
    void withoutTheCaTheRailsCertificateIsNotTrusted() {
        Map<String, String> credentials = PixFixture.credentials(psp);
        credentials.remove("trustCertificatePem");

        CreateOutcome<PayinInstructions> outcome = open(new ChannelSettings(PixFixture.config(psp), credentials))
                .createPayin(payin(TRADE_NO, "1.00"));

        assertThat(outcome).isInstanceOf(CreateOutcome.Refused.class);
        assertThat(psp.requests(Op.TOKEN, "")).isZero();
    }

    @Test
    void aPaidChargeIsConfirmedByGetCobWithTheAmountActuallyReceived() throws Exception {
        connector.registerWebhook(webhookUrl);
        connector.createPayin(payin(TRADE_NO, "150.00"));
        String txid = PixIds.txid(TRADE_NO);

        psp.payCharge(txid, new BigDecimal("100.00"));
        WebhookAnswer answer = deliverNext();

        assertThat(answer.status()).isEqualTo(200);
        String e2eId = answer.confirmed().get(0).result().railRef();
        assertThat(answer.confirmed()).containsExactly(new WebhookAnswer.Confirmed(TRADE_NO, null,
                new RailResult(true, new BigDecimal("100.00"), "SUCCESS", e2eId)));
        assertThat(e2eId).hasSize(32).startsWith("E");
        assertThat(psp.requests(Op.GET_COB, txid)).isEqualTo(1);
    }

    @Test
    void notificationsOutOfOrderEachConfirmWhatTheRailSaysNow() throws Exception {
        connector.registerWebhook(webhookUrl);
        connector.createPayin(payin("d1", "10.00"));
        connector.createPayin(payin("d2", "20.00"));
        psp.webhookDelivery(FakePixPsp.Delivery.HOLD);
        psp.payCharge(PixIds.txid("d1"));
        psp.payCharge(PixIds.txid("d2"));
        psp.releaseHeld(true);

        WebhookAnswer first = deliverNext();
        WebhookAnswer second = deliverNext();

        assertThat(first.confirmed()).extracting(WebhookAnswer.Confirmed::platformTradeNo).containsExactly("d2");
        assertThat(second.confirmed()).extracting(WebhookAnswer.Confirmed::platformTradeNo).containsExactly("d1");
        assertThat(first.confirmed().get(0).result().amount()).isEqualByComparingTo("20.00");
        assertThat(second.confirmed().get(0).result().amount()).isEqualByComparingTo("10.00");
    }

    @Test
    void aDroppedNotificationLeavesTheQueryToFindThePayment() {
        connector.registerWebhook(webhookUrl);
        connector.createPayin(payin(TRADE_NO, "10.00"));
        psp.webhookDelivery(FakePixPsp.Delivery.DROP);

        psp.payCharge(PixIds.txid(TRADE_NO));

        assertThat(psp.notifications()).singleElement().satisfies(n -> assertThat(n.status()).isEqualTo(-1));
        assertThat(connector.query(new TradeRef(TRADE_NO, false, PixIds.txid(TRADE_NO), "BRL", BigDecimal.TEN)))
                .hasValueSatisfying(result -> assertThat(result.success()).isTrue());
    }

    @Test
    void aNotificationWhoseConfirmationGetsNoAnswerConfirmsNothingAndTheQueryLaterDoes() {
        openWithShortTimeout();
        connector.createPayin(payin(TRADE_NO, "10.00"));
        String txid = PixIds.txid(TRADE_NO);
        psp.payCharge(txid);
        psp.nextAnswer(Op.GET_COB, Fault.hangBeforeProcessing(HANG));
        String body = "{\"pix\":[{\"endToEndId\":\"E12345678202009091221kkkkkkkkkkk\",\"txid\":\"" + txid
                + "\",\"valor\":\"10.00\",\"horario\":\"2020-09-09T20:15:00.358Z\"}]}";

        WebhookAnswer answer = connector.onWebhook(new WebhookCall("/pix", body.getBytes(StandardCharsets.UTF_8),
                Map.of()));

        assertThat(answer.confirmed()).isEmpty();
        assertThat(connector.query(new TradeRef(TRADE_NO, false, txid, "BRL", BigDecimal.TEN))).isPresent();
    }

    @Test
    void aNotificationForAnUnpaidChargeConfirmsNothing() {
        connector.createPayin(payin(TRADE_NO, "150.00"));
        String txid = PixIds.txid(TRADE_NO);
        String forged = "{\"pix\":[{\"endToEndId\":\"E12345678202009091221kkkkkkkkkkk\",\"txid\":\"" + txid
                + "\",\"valor\":\"150.00\",\"horario\":\"2020-09-09T20:15:00.358Z\"}]}";

        WebhookAnswer answer = connector.onWebhook(new WebhookCall("/pix", forged.getBytes(StandardCharsets.UTF_8),
                Map.of()));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.confirmed()).isEmpty();
        assertThat(psp.requests(Op.GET_COB, txid)).isEqualTo(1);
    }

    @Test
    void aMalformedNotificationIsRefusedWithoutAskingTheRail() {
        WebhookAnswer answer = connector.onWebhook(new WebhookCall("/pix", "{not json".getBytes(StandardCharsets.UTF_8),
                Map.of()));
        WebhookAnswer other = connector.onWebhook(new WebhookCall("/cobv", "{}".getBytes(StandardCharsets.UTF_8),
                Map.of()));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(other.status()).isEqualTo(404);
        assertThat(answer.confirmed()).isEmpty();
        assertThat(psp.requests(Op.TOKEN, "")).isZero();
    }

    @Test
    void aPayoutSendsToThePhoneKeyInDictFormAndIsConfirmedFromTheEfiNotification() throws Exception {
        connector.registerWebhook(webhookUrl);

        CreateOutcome<PayoutSubmission> outcome = connector.submitPayout(payout(TRADE_NO, "5", "PHONE", "11987654321"));
        WebhookAnswer answer = deliverNext();

        String idEnvio = PixIds.idEnvio(TRADE_NO);
        assertThat(outcome).isInstanceOf(CreateOutcome.Accepted.class);
        assertThat(((CreateOutcome.Accepted<PayoutSubmission>) outcome).value().channelRef()).isEqualTo(idEnvio);
        JsonNode send = psp.send(idEnvio).orElseThrow();
        assertThat(send.path("favorecido").path("chave").asText()).isEqualTo("+5511987654321");
        assertThat(send.path("pagador").path("chave").asText()).isEqualTo(FakePixPsp.PIX_KEY);
        assertThat(send.path("valor").asText()).isEqualTo("5.00");
        assertThat(answer.confirmed()).hasSize(1);
        assertThat(answer.confirmed().get(0).platformTradeNo()).isEqualTo(TRADE_NO);
        assertThat(answer.confirmed().get(0).result().success()).isTrue();
        assertThat(answer.confirmed().get(0).result().amount()).isEqualByComparingTo("5.00");
        assertThat(psp.requests(Op.GET_SEND, idEnvio)).isEqualTo(1);
    }

    @Test
    void aCpfKeyIsSentAsDigitsOnly() {
        connector.registerWebhook(webhookUrl);

        connector.submitPayout(payout(TRADE_NO, "5", "CPF", "123.456.789-09"));

        assertThat(psp.send(PixIds.idEnvio(TRADE_NO)).orElseThrow().path("favorecido").path("chave").asText())
                .isEqualTo("12345678909");
    }

    @Test
    void aPayoutSubmittedAgainFindsTheExistingSendUnderTheSameIdEnvio() {
        connector.registerWebhook(webhookUrl);
        psp.sendOutcome(FakePixPsp.SendOutcome.STAY_PROCESSING);
        PayoutRequest request = payout(TRADE_NO, "5.00", "EMAIL", "fornecedor@example.com.br");

        CreateOutcome<PayoutSubmission> first = connector.submitPayout(request);
        CreateOutcome<PayoutSubmission> again = connector.submitPayout(request);

        String idEnvio = PixIds.idEnvio(TRADE_NO);
        assertThat(first).isInstanceOf(CreateOutcome.Accepted.class);
        assertThat(again).isEqualTo(first);
        assertThat(psp.requests(Op.PUT_SEND, idEnvio)).isEqualTo(2);
        assertThat(psp.sendsCreated(idEnvio)).isEqualTo(1);
    }

    @Test
    void aSendWhoseAnswerIsLostIsUnknownAndTheRetryNeverSendsTwice() {
        openWithShortTimeout();
        connector.registerWebhook(webhookUrl);
        psp.sendOutcome(FakePixPsp.SendOutcome.STAY_PROCESSING);
        psp.nextAnswer(Op.PUT_SEND, Fault.hangAfterProcessing(HANG));
        PayoutRequest request = payout(TRADE_NO, "5.00", "EVP", "345E4568-E89B-12D3-A456-006655440001");

        CreateOutcome<PayoutSubmission> lost = connector.submitPayout(request);
        CreateOutcome<PayoutSubmission> again = connector.submitPayout(request);

        String idEnvio = PixIds.idEnvio(TRADE_NO);
        assertThat(lost).isInstanceOf(CreateOutcome.Unknown.class);
        assertThat(again).isInstanceOf(CreateOutcome.Accepted.class);
        assertThat(psp.sendsCreated(idEnvio)).isEqualTo(1);
        assertThat(psp.send(idEnvio).orElseThrow().path("favorecido").path("chave").asText())
                .isEqualTo("345e4568-e89b-12d3-a456-006655440001");
    }

    @Test
    void aRail5xxOnASendIsUnknownButARefusalInTheAnswerIsRefused() {
        connector.registerWebhook(webhookUrl);
        psp.nextAnswer(Op.PUT_SEND, Fault.status(503));
        assertThat(connector.submitPayout(payout("b1", "5.00", "CPF", "12345678909")))
                .isInstanceOf(CreateOutcome.Unknown.class);

        psp.sendOutcome(FakePixPsp.SendOutcome.REFUSE_AT_ONCE);
        CreateOutcome<PayoutSubmission> refused = connector.submitPayout(payout("b2", "5.00", "CPF", "12345678909"));

        assertThat(refused).isInstanceOf(CreateOutcome.Refused.class);
        assertThat(((CreateOutcome.Refused<PayoutSubmission>) refused).reason()).contains("envio_recusado");
    }

    @Test
    void aSendTheRailRejectsLaterIsConfirmedFailedByQuery() {
        connector.registerWebhook(webhookUrl);
        psp.sendOutcome(FakePixPsp.SendOutcome.STAY_PROCESSING);
        connector.submitPayout(payout(TRADE_NO, "15.00", "CPF", "12345678909"));
        TradeRef ref = new TradeRef(TRADE_NO, true, PixIds.idEnvio(TRADE_NO), "BRL", new BigDecimal("15.00"));
        assertThat(connector.query(ref)).isEmpty();

        psp.settleSend(PixIds.idEnvio(TRADE_NO), false);

        assertThat(connector.query(ref)).hasValueSatisfying(result -> {
            assertThat(result.success()).isFalse();
            assertThat(result.message()).contains("NAO_REALIZADO");
        });
    }

    @Test
    void aChannelWithoutPayoutApiRefusesPayoutsWithoutAskingTheRail() {
        Map<String, String> config = PixFixture.config(psp);
        config.put("payoutApi", "NONE");

        CreateOutcome<PayoutSubmission> outcome = open(new ChannelSettings(config, PixFixture.credentials(psp)))
                .submitPayout(payout(TRADE_NO, "5.00", "CPF", "12345678909"));

        assertThat(outcome).isInstanceOf(CreateOutcome.Refused.class);
        assertThat(psp.requests(Op.TOKEN, "")).isZero();
    }

    @Test
    void queryReportsAPaidChargeAndARemovedOne() {
        connector.createPayin(payin("c1", "20.00"));
        connector.createPayin(payin("c2", "20.00"));
        psp.payCharge(PixIds.txid("c1"));
        psp.removeCharge(PixIds.txid("c2"));

        RailResult paid = connector.query(new TradeRef("c1", false, PixIds.txid("c1"), "BRL", new BigDecimal("20")))
                .orElseThrow();
        RailResult removed = connector.query(new TradeRef("c2", false, PixIds.txid("c2"), "BRL", BigDecimal.TEN))
                .orElseThrow();

        assertThat(paid.success()).isTrue();
        assertThat(paid.amount()).isEqualByComparingTo("20.00");
        assertThat(removed.success()).isFalse();
    }

    @Test
    void queryOfAnUnpaidChargeIsEmptyUntilItExpires() {
        connector.createPayin(payin(TRADE_NO, "20.00"));
        TradeRef ref = new TradeRef(TRADE_NO, false, PixIds.txid(TRADE_NO), "BRL", new BigDecimal("20"));
        assertThat(connector.query(ref)).isEmpty();

        clock.advance(Duration.ofSeconds(3600).plusMinutes(6));

        assertThat(connector.query(ref)).hasValueSatisfying(result -> assertThat(result.success()).isFalse());
    }

    @Test
    void registerWebhookPutsExactlyTheChannelsUrlOnTheReceiversKey() {
        assertThat(connector.registerWebhook(webhookUrl)).isTrue();

        assertThat(psp.registeredWebhook(FakePixPsp.PIX_KEY)).contains(webhookUrl);
        assertThat(psp.requests(Op.PUT_WEBHOOK, FakePixPsp.PIX_KEY)).isEqualTo(1);
    }

    @Test
    void aRefusedWebhookRegistrationSaysWhy() {
        psp.nextAnswer(Op.PUT_WEBHOOK, Fault.status(403));

        assertThatThrownBy(() -> connector.registerWebhook(webhookUrl)).hasMessageContaining("AcessoNegado");
    }
}
