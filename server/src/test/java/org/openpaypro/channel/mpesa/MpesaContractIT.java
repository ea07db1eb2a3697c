package org.openpaypro.channel.mpesa;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openpaypro.channel.contract.ConnectorContract;
import org.openpaypro.fakes.mpesa.DarajaAccount;
import org.openpaypro.fakes.mpesa.FakeDaraja;
import org.openpaypro.fakes.mpesa.Fault;

/**
 * The connector contract run against {@code MPESA_DARAJA} and the Daraja fake, end to end through the gateway with
 * a Kenyan merchant. Each of the two channels has its own fake, so one can refuse while the other works. The rail's
 * controls: the payer answers the STK prompt ({@link FakeDaraja#resolveStk}), M-Pesa finishes a B2C payment
 * ({@link FakeDaraja#resolvePayout}; the gateway then confirms it by Transaction Status), a "down" rail answers
 * STK pushes with 503 (a pay-in refusal) and B2C with 403 (Daraja's "not permitted"; a 5xx would rightly be an
 * unknown outcome for a payout), and a hung B2C is processed but never answered.
 */
class MpesaContractIT extends ConnectorContract {
    private static final String PAYER = "254708374149";
    private static final String BENEFICIARY = "254705912645";
    private final Map<String, FakeDaraja> rails = new ConcurrentHashMap<>();

    @Override
    protected String prefix() {
        return "mpesa";
    }

    @Override
    protected Market market() {
        return new Market("KE", "/kenya-pay/api/payin", Map.of("mobile", PAYER, "name", "Wanjiru Kamau", "remark",
                "contract"), "/kenya-pay/api/payout", Map.of("mobile", BENEFICIARY, "name", "Otieno Odhiambo",
                "remark", "contract payout"), "100");
    }

    @Override
    protected void startRail() {
        rails.put(channelA, FakeDaraja.start(DarajaAccount.sandbox()));
        rails.put(channelB, FakeDaraja.start(DarajaAccount.sandbox()));
    }

    @Override
    protected void stopRail() {
        rails.values().forEach(FakeDaraja::close);
    }

    @Override
    protected Map<String, Object> channelBody(String name) {
        FakeDaraja rail = rails.get(name);
        DarajaAccount account = rail.account();
        return channel(name, MpesaDarajaType.NAME, Map.of("baseUrl", rail.baseUrl(),
                        "shortCode", account.shortCode(), "transactionType", "CustomerPayBillOnline",
                        "b2cShortCode", account.b2cShortCode(), "initiatorName", account.initiatorName(),
                        "commandId", "BusinessPayment"),
                Map.of("consumerKey", account.consumerKey(), "consumerSecret", account.consumerSecret(),
                        "passkey", account.passkey(), "securityCredential", account.securityCredential()));
    }

    /** The gateway's public URL is not its test port: the fake forwards to it like a reverse proxy. */
    @Override
    protected void channelCreated(String name, com.fasterxml.jackson.databind.JsonNode channel) {
        String origin = channel.get("webhookUrl").asText().replaceFirst("^(https?://[^/]+).*$", "$1");
        rails.get(name).forwardCallbacks(origin, gateway().baseUrl());
    }

    @Override
    protected void payerPays(String channel, Created payin) {
        rails.get(channel).resolveStk(checkoutId(channel, payin), "0");
    }

    @Override
    protected void railFinishesPayout(String channel, Created payout, boolean success) {
        rails.get(channel).resolvePayout(MpesaConnector.originatorConversationId(payout.platformTradeNo()),
                success ? "0" : "1");
    }

    @Override
    protected void refuseCreates(String channel, boolean refuse) {
        FakeDaraja rail = rails.get(channel);
        if (refuse) {
            rail.alwaysAnswer(FakeDaraja.STK_PUSH, 503, "503.001.01", "Service Unavailable");
            rail.alwaysAnswer(FakeDaraja.B2C, 403, "403.001.01", "Forbidden - the app may not call this product");
        } else {
            rail.behaveNormally(FakeDaraja.STK_PUSH);
            rail.behaveNormally(FakeDaraja.B2C);
        }
    }

    @Override
    protected void hangSubmits(String channel, boolean hang) {
        FakeDaraja rail = rails.get(channel);
        if (hang) {
            rail.alwaysFail(FakeDaraja.B2C, Fault.PROCESS_THEN_HANG);
        } else {
            rail.behaveNormally(FakeDaraja.B2C);
            rail.releaseHangs();
        }
    }

    @Override
    protected int sendDuplicateWebhook(String channel, Created trade) {
        return rails.get(channel).sendStkCallback(checkoutId(channel, trade));
    }

    /** A success callback for a pay-in whose payer has not answered: the STK query says it is still processing. */
    @Override
    protected int sendForgedWebhook(String channel, Created payin) {
        String body = "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"1-1-1\",\"CheckoutRequestID\":\""
                + checkoutId(channel, payin) + "\",\"ResultCode\":0,\"ResultDesc\":\"ok\",\"CallbackMetadata\":"
                + "{\"Item\":[{\"Name\":\"Amount\",\"Value\":100},{\"Name\":\"MpesaReceiptNumber\","
                + "\"Value\":\"FORGED0001\"}]}}}}";
        return rails.get(channel).post(webhookUrl(channel) + "/stk", body);
    }

    @Override
    protected boolean expireToken(String channel) {
        rails.get(channel).expireTokens();
        return true;
    }

    private String checkoutId(String channel, Created trade) {
        String checkoutId = rails.get(channel).checkoutIdFor(MpesaConnector.accountReference(trade.platformTradeNo()));
        if (checkoutId == null) {
            throw new AssertionError("no STK push on " + channel + " for " + trade.platformTradeNo());
        }
        return checkoutId;
    }
}
