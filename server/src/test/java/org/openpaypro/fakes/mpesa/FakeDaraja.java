package org.openpaypro.fakes.mpesa;

import static org.openpaypro.fakes.mpesa.DarajaJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.openpaypro.json.Json;

/**
 * A fake Safaricom Daraja as a real HTTP server on 127.0.0.1 (port 0), written from {@code spec/RAILS.md} §2 and its
 * sources (Daraja portal pages, {@code api-evangelist/mpesa} OpenAPI files, the {@code knnedy/daraja-local}
 * emulator), never from our connector. It serves OAuth, STK push and query, B2C and Transaction Status, posts the
 * callbacks the real rail posts, and lets a test decide every outcome: results (auto or by hand), dropped, doubled or
 * late callbacks, 500s, hangs, expired tokens. It counts requests per OriginatorConversationID and
 * CheckoutRequestID, and how often money moved per OriginatorConversationID.
 *
 * <p>A repeated OriginatorConversationID is answered as Daraja's B2C page documents it: HTTP 500 with
 * {@code errorCode 500.002.1001 "Duplicate OriginatorConversationID."} and nothing is paid again. Callbacks are
 * only ever posted to loopback addresses. Thread-safe.
 */
public final class FakeDaraja implements AutoCloseable {
    public static final String OAUTH = "/oauth/v1/generate";
    public static final String STK_PUSH = "/mpesa/stkpush/v1/processrequest";
    public static final String STK_QUERY = "/mpesa/stkpushquery/v1/query";
    public static final String B2C = "/mpesa/b2c/v3/paymentrequest";
    public static final String STATUS = "/mpesa/transactionstatus/v1/query";

    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd");
    private static final DateTimeFormatter COMPLETED = DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm:ss");
    private static final Pattern PHONE = Pattern.compile("254[17]\\d{8}");
    private static final Pattern WHOLE = Pattern.compile("[1-9]\\d{0,8}");
    private static final Set<String> STK_TYPES = Set.of("CustomerPayBillOnline", "CustomerBuyGoodsOnline");
    private static final Set<String> B2C_COMMANDS = Set.of("BusinessPayment", "SalaryPayment", "PromotionPayment");

    /** An automatic outcome for new requests: the result code, after a delay; a null code leaves them pending. */
    public record Plan(String resultCode, Duration delay) {
        public static Plan manual() {
            return new Plan(null, Duration.ZERO);
        }

        public static Plan after(Duration delay, String resultCode) {
            return new Plan(resultCode, delay);
        }
    }

    /** One callback the fake posted (or refused to post to a non-loopback host: status -1). */
    public record Delivered(String kind, String url, int status, String body) {
    }

