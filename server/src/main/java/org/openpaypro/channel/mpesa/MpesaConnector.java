package org.openpaypro.channel.mpesa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
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
import org.openpaypro.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code MPESA_DARAJA} connector (Kenya, Safaricom Daraja; RAILS.md §2). Pay-in = STK push
 * ({@code CallBackURL = {webhookUrl}/stk}); payout = B2C v3 under an OriginatorConversationID derived from the
 * trade number ({@code OPP_<platformTradeNo>}, the same on every attempt; Daraja refuses a repeat with
 * {@code 500.002.1001}, which we read as "already submitted", never as a second payout).
 *
 * <p>Daraja callbacks carry no signature. The defence is the unguessable token in the path plus confirmation by
 * our own query before anything is final:
 * <ul>
 * <li>an STK callback ({@code /stk}) is a hint: we ask STK query for its CheckoutRequestID and only its ResultCode
 *     counts; the confirmed result is keyed by that CheckoutRequestID, which the gateway stored with the trade,
 *     so a callback cannot move a result to another trade;</li>
 * <li>a B2C Result ({@code /b2c/result}) or queue timeout ({@code /b2c/timeout}) is a hint too: it makes us send a
 *     Transaction Status query. That API answers asynchronously, to the ResultURL we give it: a
 *     {@link StatusLink} {@code /b2c/status/{ocid}/{mac}} that only we can mint. The final state of a payout is
 *     taken only from a body posted to a valid link whose ResultParameters name the same OriginatorConversationID,
 *     with ResultCode 0 and a final {@code TransactionStatus}. {@link #query} for a payout therefore sends the
 *     status query and answers empty; the answer arrives as a webhook. A queue timeout is never a failure.</li>
 * </ul>
 * Amounts are whole shillings: a KES amount with cents is refused before the rail is called, never rounded.
 * Thread-safe ({@link DarajaClient}'s token cache and the concurrent map of unanswered pushes are its only state).
 */
final class MpesaConnector implements Connector {
    static final String ORIGINATOR_PREFIX = "OPP_";
    static final String ACK = "{\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}";
    private static final Logger LOG = LoggerFactory.getLogger(MpesaConnector.class);
    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final Pattern PHONE = Pattern.compile("254[17]\\d{8}");
    private static final Pattern TRADE_NO = Pattern.compile("[a-z0-9]{1,36}");
    private static final Pattern CHECKOUT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern RECEIPT = Pattern.compile("[A-Z0-9]{10}");
    private static final Duration FIRST_POLL = Duration.ofMinutes(2);
    /** How long a trade whose STK push got no answer is never pushed again by this node (prompts expire sooner). */
    private static final Duration NO_REPUSH = Duration.ofMinutes(10);

    private final MpesaSettings settings;
    private final ConnectorContext context;
    private final DarajaClient daraja;
    private final StatusLink statusLink;
    private final Map<String, Instant> unansweredPushes = new ConcurrentHashMap<>();

    MpesaConnector(MpesaSettings settings, ConnectorContext context) {
        this.settings = settings;
        this.context = context;
        this.daraja = new DarajaClient(settings, context.callTimeout(), context.clock());
        this.statusLink = new StatusLink(settings);
    }

    // ---- pay-in: STK push ----

    @Override
    public CreateOutcome<PayinInstructions> createPayin(PayinRequest request) {
        Optional<String> refusal = checkMoney(request.currency(), request.amount())
                .or(() -> checkPhone(request.details().get("mobile"), "payer"));
        if (refusal.isPresent()) {
            return new CreateOutcome.Refused<>(refusal.get());
        }
        if (pushedWithoutAnswer(request.platformTradeNo())) {
            return new CreateOutcome.Unknown<>("an earlier STK push for this trade got no answer; not sent again"
                    + " (a second prompt could charge the payer twice)");
        }
        String phone = request.details().get("mobile");
        String timestamp = timestamp();
        ObjectNode body = Json.MAPPER.createObjectNode().put("BusinessShortCode", settings.shortCode())
                .put("Password", password(timestamp)).put("Timestamp", timestamp)
                .put("TransactionType", settings.transactionType())
                .put("Amount", request.amount().longValueExact()).put("PartyA", phone)
                .put("PartyB", settings.shortCode()).put("PhoneNumber", phone)
                .put("CallBackURL", context.webhookUrl() + "/stk")
                .put("AccountReference", accountReference(request.platformTradeNo()))
                .put("TransactionDesc", clip(request.description(), 182, "Payment " + request.platformTradeNo()));
        DarajaClient.Reply reply;
        try {
            reply = daraja.post("/mpesa/stkpush/v1/processrequest", body);
        } catch (DarajaClient.NoToken e) {
            return new CreateOutcome.Refused<>(e.getMessage());
        } catch (DarajaClient.NoAnswer e) {
            rememberUnanswered(request.platformTradeNo());
            return new CreateOutcome.Unknown<>("STK push sent, no answer: " + e.getMessage());
        }
        if (reply.status() != 200 || !"0".equals(reply.text("ResponseCode"))) {
            return new CreateOutcome.Refused<>("M-Pesa refused the STK push: " + reply.error());
        }
        String checkoutId = reply.text("CheckoutRequestID");
        if (checkoutId == null || !CHECKOUT_ID.matcher(checkoutId).matches()) {
            return new CreateOutcome.Unknown<>("STK push accepted without a usable CheckoutRequestID");
        }
        return new CreateOutcome.Accepted<>(new PayinInstructions(null, null, checkoutId));
    }

    /**
     * An STK push is not idempotent (each one is a new prompt), so a create repeated after no answer (the gateway
     * retries an unknown create once) is answered unknown without sending. The retry runs in the same request on
     * the same node, so this node's memory suffices; entries expire after {@link #NO_REPUSH}.
     */
    private boolean pushedWithoutAnswer(String platformTradeNo) {
        Instant at = unansweredPushes.get(platformTradeNo);
        return at != null && context.clock().instant().isBefore(at.plus(NO_REPUSH));
    }

    private void rememberUnanswered(String platformTradeNo) {
        Instant now = context.clock().instant();
        unansweredPushes.values().removeIf(at -> !now.isBefore(at.plus(NO_REPUSH)));
        if (unansweredPushes.size() < 100_000) {
            unansweredPushes.put(platformTradeNo, now);
        }
    }

    // ---- payout: B2C ----

    @Override
    public CreateOutcome<PayoutSubmission> submitPayout(PayoutRequest request) {
        Optional<String> refusal = (settings.payouts() ? Optional.<String>empty()
                : Optional.of("this M-Pesa channel has no B2C short code configured"))
                .or(() -> checkMoney(request.currency(), request.amount()))
                .or(() -> checkPhone(request.details().get("mobile"), "beneficiary"))
                .or(() -> TRADE_NO.matcher(request.platformTradeNo()).matches() ? Optional.empty()
                        : Optional.of("the trade number cannot be an OriginatorConversationID"));
        if (refusal.isPresent()) {
            return new CreateOutcome.Refused<>(refusal.get());
        }
        String ocid = originatorConversationId(request.platformTradeNo());
        ObjectNode body = Json.MAPPER.createObjectNode().put("OriginatorConversationID", ocid)
                .put("InitiatorName", settings.initiatorName())
                .put("SecurityCredential", settings.securityCredential()).put("CommandID", settings.commandId())
                .put("Amount", request.amount().longValueExact()).put("PartyA", settings.b2cShortCode())
                .put("PartyB", request.details().get("mobile"))
                .put("Remarks", clip(request.remark(), 100, "Payout " + request.platformTradeNo()))
                .put("QueueTimeOutURL", context.webhookUrl() + "/b2c/timeout")
                .put("ResultURL", context.webhookUrl() + "/b2c/result")
                .put("Occassion", request.platformTradeNo());
        DarajaClient.Reply reply;
        try {
            reply = daraja.post("/mpesa/b2c/v3/paymentrequest", body);
        } catch (DarajaClient.NoToken e) {
            return new CreateOutcome.Refused<>(e.getMessage());
        } catch (DarajaClient.NoAnswer e) {
            return new CreateOutcome.Unknown<>("B2C request sent, no answer: " + e.getMessage());
        }
        PayoutSubmission submitted = new PayoutSubmission(ocid, context.clock().instant().plus(FIRST_POLL));
        if (DarajaResults.DUPLICATE_ORIGINATOR.equals(reply.text("errorCode"))) {
            return new CreateOutcome.Accepted<>(submitted); // an earlier attempt got through: it is the payout
        }
        if (reply.status() >= 500) {
            return new CreateOutcome.Unknown<>("B2C request answered " + reply.error());
        }
        if (reply.status() != 200 || !"0".equals(reply.text("ResponseCode"))) {
            return new CreateOutcome.Refused<>("M-Pesa refused the B2C payment: " + reply.error());
        }
        return new CreateOutcome.Accepted<>(submitted);
    }

    // ---- the reconciler's question ----

    @Override
    public Optional<RailResult> query(TradeRef trade) {
        if (trade.payout()) {
            askStatus(originatorConversationId(trade.platformTradeNo()));
            return Optional.empty(); // the answer is posted to our status link and confirmed there
        }
        if (trade.channelRef() == null || !CHECKOUT_ID.matcher(trade.channelRef()).matches()) {
            return Optional.empty(); // an STK push whose answer we never got cannot be queried
        }
        return stkQuery(trade.channelRef(), null).map(result -> result.success()
                ? RailResult.succeeded(trade.amount(), result.railRef()) : result);
    }

    /** The STK query's verdict; empty while the payer has not answered or when Daraja cannot say. */
    private Optional<RailResult> stkQuery(String checkoutId, String receipt) {
        String timestamp = timestamp();
        ObjectNode body = Json.MAPPER.createObjectNode().put("BusinessShortCode", settings.shortCode())
                .put("Password", password(timestamp)).put("Timestamp", timestamp)
                .put("CheckoutRequestID", checkoutId);
        DarajaClient.Reply reply;
        try {
            reply = daraja.post("/mpesa/stkpushquery/v1/query", body);
        } catch (DarajaClient.NoToken | DarajaClient.NoAnswer e) {
            LOG.warn("channel {}: STK query for {} failed: {}", context.channelName(), checkoutId, e.getMessage());
            return Optional.empty();
        }
        String code = reply.text("ResultCode");
        if (reply.status() != 200 || code == null || !checkoutId.equals(reply.text("CheckoutRequestID"))) {
            return Optional.empty(); // 500.001.1001 "The transaction is being processed", or no verdict
        }
        if ("0".equals(code)) {
            return Optional.of(RailResult.succeeded(null, receipt != null ? receipt : checkoutId));
        }
        return DarajaResults.stkFailure(code).map(message -> RailResult.failed(message, checkoutId));
    }

    /** Sends a Transaction Status query whose result is posted to our {@link StatusLink}; false if not sent. */
    private boolean askStatus(String ocid) {
        if (!settings.payouts()) {
            return false;
        }
        ObjectNode body = Json.MAPPER.createObjectNode().put("Initiator", settings.initiatorName())
                .put("SecurityCredential", settings.securityCredential())
                .put("CommandID", "TransactionStatusQuery").put("OriginalConversationID", ocid)
                .put("PartyA", settings.b2cShortCode()).put("IdentifierType", "4")
                .put("ResultURL", context.webhookUrl() + statusLink.path(ocid))
                .put("QueueTimeOutURL", context.webhookUrl() + "/b2c/status-timeout")
                .put("Remarks", "status " + ocid).put("Occasion", ocid);
        try {
            DarajaClient.Reply reply = daraja.post("/mpesa/transactionstatus/v1/query", body);
            boolean sent = reply.status() == 200 && "0".equals(reply.text("ResponseCode"));
            if (!sent) {
                LOG.warn("channel {}: status query for {} refused: {}", context.channelName(), ocid, reply.error());
            }
            return sent;
        } catch (DarajaClient.NoToken | DarajaClient.NoAnswer e) {
            LOG.warn("channel {}: status query for {} failed: {}", context.channelName(), ocid, e.getMessage());
            return false;
        }
    }

    // ---- callbacks ----

    @Override
    public WebhookAnswer onWebhook(WebhookCall call) {
        String subPath = call.subPath();
        JsonNode body = parse(call.body());
        if ("/stk".equals(subPath)) {
            return ack(onStkCallback(body));
        }
        if ("/b2c/result".equals(subPath) || "/b2c/timeout".equals(subPath)) {
            String ocid = text(body.path("Result"), "OriginatorConversationID");
            if (ocid != null && platformTradeNo(ocid) != null) {
                askStatus(ocid);
            }
            return ack(List.of());
        }
        if ("/b2c/status-timeout".equals(subPath)) {
            return ack(List.of());
        }
        if (subPath.startsWith(StatusLink.PREFIX)) {
            String ocid = statusLink.verify(subPath);
            return ocid == null ? notFound() : ack(onStatusResult(ocid, body.path("Result")));
        }
        return notFound();
    }

    private List<WebhookAnswer.Confirmed> onStkCallback(JsonNode body) {
        JsonNode callback = body.path("Body").path("stkCallback");
        String checkoutId = text(callback, "CheckoutRequestID");
        if (checkoutId == null || !CHECKOUT_ID.matcher(checkoutId).matches()) {
            return List.of();
        }
        return stkQuery(checkoutId, receipt(callback))
                .map(result -> List.of(new WebhookAnswer.Confirmed(null, checkoutId, result))).orElse(List.of());
    }

    /** The receipt the callback names; only used as the reference of a success STK query confirmed. */
    private static String receipt(JsonNode callback) {
        for (JsonNode item : callback.path("CallbackMetadata").path("Item")) {
            if ("MpesaReceiptNumber".equals(text(item, "Name"))) {
                String value = text(item, "Value");
                return value != null && RECEIPT.matcher(value).matches() ? value : null;
            }
        }
        return null;
    }

    private List<WebhookAnswer.Confirmed> onStatusResult(String ocid, JsonNode result) {
        String tradeNo = platformTradeNo(ocid);
        String resultCode = text(result, "ResultCode");
        JsonNode parameters = result.path("ResultParameters").path("ResultParameter");
        boolean aboutThisPayout = ocid.equals(parameter(parameters, "OriginatorConversationID"));
        if (tradeNo == null || !"0".equals(resultCode) || !aboutThisPayout) {
            return List.of(); // the query itself failed, or it is about another transaction
        }
        String status = String.valueOf(parameter(parameters, "TransactionStatus"));
        String receipt = parameter(parameters, "ReceiptNo");
        String reference = receipt == null || receipt.isBlank() ? ocid : receipt;
        if ("Completed".equals(status)) {
            BigDecimal amount = amount(parameter(parameters, "Amount"));
            return List.of(new WebhookAnswer.Confirmed(tradeNo, null, RailResult.succeeded(amount, reference)));
        }
        if (DarajaResults.PAYOUT_FAILURES.contains(status)) {
            return List.of(new WebhookAnswer.Confirmed(tradeNo, null,
                    RailResult.failed(DarajaResults.payoutFailure(status), reference)));
        }
        return List.of(); // still pending
    }

    // ---- edges ----

    static String originatorConversationId(String platformTradeNo) {
        return ORIGINATOR_PREFIX + platformTradeNo;
    }

    static String platformTradeNo(String originatorConversationId) {
        if (!originatorConversationId.startsWith(ORIGINATOR_PREFIX)) {
            return null;
        }
        String tradeNo = originatorConversationId.substring(ORIGINATOR_PREFIX.length());
        return TRADE_NO.matcher(tradeNo).matches() ? tradeNo : null;
    }

    /** KES only, in whole shillings: {@code 100.00} is 100; {@code 100.50} is refused rather than rounded. */
    static Optional<String> checkMoney(String currency, BigDecimal amount) {
        if (!"KES".equals(currency)) {
            return Optional.of("M-Pesa pays in KES only, not " + currency);
        }
        if (amount.signum() <= 0) {
            return Optional.of("the amount must be more than 0 KES");
        }
        if (amount.stripTrailingZeros().scale() > 0) {
            return Optional.of("M-Pesa moves whole shillings only; " + amount.toPlainString()
                    + " KES would have to be rounded");
        }
        return Optional.empty();
    }

    private static Optional<String> checkPhone(String phone, String who) {
        return phone != null && PHONE.matcher(phone).matches() ? Optional.empty()
                : Optional.of("M-Pesa needs the " + who + "'s mobile as 12 digits 2547XXXXXXXX or 2541XXXXXXXX");
    }

    private String timestamp() {
        return TIMESTAMP.format(context.clock().instant().atZone(NAIROBI));
    }

    /** STK Password = Base64(shortCode + passkey + timestamp). */
    String password(String timestamp) {
        return Base64.getEncoder().encodeToString((settings.shortCode() + settings.passkey() + timestamp)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Daraja allows 12 characters; the payer sees it on the prompt. */
    static String accountReference(String platformTradeNo) {
        return platformTradeNo.length() <= 12 ? platformTradeNo : platformTradeNo.substring(0, 12);
    }

    private static String clip(String text, int maxChars, String fallback) {
        String value = text == null ? "" : text.replaceAll("\\p{Cntrl}", " ").strip();
        value = value.length() < 2 ? fallback : value;
        return value.length() <= maxChars ? value : value.substring(0, maxChars);
    }

    private static BigDecimal amount(String text) {
        try {
            return text == null ? null : new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null; // null means "exactly the amount asked"
        }
    }

    private static String parameter(JsonNode parameters, String key) {
        for (JsonNode parameter : parameters) {
            if (key.equals(text(parameter, "Key"))) {
                return text(parameter, "Value");
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0 || body.length > 65_536) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node != null && node.isObject() ? node : Json.MAPPER.createObjectNode();
        } catch (java.io.IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private static WebhookAnswer ack(List<WebhookAnswer.Confirmed> confirmed) {
        return new WebhookAnswer(200, "application/json", ACK, confirmed);
    }

    private static WebhookAnswer notFound() {
        return new WebhookAnswer(404, "application/json", "{\"ResultCode\":1,\"ResultDesc\":\"Not found\"}",
                List.of());
    }
}
