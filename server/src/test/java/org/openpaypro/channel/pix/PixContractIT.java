package org.openpaypro.channel.pix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openpaypro.channel.contract.ConnectorContract;
import org.openpaypro.fakes.pix.FakePixPsp;
import org.openpaypro.fakes.pix.FakePixPsp.Fault;
import org.openpaypro.fakes.pix.FakePixPsp.Op;
import org.openpaypro.testing.TestGateway.Answer;

/**
 * The connector contract run against {@code PIX_BCB}, each of its two channels on its own {@link FakePixPsp} (real
 * HTTPS with client certificates): the payer pays by the BR Code the merchant got; sends stay EM_PROCESSAMENTO until
 * the case settles them, and the PSP's Efí notification reaches the gateway's webhook URL; refusals are a 503 on
 * {@code PUT /cob} and a 400 on {@code PUT /gn/pix}; a hung submit is processed by the PSP and answered after the
 * gateway's call timeout.
 */
class PixContractIT extends ConnectorContract {
    /** The gateway's call timeout to a rail in this suite, and a hang longer than it. */
    private static final String CALL_TIMEOUT = "3s";
    private static final Duration HANG = Duration.ofSeconds(5);
    private final Map<String, FakePixPsp> psps = new LinkedHashMap<>();

    @Override
    protected String prefix() {
        return "pix";
    }

    @Override
    protected Market market() {
        return Market.brazil("/brz-pay", "PHONE", "11987654321");
    }

    @Override
    protected Map<String, String> gatewayEnv() {
        return Map.of("OPENPAYPRO_CHANNEL_TIMEOUT", CALL_TIMEOUT);
    }

    @Override
    protected void startRail() {
        for (String name : List.of(channelA, channelB)) {
            FakePixPsp psp = FakePixPsp.start();
            psp.sendOutcome(FakePixPsp.SendOutcome.STAY_PROCESSING);
            psps.put(name, psp);
        }
    }

    @Override
    protected void stopRail() {
        psps.values().forEach(FakePixPsp::close);
    }

    private FakePixPsp psp(String channel) {
        return psps.get(channel);
    }

    @Override
    protected Map<String, Object> channelBody(String name) {
        return channel(name, PixBcbType.NAME, PixFixture.config(psp(name)), PixFixture.credentials(psp(name)));
    }

    /** Efí refuses sends from a key without a webhook: register it, as the operator must. */
    @Override
    protected void channelCreated(String name, JsonNode channel) {
        Answer answer = gateway().admin("POST", "/admin/v1/channels/" + name + "/register-webhook", null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        String webhookUrl = channel.get("webhookUrl").asText();
        assertThat(psp(name).registeredWebhook(FakePixPsp.PIX_KEY)).contains(webhookUrl);
        psp(name).reachPublicUrlAt(webhookUrl.substring(0, webhookUrl.indexOf("/channels/v1/")), gateway().baseUrl());
    }

    /** The payer's app reads the BR Code the merchant was given and pays it in full. */
    @Override
    protected void payerPays(String channel, Created payin) {
        String code = payin.data().path("qrCode").asText("");
        if (code.isEmpty()) {
            code = trade(payin.platformTradeNo()).path("details").path("qrCode").asText();
        }
        String txid = psp(channel).txidOfCode(code).orElseThrow(() -> new AssertionError("no charge for " + payin));
        psp(channel).payCharge(txid);
    }

    @Override
    protected void railFinishesPayout(String channel, Created payout, boolean success) {
        String idEnvio = PixIds.idEnvio(payout.platformTradeNo());
        assertThat(psp(channel).sendsCreated(idEnvio)).as("the PSP holds exactly one send").isEqualTo(1);
        psp(channel).settleSend(idEnvio, success);
    }

    @Override
    protected void refuseCreates(String channel, boolean refuse) {
        if (refuse) {
            psp(channel).alwaysAnswer(Op.PUT_COB, Fault.status(503));
            psp(channel).sendOutcome(FakePixPsp.SendOutcome.REFUSE_AT_ONCE);
        } else {
            psp(channel).clearAlways(Op.PUT_COB);
            psp(channel).sendOutcome(FakePixPsp.SendOutcome.STAY_PROCESSING);
        }
    }

    @Override
    protected void hangSubmits(String channel, boolean hang) {
        if (hang) {
            psp(channel).alwaysAnswer(Op.PUT_SEND, Fault.hangAfterProcessing(HANG));
        } else {
            psp(channel).clearAlways(Op.PUT_SEND);
        }
    }

    /** The PSP's own notification about the trade, posted once more. */
    @Override
    protected int sendDuplicateWebhook(String channel, Created trade) {
        String txid = PixIds.txid(trade.platformTradeNo());
        String idEnvio = PixIds.idEnvio(trade.platformTradeNo());
        FakePixPsp.Notification sent = psp(channel).notifications().stream()
                .filter(n -> n.status() >= 200 && n.status() < 300)
                .filter(n -> n.body().contains("\"" + txid + "\"") || n.body().contains("\"" + idEnvio + "\""))
                .findFirst().orElseThrow(() -> new AssertionError("the PSP never notified " + trade));
        return gateway().post(webhookPath(channel) + "/pix", Map.of("Content-Type", "application/json"), sent.body())
                .status();
    }

    /** A notification in the standard's shape for a charge nobody paid. */
    @Override
    protected int sendForgedWebhook(String channel, Created payin) {
        String body = "{\"pix\":[{\"endToEndId\":\"E12345678202009091221kkkkkkkkkkk\",\"txid\":\""
                + PixIds.txid(payin.platformTradeNo()) + "\",\"valor\":\"" + payin.amount() + "\",\"horario\":\""
                + Instant.now() + "\"}]}";
        int status = gateway().post(webhookPath(channel) + "/pix", Map.of("Content-Type", "application/json"), body)
                .status();
        assertThat(psp(channel).requests(Op.GET_COB, PixIds.txid(payin.platformTradeNo())))
                .as("the hint was checked with the PSP").isGreaterThanOrEqualTo(1);
        return status;
    }

    @Override
    protected boolean expireToken(String channel) {
        psp(channel).expireTokens();
        return true;
    }
}