    private final DarajaAccount account;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(daemon("fake-daraja"));
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, daemon("fake-daraja-timer"));
    private final HttpClient callbackClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, Fault> stickyFaults = new ConcurrentHashMap<>();
    private final Map<String, Answer> stickyAnswers = new ConcurrentHashMap<>();
    private final Map<String, StkSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, B2cPayment> payments = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<Delivered> delivered = new CopyOnWriteArrayList<>();
    private final List<JsonNode> stkPushes = new CopyOnWriteArrayList<>();
    private final AtomicLong tokensIssued = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private volatile CountDownLatch hangs = new CountDownLatch(1);
    private volatile long tokenTtlSeconds = 3599;
    private volatile int invalidTokenStatus = 401;
    private volatile Plan stkPlan = Plan.manual();
    private volatile Plan payoutPlan = Plan.manual();
    private volatile Delivery stkDelivery = Delivery.NORMAL;
    private volatile Delivery resultDelivery = Delivery.NORMAL;
    private volatile Delivery statusDelivery = Delivery.NORMAL;
    private volatile Duration statusDelay = Duration.ZERO;
    private volatile String publicPrefix;
    private volatile String actualPrefix;

    private FakeDaraja(DarajaAccount account) throws IOException {
        this.account = account;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    public static FakeDaraja start(DarajaAccount account) {
        try {
            return new FakeDaraja(account);
        } catch (IOException e) {
            throw new IllegalStateException("fake Daraja could not bind 127.0.0.1", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public DarajaAccount account() {
        return account;
    }

    // ---- what tests decide ----

    /** The next request on {@code path} meets {@code fault} instead of a normal answer (queued, one per call). */
    public void failNext(String path, Fault fault) {
        faults.computeIfAbsent(path, key -> new ConcurrentLinkedDeque<>()).add(fault);
    }

    /** Every request on {@code path} meets {@code fault} until {@link #behaveNormally}. */
    public void alwaysFail(String path, Fault fault) {
        stickyFaults.put(path, fault);
    }

    /** Every request on {@code path} gets Daraja's error envelope with this status until {@link #behaveNormally}. */
    public void alwaysAnswer(String path, int status, String errorCode, String errorMessage) {
        stickyAnswers.put(path, Answer.error(status, errorCode, errorMessage));
    }

    public void behaveNormally(String path) {
        stickyFaults.remove(path);
        stickyAnswers.remove(path);
    }

    /** Every issued token stops being valid now, as if its {@code expires_in} had passed. */
    public void expireTokens() {
        tokens.replaceAll((token, expiry) -> Instant.EPOCH);
    }

    public void tokenTtlSeconds(long seconds) {
        tokenTtlSeconds = seconds;
    }

    /** HTTP status for an invalid or expired token: 401 (default) or 404 (as daraja-local answers it). */
    public void invalidTokenStatus(int status) {
        invalidTokenStatus = status;
    }

    public void stkPlan(Plan plan) {
        stkPlan = plan;
    }

    public void payoutPlan(Plan plan) {
        payoutPlan = plan;
    }

    public void stkCallbacks(Delivery delivery) {
        stkDelivery = delivery;
    }

    public void payoutResults(Delivery delivery) {
        resultDelivery = delivery;
    }

    public void statusResults(Delivery delivery) {
        statusDelivery = delivery;
    }

    public void statusDelay(Duration delay) {
        statusDelay = delay;
    }

    /**
     * Callback URLs starting with {@code publicPrefix} (the gateway's public URL) are posted to {@code actualPrefix}
     * instead (its real port), as a reverse proxy in front of the gateway would.
     */
    public void forwardCallbacks(String publicPrefix, String actualPrefix) {
        this.publicPrefix = publicPrefix;
        this.actualPrefix = actualPrefix;
    }

    /** Lets every hanging request end (without an answer). */
    public void releaseHangs() {
        CountDownLatch old = hangs;
        hangs = new CountDownLatch(1);
        old.countDown();
    }

    /** The payer answers the prompt with {@code resultCode}; the callback is posted as configured. */
    public boolean resolveStk(String checkoutRequestId, String resultCode) {
        StkSession session = session(checkoutRequestId);
        boolean first = session.resolve(resultCode, "0".equals(resultCode) ? DarajaJson.receipt() : null,
                TIMESTAMP.format(Instant.now().atZone(NAIROBI)));
        if (first) {
            deliver("stk", session.callbackUrl(), DarajaJson.stkCallback(session), stkDelivery);
        }
        return first;
    }

    /** Posts the STK callback of a resolved session again (duplicates, out-of-order replays). */
    public int sendStkCallback(String checkoutRequestId) {
        StkSession session = session(checkoutRequestId);
        return send("stk", session.callbackUrl(), DarajaJson.stkCallback(session).toString());
    }

    /** M-Pesa finishes the payment with {@code resultCode}; the Result is posted to its ResultURL as configured. */
    public boolean resolvePayout(String originatorConversationId, String resultCode) {
        B2cPayment payment = payment(originatorConversationId);
        String receipt = DarajaJson.receipt();
        boolean first = payment.resolve(resultCode, receipt, COMPLETED.format(Instant.now().atZone(NAIROBI)));
        if (first) {
            deliver("b2c-result", payment.resultUrl(), b2cResult(payment), resultDelivery);
        }
        return first;
    }

    /** Posts the B2C Result of a resolved payment again. */
    public int sendPayoutResult(String originatorConversationId) {
        B2cPayment payment = payment(originatorConversationId);
        return send("b2c-result", payment.resultUrl(), b2cResult(payment).toString());
    }

    /** Posts a queue-timeout notice to the payment's QueueTimeOutURL; the payment itself stays as it is. */
    public void timeoutPayout(String originatorConversationId) {
        B2cPayment payment = payment(originatorConversationId);
        // The sources give the shape (a Result) but no example code for a queue timeout; this one is ours.
        ObjectNode notice = DarajaJson.resultEnvelope("SVC0001", payment.originatorConversationId(),
                payment.conversationId(), "");
        ((ObjectNode) notice.get("Result")).put("ResultDesc", "The request timed out while waiting in the queue");
        deliver("b2c-timeout", payment.queueTimeOutUrl(), notice, Delivery.NORMAL);
    }

    /** Posts any body to a URL as the rail would (forged or replayed callbacks in tests). */
    public int post(String url, String body) {
        return send("manual", url, body);
    }

    // ---- what tests read ----

    public int b2cRequests(String originatorConversationId) {
        return count("b2c:" + originatorConversationId);
    }

    public int timesPaid(String originatorConversationId) {
        B2cPayment payment = payments.get(originatorConversationId);
        return payment == null ? 0 : payment.timesPaid();
    }

    public int statusQueries(String originatorConversationId) {
        return count("status:" + originatorConversationId);
    }

    public int stkQueries(String checkoutRequestId) {
        return count("stkquery:" + checkoutRequestId);
    }

    public int stkPushes(String accountReference) {
        return count("stkpush:" + accountReference);
    }

    public int requests(String path) {
        return count("path:" + path);
    }

    public long tokensIssued() {
        return tokensIssued.get();
    }

    public List<JsonNode> stkPushRequests() {
        return List.copyOf(stkPushes);
    }

    /** The CheckoutRequestID of the push made with {@code accountReference}, if any. */
    public String checkoutIdFor(String accountReference) {
        return sessions.values().stream().filter(s -> s.accountReference().equals(accountReference))
                .map(StkSession::checkoutRequestId).findFirst().orElse(null);
    }

    public List<Delivered> delivered() {
        return List.copyOf(delivered);
    }

    @Override
    public void close() {
        releaseHangs();
        server.stop(0);
        timers.shutdownNow();
        handlers.shutdownNow();
    }

    // ---- the rail ----

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        counts.computeIfAbsent("path:" + path, key -> new AtomicInteger()).incrementAndGet();
        try (exchange) {
            Answer sticky = stickyAnswers.get(path);
            if (sticky != null) {
                reply(exchange, sticky.status(), sticky.body());
                return;
            }
            Fault stickyFault = stickyFaults.get(path);
            Fault fault = stickyFault != null ? stickyFault : nextFault(path);
            if (fault == Fault.SERVER_ERROR) {
                reply(exchange, 500, DarajaJson.error("500.003.1001", "Internal Server Error"));
                return;
            }
            if (fault == Fault.HANG) {
                hang();
                return;
            }
            Answer answer = answer(exchange, path);
            if (fault == Fault.PROCESS_THEN_HANG) {
                hang();
                return;
            }
            reply(exchange, answer.status(), answer.body());
        } catch (RuntimeException e) {
            reply(exchange, 500, DarajaJson.error("500.003.1001", "Internal Server Error"));
        }
    }

    private record Answer(int status, JsonNode body) {
        static Answer ok(JsonNode body) {
            return new Answer(200, body);
        }

        static Answer error(int status, String errorCode, String errorMessage) {
            return new Answer(status, DarajaJson.error(errorCode, errorMessage));
        }

        static Answer badRequest(String field) {
            return error(400, "400.002.02", "Bad Request - Invalid " + field);
        }
    }

    private Answer answer(HttpExchange exchange, String path) throws IOException {
        if (path.equals(OAUTH)) {
            return token(exchange);
        }
        if (!Set.of(STK_PUSH, STK_QUERY, B2C, STATUS).contains(path)) {
            return Answer.error(404, "404.003.01", "Resource not found");
        }
        if (!validBearer(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return Answer.error(invalidTokenStatus, "404.001.03", "Invalid Access Token");
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            return Answer.error(404, "404.001.04", "Invalid Authentication Header");
        }
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = Json.MAPPER.readTree(in);
        } catch (IOException e) {
            return Answer.error(400, "400.002.05", "Invalid Request Payload");
        }
        if (body == null || !body.isObject()) {
            return Answer.error(400, "400.002.05", "Invalid Request Payload");
        }
        return switch (path) {
            case STK_PUSH -> stkPush(body);
            case STK_QUERY -> stkQuery(body);
            case B2C -> b2c(body);
            default -> transactionStatus(body);
        };
    }

    private Answer token(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null || !query.contains("grant_type=client_credentials")) {
            return Answer.error(400, "400.008.02", "Invalid grant type passed");
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (account.consumerKey() + ":" + account.consumerSecret()).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(header)) {
            return Answer.error(400, "400.008.01", "Invalid Authentication passed");
        }
        String token = UUID.randomUUID().toString().replace("-", "").substring(0, 28);
        tokens.put(token, Instant.now().plusSeconds(tokenTtlSeconds));
        tokensIssued.incrementAndGet();
        return Answer.ok(DarajaJson.object().put("access_token", token)
                .put("expires_in", Long.toString(tokenTtlSeconds)));
    }

    private boolean validBearer(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        Instant expiry = tokens.get(header.substring("Bearer ".length()));
        return expiry != null && Instant.now().isBefore(expiry);
    }

    /** Answers null when the short code, password and timestamp are right, else Daraja's error. */
    private Answer merchantCheck(JsonNode body) {
        if (!account.shortCode().equals(text(body, "BusinessShortCode"))) {
            return Answer.error(500, "500.001.1001", "Merchant does not exist");
        }
        String timestamp = text(body, "Timestamp");
        String password = text(body, "Password");
        try {
            TIMESTAMP.parse(timestamp == null ? "" : timestamp);
            String decoded = new String(Base64.getDecoder().decode(password == null ? "" : password),
                    StandardCharsets.UTF_8);
            if (!decoded.equals(account.shortCode() + account.passkey() + timestamp)) {
                return Answer.error(500, "500.001.1001", "[MerchantValidate] - Wrong credentials");
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Answer.error(500, "500.001.1001", "[MerchantValidate] - Wrong credentials");
        }
        return null;
    }

    private Answer stkPush(JsonNode body) {
        stkPushes.add(body);
        String reference = text(body, "AccountReference");
        counts.computeIfAbsent("stkpush:" + reference, key -> new AtomicInteger()).incrementAndGet();
        Answer refused = merchantCheck(body);
        if (refused != null) {
            return refused;
        }
        Answer invalid = stkFieldCheck(body, reference);
        if (invalid != null) {
            return invalid;
        }
        StkSession session = new StkSession(DarajaJson.requestId(), "ws_CO_" + TIMESTAMP.format(
                Instant.now().atZone(NAIROBI)) + String.format("%06d", sequence.incrementAndGet() % 1_000_000),
                Long.parseLong(amountText(body)), text(body, "PhoneNumber"), text(body, "CallBackURL"), reference);
        sessions.put(session.checkoutRequestId(), session);
        Plan plan = stkPlan;
        if (plan.resultCode() != null) {
            timers.schedule(() -> resolveStk(session.checkoutRequestId(), plan.resultCode()),
                    plan.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
        String message = "Success. Request accepted for processing";
        return Answer.ok(DarajaJson.object().put("MerchantRequestID", session.merchantRequestId())
                .put("CheckoutRequestID", session.checkoutRequestId()).put("ResponseCode", "0")
                .put("ResponseDescription", message).put("CustomerMessage", message));
    }

    private Answer stkFieldCheck(JsonNode body, String reference) {
        if (!STK_TYPES.contains(String.valueOf(text(body, "TransactionType")))) {
            return Answer.badRequest("TransactionType");
        }
        if (amountText(body) == null) {
            return Answer.badRequest("Amount");
        }
        if (!PHONE.matcher(String.valueOf(text(body, "PartyA"))).matches()) {
            return Answer.badRequest("PartyA");
        }
        if (!PHONE.matcher(String.valueOf(text(body, "PhoneNumber"))).matches()) {
            return Answer.badRequest("PhoneNumber");
        }
        if (!String.valueOf(text(body, "PartyB")).matches("\\d{5,7}")) {
            return Answer.badRequest("PartyB");
        }
        if (!isUrl(text(body, "CallBackURL"))) {
            return Answer.badRequest("CallBackURL");
        }
        if (reference == null || reference.isEmpty() || reference.length() > 12) {
            return Answer.badRequest("AccountReference");
        }
        String description = text(body, "TransactionDesc");
        if (description == null || description.isEmpty() || description.length() > 182) {
            return Answer.error(500, "1025", "Unable to lock subscriber, TransactionDesc must be 1-182 characters");
        }
        return null;
    }

    /** A whole number of shillings, as a JSON integer or a string of digits; null for anything else (e.g. 10.5). */
    private static String amountText(JsonNode body) {
        JsonNode amount = body.get("Amount");
        if (amount == null) {
            return null;
        }
        String text = amount.isIntegralNumber() || amount.isTextual() ? amount.asText() : "";
        return WHOLE.matcher(text).matches() ? text : null;
    }

    private Answer stkQuery(JsonNode body) {
        String checkoutId = text(body, "CheckoutRequestID");
        counts.computeIfAbsent("stkquery:" + checkoutId, key -> new AtomicInteger()).incrementAndGet();
        Answer refused = merchantCheck(body);
        if (refused != null) {
            return refused;
        }
        StkSession session = checkoutId == null ? null : sessions.get(checkoutId);
        if (session == null) {
            return Answer.badRequest("CheckoutRequestID");
        }
        String code = session.resultCode();
        if (code == null) {
            // What Daraja answers while the payer has not answered (safaricom/LNMOnlineAndroidSample#13).
            return Answer.error(500, "500.001.1001", "The transaction is being processed");
        }
        return Answer.ok(DarajaJson.object().put("ResponseCode", "0")
                .put("ResponseDescription", "The service request has been accepted successsfully")
                .put("MerchantRequestID", session.merchantRequestId()).put("CheckoutRequestID", checkoutId)
                .put("ResultCode", code).put("ResultDesc", DarajaJson.description(code)));
    }

    private Answer b2c(JsonNode body) {
        String ocid = text(body, "OriginatorConversationID");
        counts.computeIfAbsent("b2c:" + ocid, key -> new AtomicInteger()).incrementAndGet();
        Answer invalid = b2cFieldCheck(body, ocid);
        if (invalid != null) {
            return invalid;
        }
        boolean initiatorValid = account.initiatorName().equals(text(body, "InitiatorName"))
                && account.securityCredential().equals(text(body, "SecurityCredential"));
        B2cPayment payment = new B2cPayment(ocid, DarajaJson.conversationId(DAY.format(Instant.now().atZone(NAIROBI))),
                Long.parseLong(amountText(body)), text(body, "PartyB"), text(body, "ResultURL"),
                text(body, "QueueTimeOutURL"), initiatorValid);
        if (payments.putIfAbsent(ocid, payment) != null) {
            return Answer.error(500, "500.002.1001", "Duplicate OriginatorConversationID.");
        }
        Plan plan = payoutPlan;
        if (plan.resultCode() != null) {
            timers.schedule(() -> resolvePayout(ocid, plan.resultCode()), plan.delay().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return Answer.ok(DarajaJson.object().put("ConversationID", payment.conversationId())
                .put("OriginatorConversationID", ocid).put("ResponseCode", "0")
                .put("ResponseDescription", "Accept the service request successfully."));
    }

    private Answer b2cFieldCheck(JsonNode body, String ocid) {
        if (ocid == null || ocid.isBlank()) {
            return Answer.badRequest("OriginatorConversationID");
        }
        if (text(body, "InitiatorName") == null || text(body, "InitiatorName").isBlank()) {
            return Answer.badRequest("InitiatorName");
        }
        if (text(body, "SecurityCredential") == null) {
            return Answer.badRequest("SecurityCredential");
        }
        if (!B2C_COMMANDS.contains(String.valueOf(text(body, "CommandID")))) {
            return Answer.badRequest("CommandID");
        }
        if (amountText(body) == null) {
            return Answer.badRequest("Amount");
        }
        if (!account.b2cShortCode().equals(text(body, "PartyA"))) {
            return Answer.badRequest("PartyA");
        }
        if (!PHONE.matcher(String.valueOf(text(body, "PartyB"))).matches()) {
            return Answer.badRequest("PartyB");
        }
        String remarks = text(body, "Remarks");
        if (remarks == null || remarks.length() < 2 || remarks.length() > 100) {
            return Answer.badRequest("Remarks");
        }
        if (!isUrl(text(body, "QueueTimeOutURL"))) {
            return Answer.badRequest("QueueTimeOutURL");
        }
        if (!isUrl(text(body, "ResultURL"))) {
            return Answer.badRequest("ResultURL");
        }
        return null;
    }

    private Answer transactionStatus(JsonNode body) {
        String original = text(body, "OriginalConversationID");
        String transactionId = text(body, "TransactionID");
        counts.computeIfAbsent("status:" + (original != null ? original : transactionId),
                key -> new AtomicInteger()).incrementAndGet();
        if (!"TransactionStatusQuery".equals(text(body, "CommandID"))) {
            return Answer.badRequest("CommandID");
        }
        if ((original == null || original.isBlank()) && (transactionId == null || transactionId.isBlank())) {
            return Answer.badRequest("TransactionID");
        }
        if (!isUrl(text(body, "ResultURL")) || !isUrl(text(body, "QueueTimeOutURL"))) {
            return Answer.badRequest("ResultURL");
        }
        if (text(body, "Initiator") == null || text(body, "PartyA") == null) {
            return Answer.badRequest("Initiator");
        }
        boolean initiatorValid = account.initiatorName().equals(text(body, "Initiator"))
                && account.securityCredential().equals(text(body, "SecurityCredential"));
        String ownOcid = DarajaJson.requestId();
        String ownConversation = DarajaJson.conversationId(DAY.format(Instant.now().atZone(NAIROBI)));
        String resultUrl = text(body, "ResultURL");
        timers.schedule(() -> deliver("status-result", resultUrl,
                statusResult(original, transactionId, initiatorValid, ownOcid, ownConversation), statusDelivery),
                statusDelay.toMillis(), TimeUnit.MILLISECONDS);
        return Answer.ok(DarajaJson.object().put("OriginatorConversationID", ownOcid)
                .put("ConversationID", ownConversation).put("ResponseCode", "0")
                .put("ResponseDescription", "Accept the service request successfully."));
    }

    /**
     * The Transaction Status result (Daraja's Transaction Status page): the query's own ids in the envelope, the
     * queried transaction in ResultParameters ({@code TransactionStatus}, {@code Amount}, {@code ReceiptNo},
     * {@code OriginatorConversationID}). The sources show only "Completed"; for a declined payment this fake says
     * "Declined" and for one still in flight "Pending". An unknown transaction gets a non-zero code of ours.
     */
    private ObjectNode statusResult(String original, String transactionId, boolean initiatorValid, String ownOcid,
                                    String ownConversation) {
        B2cPayment payment = original != null ? payments.get(original) : payments.values().stream()
                .filter(p -> transactionId.equals(p.transactionId())).findFirst().orElse(null);
        if (!initiatorValid) {
            return DarajaJson.resultEnvelope("2001", ownOcid, ownConversation, "");
        }
        if (payment == null) {
            ObjectNode missing = DarajaJson.resultEnvelope("TS404", ownOcid, ownConversation, "");
            ((ObjectNode) missing.get("Result")).put("ResultDesc", "No transaction matches the query");
            return missing;
        }
        String code = payment.resultCode();
        String receipt = payment.transactionId() == null ? "" : payment.transactionId();
        ObjectNode root = DarajaJson.resultEnvelope("0", ownOcid, ownConversation, receipt);
        ArrayNode parameters = ((ObjectNode) root.get("Result")).putObject("ResultParameters")
                .putArray("ResultParameter");
        DarajaJson.parameter(parameters, "DebitPartyName", account.b2cShortCode() + " - Fake Org");
        DarajaJson.parameter(parameters, "CreditPartyName", payment.phone() + " - Fake Customer");
        DarajaJson.parameter(parameters, "OriginatorConversationID", payment.originatorConversationId());
        DarajaJson.parameter(parameters, "TransactionStatus",
                code == null ? "Pending" : "0".equals(code) ? "Completed" : "Declined");
        DarajaJson.parameter(parameters, "ReasonType", "Business Payment to Customer via API");
        DarajaJson.parameter(parameters, "Amount", Long.toString(payment.amountShillings()));
        DarajaJson.parameter(parameters, "ConversationID", payment.conversationId());
        DarajaJson.parameter(parameters, "ReceiptNo", receipt);
        return root;
    }

    private ObjectNode b2cResult(B2cPayment payment) {
        String code = payment.resultCode();
        ObjectNode root = DarajaJson.resultEnvelope(code, payment.originatorConversationId(),
                payment.conversationId(), payment.transactionId());
        ObjectNode result = (ObjectNode) root.get("Result");
        if ("0".equals(code)) {
            ArrayNode parameters = result.putObject("ResultParameters").putArray("ResultParameter");
            DarajaJson.parameter(parameters, "TransactionAmount", payment.amountShillings());
            DarajaJson.parameter(parameters, "TransactionReceipt", payment.transactionId());
            DarajaJson.parameter(parameters, "ReceiverPartyPublicName", payment.phone() + " - Fake Customer");
            DarajaJson.parameter(parameters, "TransactionCompletedDateTime", payment.completedAt());
            DarajaJson.parameter(parameters, "B2CRecipientIsRegisteredCustomer", "Y");
        }
        ObjectNode item = result.putObject("ReferenceData").putObject("ReferenceItem");
        item.put("Key", "QueueTimeoutURL").put("Value", payment.queueTimeOutUrl());
        return root;
    }

    // ---- plumbing ----

    private void deliver(String kind, String url, JsonNode body, Delivery delivery) {
        if (delivery == Delivery.DROP) {
            delivered.add(new Delivered(kind + "-dropped", url, 0, body.toString()));
            return;
        }
        int times = delivery == Delivery.TWICE ? 2 : 1;
        for (int i = 0; i < times; i++) {
            send(kind, url, body.toString());
        }
    }

    private int send(String kind, String url, String body) {
        int status;
        String from = publicPrefix;
        String to = actualPrefix;
        try {
            URI target = URI.create(from != null && url.startsWith(from) ? to + url.substring(from.length()) : url);
            if (!InetAddress.getByName(target.getHost()).isLoopbackAddress()) {
                status = -1; // tests never let a connection leave the machine
            } else {
                HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                status = callbackClient.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            }
        } catch (IOException | IllegalArgumentException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 0;
        }
        delivered.add(new Delivered(kind, url, status, body));
        return status;
    }

    private Fault nextFault(String path) {
        Deque<Fault> queue = faults.get(path);
        return queue == null ? null : queue.poll();
    }

    private void hang() {
        try {
            hangs.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static boolean isUrl(String value) {
        return value != null && (value.startsWith("https://") || value.startsWith("http://"));
    }

    private StkSession session(String checkoutRequestId) {
        StkSession session = sessions.get(checkoutRequestId);
        if (session == null) {
            throw new IllegalArgumentException("no STK push " + checkoutRequestId);
        }
        return session;
    }

    private B2cPayment payment(String originatorConversationId) {
        B2cPayment payment = payments.get(originatorConversationId);
        if (payment == null) {
            throw new IllegalArgumentException("no B2C payment " + originatorConversationId);
        }
        return payment;
    }

    private int count(String key) {
        AtomicInteger count = counts.get(key);
        return count == null ? 0 : count.get();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
