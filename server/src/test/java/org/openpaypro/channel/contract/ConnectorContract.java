package org.openpaypro.channel.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.CallbackReceiver;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * The connector contract (issue 12, item 7; Hyperswitch's habit: one suite, every connector). Every connector type
 * runs these cases against its rail (the simulator, or a fake of the real rail) through the real gateway: HTTP in,
 * channels and routing configured through the operator API, the database, the submitter, the reconciler, webhooks
 * and merchant callbacks. A connector joins with one small subclass that implements the abstract methods below
 * (the <b>extension point</b>, kept stable): the channel's create body ({@link #channel} builds it), the merchant's
 * {@link Market} (Brazil's is {@link Market#brazil}), and how to make
 * its rail pay, fail, hang, refuse, and send a duplicate or forged notification. Each case makes its own merchant
 * and routes it with a merchant override, so cases do not see each other; the ledger check passes after each.
 *
 * <p>Two channels of the connector's type exist for the whole class: {@link #CHANNEL_A} and {@link #CHANNEL_B}
 * (failover), created from {@link #channelBody}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConnectorContract {
    /** Await limit for every asynchronous step (submitter, reconciler, webhook, callback). */
    protected static final Duration WAIT = Duration.ofSeconds(45);
    private static final AtomicInteger TRADE_NOS = new AtomicInteger();

    /** The first channel of every route, and the second one (weight 0: failover only). */
    protected final String channelA = prefix() + "-a";
    protected final String channelB = prefix() + "-b";

    private TestGateway gateway;
    private CallbackReceiver callbacks;

    /** A trade the gateway accepted: which merchant, its numbers, and the amount as sent. */
    public record Created(TestMerchant merchant, String tradeNo, String platformTradeNo, String amount,
                          JsonNode data) {
    }

    // ---------------------------------------------------------------------------------------------------------
    // The extension point: what a connector supplies.
    // ---------------------------------------------------------------------------------------------------------

    /** A short lower-case prefix for the channel names, e.g. {@code "pix"}. */
    protected abstract String prefix();

    /**
     * What a merchant of the connector's market sends: its country, the pay-in and payout paths and fields (without
     * {@code tradeNo}, {@code notifyUrl}, {@code amount}), and an amount the rail accepts and pays, as the merchant
     * writes it (e.g. {@code "10.00"}).
     */
    public record Market(String country, String payinPath, Map<String, String> payinFields, String payoutPath,
                         Map<String, String> payoutFields, String amount) {
        /**
         * A Brazilian merchant on the PayPro paths under {@code pathPrefix} ({@code ""} or e.g. {@code "/brz-pay"}):
         * a CPF payer, 10.00, and a payout to the key {@code bankNumber} of type {@code bankType}.
         */
        public static Market brazil(String pathPrefix, String bankType, String bankNumber) {
            Map<String, String> payout = new LinkedHashMap<>(Map.of("name", "Maria Souza", "email",
                    "maria@example.com", "mobile", "+5511987654321", "bankType", bankType, "bankNumber", bankNumber,
                    "identityType", "CPF", "userIdentity", "12345678909"));
            payout.put("remark", "contract payout");
            return new Market("BR", pathPrefix + "/v1/paypro/payin", Map.of("name", "Ana Souza", "identityType",
                    "CPF", "userIdentity", "12345678909", "remark", "contract"), pathPrefix + "/v1/paypro/payout",
                    payout, "10.00");
        }
    }

    /** The market the connector serves. */
    protected abstract Market market();

    /** Settings of the gateway under test (merged over the test defaults), e.g. a short reconciler delay. */
    protected Map<String, String> gatewayEnv() {
        return Map.of();
    }

    /** Starts the rail or its fake (called before any channel exists); default: nothing to start. */
    protected void startRail() throws Exception {
    }

    /** Stops the rail or its fake; default: nothing. */
    protected void stopRail() throws Exception {
    }

    /**
     * The body of {@code POST /admin/v1/channels} for a channel called {@code name}: type, countries, operations
     * ({@code PAYIN}, {@code PAYOUT}), config and credentials pointing at the rail.
     */
    protected abstract Map<String, Object> channelBody(String name);

    /** After the channel was created (e.g. {@code register-webhook}); default: nothing. */
    protected void channelCreated(String name, JsonNode channel) {
    }

    /** The payer pays the pay-in on the rail, and the rail notifies the gateway as it would in production. */
    protected abstract void payerPays(String channel, Created payin) throws Exception;

    /**
     * The rail finishes the payout ({@code success} or not) and tells the gateway as it would (a webhook, or by
     * answering the reconciler's query). A rail that finishes payouts by itself does nothing here.
     */
    protected abstract void railFinishesPayout(String channel, Created payout, boolean success) throws Exception;

    /** From now on the rail refuses (or, with false, accepts again) every create on {@code channel}. */
    protected abstract void refuseCreates(String channel, boolean refuse) throws Exception;

    /**
     * From now on the rail takes payout submissions on {@code channel} but never answers within the gateway's timeout
     * (with false: answers again; a later query reports what it did with the hung request).
     */
    protected abstract void hangSubmits(String channel, boolean hang) throws Exception;

    /** Sends the rail's notification for a finished trade once more (a duplicate); answers the HTTP status. */
    protected abstract int sendDuplicateWebhook(String channel, Created trade) throws Exception;

    /**
     * Sends a notification to the channel's right webhook URL claiming the processing pay-in was paid, though the
     * rail says it was not (a forgery or a stale hint); answers the HTTP status.
     */
    protected abstract int sendForgedWebhook(String channel, Created payin) throws Exception;

    /** Makes the rail's current OAuth token expire (next call gets 401); false when the connector has no tokens. */
    protected boolean expireToken(String channel) throws Exception {
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers for subclasses.
    // ---------------------------------------------------------------------------------------------------------

    /**
     * A {@link #channelBody} for both operations in the market's country: {@code type}, its {@code config} and its
     * {@code credentials} (null: none).
     */
    protected final Map<String, Object> channel(String name, String type, Map<String, ?> config,
                                                Map<String, ?> credentials) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", name, "type", type,
                "countries", List.of(market().country()), "operations", List.of("PAYIN", "PAYOUT"),
                "config", config));
        if (credentials != null) {
            body.put("credentials", credentials);
        }
        return body;
    }

    protected final TestGateway gateway() {
        return gateway;
    }

    /** The channel's {@code webhookUrl} as the operator API shows it. */
    protected final String webhookUrl(String channel) {
        return gateway.admin("GET", "/admin/v1/channels/" + channel, null).json().get("webhookUrl").asText();
    }

    /** The webhook URL's path on the gateway (what a rail posts to, below it its own suffix). */
    protected final String webhookPath(String channel) {
        return webhookUrl(channel).replaceFirst("^https?://[^/]+", "");
    }

    /** PATCHes the channel (config, credentials or status) and expects 200. */
    protected final void patchChannel(String channel, Map<String, Object> body) {
        Answer answer = gateway.admin("PATCH", "/admin/v1/channels/" + channel, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** The admin view of a trade (status, channel, submissions, postings, notifications). */
    protected final JsonNode trade(String platformTradeNo) {
        Answer answer = gateway.admin("GET", "/admin/v1/trades/" + platformTradeNo, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    protected final JsonNode awaitTrade(String platformTradeNo, String what, Predicate<JsonNode> condition) {
        return Await.until("trade " + platformTradeNo + " " + what, WAIT, () -> trade(platformTradeNo), condition);
    }

    protected final JsonNode awaitStatus(String platformTradeNo, String status) {
        return awaitTrade(platformTradeNo, "reached " + status, view -> view.get("status").asText().equals(status));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Lifecycle.
    // ---------------------------------------------------------------------------------------------------------

    @BeforeAll
    final void startGatewayRailAndChannels() throws Exception {
        startRail();
        Map<String, String> env = new LinkedHashMap<>(Map.of("OPENPAYPRO_NOTIFY_SCHEDULE", "1s,1s,1s"));
        env.putAll(gatewayEnv());
        gateway = TestGateway.startNew(env);
        callbacks = new CallbackReceiver();
        for (String name : List.of(channelA, channelB)) {
            Answer created = gateway.admin("POST", "/admin/v1/channels", channelBody(name));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.body()).as("no credential value in the answer").doesNotContain("clientSecret\":\"",
                    "consumerSecret\":\"");
            channelCreated(name, created.json());
        }
    }

    @AfterAll
    final void stopGatewayAndRail() throws Exception {
        if (callbacks != null) {
            callbacks.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        stopRail();
    }

    @AfterEach
    final void ledgerBalances() {
        gateway.assertLedgerOk();
    }

    // ---------------------------------------------------------------------------------------------------------
    // The cases.
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void a_payin_is_stored_then_instructed_then_paid_confirmed_final_and_called_back() throws Exception {
        TestMerchant merchant = merchant(route("PAYIN", channelA, 100));
        Created payin = payin(merchant);
        assertThat(payin.data().get("status").asText()).isEqualTo("0015");
        JsonNode stored = trade(payin.platformTradeNo());
        assertThat(stored.get("channel").asText()).isEqualTo(channelA);
        assertThat(outcomes(stored)).containsExactly(channelA + ":ACCEPTED");
        assertThat(stored.get("details").has("paymentUrl") || stored.get("details").has("qrCode")
                || !stored.get("channelRef").isNull())
                .as("payment instructions stored: " + stored).isTrue();

        payerPays(channelA, payin);
        JsonNode paid = awaitStatus(payin.platformTradeNo(), "0000");
        assertThat(paid.get("postings").size()).as(paid.toString()).isGreaterThan(0);
        awaitCallback(payin, "0000");
    }

    @Test
    void a_payout_is_acknowledged_then_submitted_then_final_and_called_back() throws Exception {
        TestMerchant merchant = fundedMerchant(route("PAYOUT", channelA, 100));
        Created payout = payout(merchant);
        assertThat(payout.data().get("status").asText()).isEqualTo("0015");
        awaitTrade(payout.platformTradeNo(), "was submitted", view -> outcomes(view).contains(channelA + ":ACCEPTED"));

        railFinishesPayout(channelA, payout, true);
        JsonNode done = awaitStatus(payout.platformTradeNo(), "0000");
        assertThat(outcomes(done)).containsExactly(channelA + ":ACCEPTED");
        assertThat(done.get("submissionQueue").get("state").asText()).isEqualTo("DONE");
        awaitCallback(payout, "0000");
    }

    @Test
    void a_payout_the_rail_fails_releases_its_funds_and_is_called_back() throws Exception {
        TestMerchant merchant = fundedMerchant(route("PAYOUT", channelA, 100));
        String availableBefore = balance(merchant, "availableAmount");
        Created payout = payout(merchant);
        awaitTrade(payout.platformTradeNo(), "was submitted", view -> outcomes(view).contains(channelA + ":ACCEPTED"));

        railFinishesPayout(channelA, payout, false);
        awaitStatus(payout.platformTradeNo(), "00029");
        assertThat(balance(merchant, "availableAmount")).isEqualTo(availableBefore);
        assertThat(balance(merchant, "freezeAmount")).isEqualTo("0.0000");
        awaitCallback(payout, "00029");
    }

    @Test
    void duplicate_and_forged_webhooks_change_nothing() throws Exception {
        TestMerchant merchant = merchant(route("PAYIN", channelA, 100));
        Created paid = payin(merchant);
        payerPays(channelA, paid);
        JsonNode after = awaitStatus(paid.platformTradeNo(), "0000");
        awaitCallback(paid, "0000");

        int duplicate = sendDuplicateWebhook(channelA, paid);
        assertThat(duplicate).as("a genuine notification gets a 2xx").isBetween(200, 299);
        JsonNode again = trade(paid.platformTradeNo());
        assertThat(again.get("postings")).isEqualTo(after.get("postings"));
        assertThat(again.get("notifications").size()).isEqualTo(after.get("notifications").size());
        assertThat(again.get("finishedAt")).isEqualTo(after.get("finishedAt"));

        Created open = payin(merchant);
        int forged = sendForgedWebhook(channelA, open);
        assertThat(forged).as("a forged notification is not an error for the sender").isLessThan(500);
        Answer wrongToken = gateway.post("/channels/v1/" + channelA + "/wrong-token-0123456789/pix", Map.of(),
                "{\"platFormTradeNo\":\"" + open.platformTradeNo() + "\",\"status\":\"0000\"}");
        assertThat(wrongToken.status()).isEqualTo(404);
        Answer unknownChannel = gateway.post(webhookPath(channelA).replace("/" + channelA + "/", "/nosuch/"),
                Map.of(), "{}");
        assertThat(unknownChannel.status()).isEqualTo(404);
        // the open pay-in is then paid for real: the forgery before it had changed nothing
        payerPays(channelA, open);
        JsonNode real = awaitStatus(open.platformTradeNo(), "0000");
        assertThat(real.get("notifications").size()).isEqualTo(1);
    }

    @Test
    void a_refused_create_fails_over_to_the_next_channel_of_the_route() throws Exception {
        refuseCreates(channelA, true);
        try {
            TestMerchant merchant = fundedMerchant(route("PAYIN", channelA, 100, channelB, 0));
            route(merchant, "PAYOUT", channelA, 100, channelB, 0);
            Created payin = payin(merchant);
            assertThat(payin.data().get("status").asText()).isEqualTo("0015");
            JsonNode stored = trade(payin.platformTradeNo());
            assertThat(stored.get("channel").asText()).isEqualTo(channelB);
            assertThat(outcomes(stored)).containsExactly(channelA + ":REFUSED", channelB + ":ACCEPTED");

            Created payout = payout(merchant);
            JsonNode submitted = awaitTrade(payout.platformTradeNo(), "was submitted on " + channelB,
                    view -> outcomes(view).contains(channelB + ":ACCEPTED"));
            assertThat(outcomes(submitted)).containsExactly(channelA + ":REFUSED", channelB + ":ACCEPTED");
            assertThat(submitted.get("channel").asText()).isEqualTo(channelB);
            railFinishesPayout(channelB, payout, true);
            awaitStatus(payout.platformTradeNo(), "0000");
        } finally {
            refuseCreates(channelA, false);
        }
    }

    @Test
    void when_every_channel_refuses_the_payin_fails_and_the_payout_fails_with_its_funds_released() throws Exception {
        refuseCreates(channelA, true);
        try {
            TestMerchant merchant = fundedMerchant(route("PAYIN", channelA, 100));
            route(merchant, "PAYOUT", channelA, 100);
            String availableBefore = balance(merchant, "availableAmount");
            Created payin = payin(merchant);
            assertThat(payin.data().get("status").asText()).as(payin.data().toString()).isEqualTo("00029");
            assertThat(trade(payin.platformTradeNo()).get("message").asText()).isNotBlank();
            awaitCallback(payin, "00029");

            Created payout = payout(merchant);
            assertThat(payout.data().get("status").asText()).isEqualTo("0015");
            JsonNode failed = awaitStatus(payout.platformTradeNo(), "00029");
            assertThat(outcomes(failed)).containsExactly(channelA + ":REFUSED");
            assertThat(balance(merchant, "availableAmount")).isEqualTo(availableBefore);
            awaitCallback(payout, "00029");
        } finally {
            refuseCreates(channelA, false);
        }
    }

    @Test
    void a_payout_whose_submit_times_out_stays_processing_and_the_reconciler_settles_it_under_the_same_key()
            throws Exception {
        TestMerchant merchant = fundedMerchant(route("PAYOUT", channelA, 100));
        hangSubmits(channelA, true);
        Created payout;
        JsonNode unknown;
        try {
            payout = payout(merchant);
            unknown = awaitTrade(payout.platformTradeNo(), "ended unknown",
                    view -> outcomes(view).contains(channelA + ":UNKNOWN"));
        } finally {
            hangSubmits(channelA, false);
        }
        assertThat(unknown.get("status").asText()).isEqualTo("0015");
        assertThat(unknown.get("submissionQueue").get("state").asText()).isIn("UNKNOWN", "DONE");

        railFinishesPayout(channelA, payout, true);
        JsonNode done = awaitStatus(payout.platformTradeNo(), "0000");
        assertThat(outcomes(done)).as("never submitted again").containsExactly(channelA + ":UNKNOWN");
        assertThat(done.get("submissionQueue").get("sends").asInt()).isEqualTo(1);
        awaitCallback(payout, "0000");
    }

    @Test
    void an_expired_token_is_renewed_and_the_call_succeeds() throws Exception {
        Assumptions.assumeTrue(expireToken(channelA), "this connector has no OAuth tokens");
        TestMerchant merchant = merchant(route("PAYIN", channelA, 100));
        Created payin = payin(merchant);
        assertThat(payin.data().get("status").asText()).isEqualTo("0015");
        assertThat(outcomes(trade(payin.platformTradeNo()))).containsExactly(channelA + ":ACCEPTED");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Internals.
    // ---------------------------------------------------------------------------------------------------------

    private record Route(String operation, List<Map<String, Object>> channels) {
    }

    private static Route route(String operation, Object... nameWeightPairs) {
        List<Map<String, Object>> channels = new ArrayList<>();
        for (int i = 0; i < nameWeightPairs.length; i += 2) {
            channels.add(Map.of("name", nameWeightPairs[i], "weight", nameWeightPairs[i + 1]));
        }
        return new Route(operation, channels);
    }

    private void route(TestMerchant merchant, String operation, Object... nameWeightPairs) {
        Route route = route(operation, nameWeightPairs);
        Answer answer = gateway.admin("PUT", "/admin/v1/merchants/" + merchant.merchantNo() + "/routing/"
                + route.operation(), Map.of("channels", route.channels()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private TestMerchant merchant(Route route) {
        TestMerchant merchant = gateway.createMerchant(Map.of("name", "Contract " + prefix(),
                "country", market().country()));
        Answer answer = gateway.admin("PUT", "/admin/v1/merchants/" + merchant.merchantNo() + "/routing/"
                + route.operation(), Map.of("channels", route.channels()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return merchant;
    }

    private TestMerchant fundedMerchant(Route route) {
        TestMerchant merchant = merchant(route);
        Answer funded = gateway.admin("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/adjustments",
                Map.of("amount", "100000", "reason", "contract funding"));
        assertThat(funded.status()).as(funded.body()).isEqualTo(201);
        return merchant;
    }

    private String balance(TestMerchant merchant, String field) {
        return gateway.admin("GET", "/admin/v1/merchants/" + merchant.merchantNo(), null).json().get("balances")
                .get(field).asText();
    }

    private Created payin(TestMerchant merchant) {
        return create(merchant, market().payinPath(), market().payinFields());
    }

    private Created payout(TestMerchant merchant) {
        return create(merchant, market().payoutPath(), market().payoutFields());
    }

    private Created create(TestMerchant merchant, String path, Map<String, String> fields) {
        String tradeNo = "C" + prefix().replaceAll("[^A-Za-z0-9]", "") + System.currentTimeMillis()
                + TRADE_NOS.incrementAndGet();
        Map<String, String> body = new LinkedHashMap<>(fields);
        body.put("tradeNo", tradeNo);
        body.put("amount", market().amount());
        body.put("notifyUrl", callbacks.url("/contract/" + tradeNo));
        Answer answer = gateway.signed(path, merchant.merchantNo(), merchant.secret(), body);
        assertThat(answer.code()).as(answer.body()).isEqualTo("0000");
        JsonNode data = answer.json().get("data");
        return new Created(merchant, tradeNo, data.get("platFormTradeNo").asText(), market().amount(),
                data);
    }

    private void awaitCallback(Created trade, String status) {
        String path = "/contract/" + trade.tradeNo();
        Await.until("a " + status + " callback for " + trade.tradeNo(), WAIT, () -> callbacks.received(path),
                received -> received.stream().anyMatch(r -> r.body().contains("\"status\":\"" + status + "\"")));
    }

    /** The trade's submission attempts as {@code channel:OUTCOME}, in order. */
    protected static List<String> outcomes(JsonNode trade) {
        List<String> outcomes = new ArrayList<>();
        trade.path("submissions").forEach(submission -> outcomes.add(submission.get("channel").asText() + ":"
                + submission.get("outcome").asText()));
        return outcomes;
    }
}
