package org.openpaypro.channel.contract;

import java.util.Map;
import org.openpaypro.channel.simulator.SimulatorChannel;

/**
 * The connector contract run against the built-in {@code SIMULATOR} type: the rail's controls are its
 * {@code createOutcome} config (REFUSE, UNKNOWN) and its signed webhook; payouts finish by themselves after a
 * few seconds (OPENPAYPRO_SIMULATOR_AUTOCOMPLETE), answered to the reconciler's query; a failure is forced with
 * the sandbox API before then.
 */
class SimulatorContractIT extends ConnectorContract {
    @Override
    protected String prefix() {
        return "sim";
    }

    @Override
    protected Market market() {
        return Market.brazil("", "CPF", "12345678909");
    }

    @Override
    protected Map<String, String> gatewayEnv() {
        return Map.of("OPENPAYPRO_SIMULATOR_AUTOCOMPLETE", "3s");
    }

    @Override
    protected Map<String, Object> channelBody(String name) {
        return channel(name, "SIMULATOR", Map.of(), null);
    }

    @Override
    protected void payerPays(String channel, Created payin) {
        webhook(channel, payin, "0000", true);
    }

    /** The simulator finishes payouts by itself; a failure is its documented failing amount, so use the API. */
    @Override
    protected void railFinishesPayout(String channel, Created payout, boolean success) {
        if (!success) {
            gateway().admin("POST", "/sandbox/v1/trades/" + payout.platformTradeNo() + "/complete",
                    Map.of("status", "00029", "message", SimulatorChannel.REJECTION_MESSAGE));
        }
    }

    @Override
    protected void refuseCreates(String channel, boolean refuse) {
        patchChannel(channel, Map.of("config", Map.of("createOutcome", refuse ? "REFUSE" : "ACCEPT")));
    }

    @Override
    protected void hangSubmits(String channel, boolean hang) {
        patchChannel(channel, Map.of("config", Map.of("createOutcome", hang ? "UNKNOWN" : "ACCEPT")));
    }

    @Override
    protected int sendDuplicateWebhook(String channel, Created trade) {
        return webhook(channel, trade, "0000", true);
    }

    @Override
    protected int sendForgedWebhook(String channel, Created payin) {
        return webhook(channel, payin, "0000", false);
    }

    private int webhook(String channel, Created trade, String status, boolean genuine) {
        String signature = genuine ? SimulatorChannel.webhookSignature(webhookUrl(channel), trade.platformTradeNo(),
                status) : "0".repeat(64);
        return gateway().post(webhookPath(channel), Map.of(), "{\"platFormTradeNo\":\"" + trade.platformTradeNo()
                + "\",\"status\":\"" + status + "\",\"signature\":\"" + signature + "\"}").status();
    }
}
