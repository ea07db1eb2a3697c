package org.openpaypro.fakes.pix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A Pix PSP for tests, written from the Banco Central "API Pix" {@code openapi.yaml} (release 2.9.0) and Efí's
 * "Envio de Pix" pages, never from our connector: a real HTTPS server on {@code 127.0.0.1} that requires a client
 * certificate signed by its own CA ({@link PixTestPki}), with OAuth2 client credentials at {@link #oauthUrl()} and,
 * under {@link #baseUrl()} ({@code .../v2}): {@code PUT/GET /cob/{txid}}, {@code PUT /webhook/{chave}}, Efí's
 * {@code PUT /gn/pix/{idEnvio}} and {@code GET /gn/pix/enviados/id-envio/{idEnvio}}. Errors of the standard
 * endpoints are RFC 7807 problems ({@code type https://pix.bcb.gov.br/api/v2/error/<Name>}); Efí's own endpoints
 * answer {@code {"nome","mensagem"}} as Efí does. Notifications are POSTed to {@code {webhookUrl}/pix}.
 *
 * <p>Tests decide outcomes ({@link #payCharge}, {@link #sendOutcome}, {@link #settleSend}, {@link #webhookDelivery},
 * {@link #nextAnswer}, {@link #expireTokens}) and read counts ({@link #requests}, {@link #sendsCreated}).
 * Thread-safe: the state is guarded by this object's monitor; notifications go out in order on one thread.
 */
public final class FakePixPsp implements AutoCloseable {
    public static final String CLIENT_ID = "fake-pix-client-id";
    public static final String CLIENT_SECRET = "fake-pix-client-secret";
    public static final String PIX_KEY = "7d9f0335-8dcc-4054-9bf9-0dbd61d36906";
    private static final String PROBLEM = "https://pix.bcb.gov.br/api/v2/error/";
    private static final Pattern TXID = Pattern.compile("[a-zA-Z0-9]{26,35}");
    private static final Pattern ID_ENVIO = Pattern.compile("[a-zA-Z0-9]{1,35}");
    private static final Pattern VALOR = Pattern.compile("\\d{1,10}\\.\\d{2}");
    private static final Pattern COB_PATH = Pattern.compile("/v2/cob/([^/]+)");
    private static final Pattern WEBHOOK_PATH = Pattern.compile("/v2/webhook/([^/]+)");
    private static final Pattern SEND_PATH = Pattern.compile("/v2/gn/pix/([^/]+)");
    private static final Pattern SENT_PATH = Pattern.compile("/v2/gn/pix/enviados/id-envio/([^/]+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The calls the fake counts and can be told to misbehave on. */
    public enum Op { TOKEN, PUT_COB, GET_COB, PUT_WEBHOOK, PUT_SEND, GET_SEND }

    /** What happens to a send created from now on. */
    public enum SendOutcome {
        /** Accepted (EM_PROCESSAMENTO), then REALIZADO and notified. */
        CONFIRM,
        /** Accepted, then NAO_REALIZADO and notified. */
        FAIL_BY_WEBHOOK,
        /** Refused in the answer (400), nothing created, no notification. */
        REFUSE_AT_ONCE,
        /** Accepted and left EM_PROCESSAMENTO until {@link #settleSend}. */
        STAY_PROCESSING,
        /** Efí's sandbox rule: up to 10.00 confirmed, 10.01-20.00 rejected by webhook, above refused at once. */
        EFI_SANDBOX_BY_AMOUNT
    }

    /** How notifications go out from now on. */
    public enum Delivery { NORMAL, DROP, TWICE, HOLD }

    /** One misbehaviour for the next call of an {@link Op}. */
    public record Fault(int status, Duration hangBefore, Duration hangAfter) {
        /** Answer this status with a problem body, without processing the call. */
        public static Fault status(int status) {
            return new Fault(status, Duration.ZERO, Duration.ZERO);
        }

        /** Receive the call, do nothing, and only answer (503) after this long. */
        public static Fault hangBeforeProcessing(Duration hang) {
            return new Fault(503, hang, Duration.ZERO);
        }

        /** Process the call (the charge or send exists), then wait this long before answering. */
        public static Fault hangAfterProcessing(Duration hang) {
            return new Fault(0, Duration.ZERO, hang);
        }
    }

    /** A notification the fake produced: where it went, the body, and the answer status (-1: not sent). */
    public record Notification(String url, String body, int status) {
    }

    private final PixTestPki pki;
    private final HttpsServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor();
    private final HttpClient webhookClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> charges = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> sends = new ConcurrentHashMap<>();
    private final Map<String, String> webhooks = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
    private final Map<Op, Deque<Fault>> faults = new EnumMap<>(Op.class);
    private final Map<Op, Fault> standing = new EnumMap<>(Op.class);
    private final List<Notification> notifications = Collections.synchronizedList(new ArrayList<>());
    private final List<Runnable> held = new ArrayList<>();
    private final AtomicInteger locationIds = new AtomicInteger(100);
    private volatile long tokenLifetimeSeconds = 3600;
    private volatile boolean formTokenBody = true;
    private volatile boolean jsonTokenBody = true;
    private volatile SendOutcome sendOutcome = SendOutcome.CONFIRM;
    private volatile Delivery delivery = Delivery.NORMAL;
    private volatile String publicPrefix;
    private volatile String reachablePrefix;

    private FakePixPsp(PixTestPki pki) throws IOException, GeneralSecurityException {
        this.pki = pki;
        SSLContext context = pki.serverContext();
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                params.setSSLParameters(ssl);
            }
        });
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    /** A fresh PSP with fresh certificates, listening on an OS-chosen port of 127.0.0.1. */
    public static FakePixPsp start() {
        return start(PixTestPki.generate());
    }

    /** As {@link #start()} with the given certificates (e.g. a server certificate for another host name). */
    public static FakePixPsp start(PixTestPki pki) {
        try {
            return new FakePixPsp(pki);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot start the fake Pix PSP", e);
        }
    }

    public PixTestPki pki() {
        return pki;
    }

    /** The API base, major version included, as a PSP publishes it. */
    public String baseUrl() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/v2";
    }

    public String oauthUrl() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/oauth/token";
    }

    // ---- what tests decide

    /** Pays the charge in full: the Pix is recorded, the charge becomes CONCLUIDA, and a notification goes out. */
    public String payCharge(String txid) {
        return payCharge(txid, new BigDecimal(chargeOrThrow(txid).path("valor").path("original").asText()));
    }

    /** Pays the charge with {@code amount} (a partial or different amount), otherwise as {@link #payCharge(String)}. */
    public synchronized String payCharge(String txid, BigDecimal amount) {
        ObjectNode charge = chargeOrThrow(txid);
        String e2eId = endToEndId();
        ObjectNode pix = JSON.createObjectNode();
        pix.put("endToEndId", e2eId).put("txid", txid).put("valor", amount.setScale(2).toPlainString())
                .put("horario", Instant.now().toString()).put("infoPagador", "pagamento de teste");
        ((ArrayNode) charge.withArray("pix")).add(pix);
        charge.put("status", "CONCLUIDA");
        ObjectNode body = JSON.createObjectNode();
        body.putArray("pix").add(pix.deepCopy());
        notify(charge.path("chave").asText(), body.toString());
        return e2eId;
    }

    /** The PSP removes the charge (status REMOVIDA_PELO_PSP); no notification, as in the standard. */
    public synchronized void removeCharge(String txid) {
        chargeOrThrow(txid).put("status", "REMOVIDA_PELO_PSP");
    }

    /** The txid of the charge whose BR Code is {@code pixCopiaECola}, as a payer's app would find it. */
    public Optional<String> txidOfCode(String pixCopiaECola) {
        return charges.values().stream().filter(c -> c.path("pixCopiaECola").asText().equals(pixCopiaECola))
                .map(c -> c.path("txid").asText()).findFirst();
    }

    /** A copy of the charge as {@code GET /cob/{txid}} would show it. */
    public Optional<JsonNode> charge(String txid) {
        return Optional.ofNullable(charges.get(txid)).map(ObjectNode::deepCopy);
    }

    /** A copy of the send as {@code GET /gn/pix/enviados/id-envio/{idEnvio}} would show it. */
    public Optional<JsonNode> send(String idEnvio) {
        return Optional.ofNullable(sends.get(idEnvio)).map(ObjectNode::deepCopy);
    }

    public void sendOutcome(SendOutcome outcome) {
        sendOutcome = outcome;
    }

    /** Ends a send that stayed EM_PROCESSAMENTO: REALIZADO or NAO_REALIZADO, and notifies. */
    public synchronized void settleSend(String idEnvio, boolean realizado) {
        ObjectNode send = sends.get(idEnvio);
        if (send == null) {
            throw new IllegalArgumentException("no send " + idEnvio);
        }
        settle(send, realizado);
    }

    public void webhookDelivery(Delivery mode) {
        delivery = mode;
    }

    /** Sends the notifications held under {@link Delivery#HOLD}, newest first when {@code reversed}. */
    public void releaseHeld(boolean reversed) {
        List<Runnable> batch;
        synchronized (held) {
            batch = new ArrayList<>(held);
            held.clear();
        }
        if (reversed) {
            Collections.reverse(batch);
        }
        batch.forEach(notifier::execute);
    }

    /**
     * Delivers notifications for URLs starting with {@code publicPrefix} to {@code reachablePrefix} instead, as
     * the DNS and proxy in front of a gateway would (a test gateway's public URL is not the port it listens on).
     * The registered URL itself is kept exactly as given.
     */
    public void reachPublicUrlAt(String publicPrefix, String reachablePrefix) {
        this.publicPrefix = publicPrefix;
        this.reachablePrefix = reachablePrefix;
    }

    /** Queues a misbehaviour for the next call of {@code op} (several queue in order). */
    public void nextAnswer(Op op, Fault fault) {
        synchronized (faults) {
            faults.computeIfAbsent(op, o -> new ArrayDeque<>()).add(fault);
        }
    }

    /** Every call of {@code op} from now on gets {@code fault} (after any queued ones), until {@link #clearAlways}. */
    public void alwaysAnswer(Op op, Fault fault) {
        synchronized (faults) {
            standing.put(op, fault);
        }
    }

    public void clearAlways(Op op) {
        synchronized (faults) {
            standing.remove(op);
        }
    }

    /** Every token issued so far stops working (the next call with one gets 401). */
    public void expireTokens() {
        tokens.clear();
    }

    /**
     * Which token request bodies are understood: RFC 6749's form ({@code grant_type=client_credentials}) and/or
     * the JSON body of Efí's examples; the other kind gets 400 {@code invalid_request}. Both by default.
     */
    public void acceptTokenBodies(boolean form, boolean json) {
        formTokenBody = form;
        jsonTokenBody = json;
    }

    /** The {@code expires_in} of tokens issued from now on. */
    public void tokenLifetimeSeconds(long seconds) {
        tokenLifetimeSeconds = seconds;
    }

    // ---- what tests read

    /** How many calls of {@code op} reached the fake for this txid / idEnvio / chave ({@code ""} for TOKEN). */
    public int requests(Op op, String id) {
        AtomicInteger count = counts.get(op + " " + id);
        return count == null ? 0 : count.get();
    }

    /** How many times a send with this idEnvio was actually created (must never exceed 1). */
    public int sendsCreated(String idEnvio) {
        AtomicInteger count = created.get(idEnvio);
        return count == null ? 0 : count.get();
    }

    public List<Notification> notifications() {
        synchronized (notifications) {
            return List.copyOf(notifications);
        }
    }

    public Optional<String> registeredWebhook(String chave) {
        return Optional.ofNullable(webhooks.get(chave));
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        notifier.shutdownNow();
    }

    // ---- the HTTP side

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Answer answer = route(method, path, body, exchange);
            byte[] bytes = answer.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType);
            exchange.sendResponseHeaders(answer.status, answer.status == 204 ? -1 : bytes.length);
            if (answer.status != 204) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away (a hang past its timeout): nothing to answer
        }
    }

    private record Answer(int status, String contentType, String body) {
    }

    private Answer route(String method, String path, byte[] body, HttpExchange exchange) {
        if ("POST".equals(method) && "/oauth/token".equals(path)) {
            return withFaults(true, Op.TOKEN, "", () -> token(exchange, body));
        }
        boolean authorized = authorized(exchange);
        Matcher m;
        if ((m = SENT_PATH.matcher(path)).matches() && "GET".equals(method)) {
            String id = m.group(1);
            return withFaults(authorized, Op.GET_SEND, id, () -> getSend(id));
        }
        if ((m = SEND_PATH.matcher(path)).matches() && "PUT".equals(method)) {
            String id = m.group(1);
            return withFaults(authorized, Op.PUT_SEND, id, () -> putSend(id, body));
        }
        if ((m = COB_PATH.matcher(path)).matches()) {
            String txid = m.group(1);
            if ("PUT".equals(method)) {
                return withFaults(authorized, Op.PUT_COB, txid, () -> putCob(txid, body));
            }
            if ("GET".equals(method)) {
                return withFaults(authorized, Op.GET_COB, txid, () -> getCob(txid));
            }
        }
        if ((m = WEBHOOK_PATH.matcher(path)).matches() && "PUT".equals(method)) {
            String chave = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            return withFaults(authorized, Op.PUT_WEBHOOK, chave, () -> putWebhook(chave, body));
        }
        return problem(404, "NaoEncontrado", "Não Encontrado", "Entidade não encontrada.");
    }

    /** Counts the call, refuses it without a valid token (401), else applies the next fault queued for it. */
    private Answer withFaults(boolean authorized, Op op, String id, java.util.function.Supplier<Answer> call) {
        counts.computeIfAbsent(op + " " + id, k -> new AtomicInteger()).incrementAndGet();
        if (!authorized) {
            return problem(401, "AcessoNegado", "Não autorizado", "Token de acesso ausente, inválido ou expirado.");
        }
        Fault fault;
        synchronized (faults) {
            Deque<Fault> queue = faults.get(op);
            fault = queue == null ? null : queue.poll();
            if (fault == null) {
                fault = standing.get(op);
            }
        }
        if (fault == null) {
            return call.get();
        }
        if (!fault.hangBefore.isZero()) {
            pause(fault.hangBefore);
        }
        if (fault.status != 0) {
            return fault.status >= 500
                    ? problem(fault.status, "ServicoIndisponivel", "Serviço Indisponível",
                            "Serviço não está disponível no momento.")
                    : problem(fault.status, "AcessoNegado", "Acesso Negado", "Recusado pelo teste.");
        }
        Answer answer = call.get();
        pause(fault.hangAfter);
        return answer;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer token(HttpExchange exchange, byte[] body) {
        String[] basic = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
        String text = new String(body, StandardCharsets.UTF_8);
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        boolean form = type.startsWith("application/x-www-form-urlencoded");
        boolean json = type.startsWith("application/json");
        if (form && !formTokenBody || json && !jsonTokenBody || !form && !json) {
            return new Answer(400, "application/json", "{\"error\":\"invalid_request\"}");
        }
        boolean grant = form ? text.contains("grant_type=client_credentials")
                : text.replace(" ", "").contains("\"grant_type\":\"client_credentials\"");
        if (basic == null || !CLIENT_ID.equals(basic[0]) || !CLIENT_SECRET.equals(basic[1])) {
            return new Answer(401, "application/json", "{\"error\":\"invalid_client\"}");
        }
        if (!grant) {
            return new Answer(400, "application/json", "{\"error\":\"unsupported_grant_type\"}");
        }
        String token = HexFormat.of().formatHex(randomBytes(24));
        long lifetime = tokenLifetimeSeconds;
        tokens.put(token, Instant.now().plusSeconds(lifetime));
        ObjectNode answer = JSON.createObjectNode().put("access_token", token).put("token_type", "Bearer")
                .put("expires_in", lifetime).put("scope", "cob.write cob.read pix.read pix.send webhook.write");
        return new Answer(200, "application/json", answer.toString());
    }

    private static String[] basicCredentials(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        Instant expiry = tokens.get(header.substring(7).trim());
        return expiry != null && Instant.now().isBefore(expiry);
    }

    private synchronized Answer putCob(String txid, byte[] raw) {
        if (!TXID.matcher(txid).matches()) {
            return cobInvalid("txid", "O campo txid não respeita o _schema_.");
        }
        JsonNode body = parse(raw);
        if (body == null) {
            return cobInvalid("cob", "A requisição não é um JSON válido.");
        }
        String valor = body.path("valor").path("original").asText("");
        if (!VALOR.matcher(valor).matches() || new BigDecimal(valor).signum() <= 0) {
            return cobInvalid("cob.valor.original", "O campo cob.valor.original não respeita o _schema_.");
        }
        if (!PIX_KEY.equals(body.path("chave").asText())) {
            return cobInvalid("cob.chave", "A chave informada não pertence ao usuário recebedor.");
        }
        JsonNode expiracao = body.path("calendario").path("expiracao");
        if (!expiracao.isMissingNode() && (!expiracao.canConvertToInt() || expiracao.asInt() <= 0)) {
            return cobInvalid("cob.calendario.expiracao", "O campo cob.calendario.expiracao não respeita o _schema_.");
        }
        ObjectNode existing = charges.get(txid);
        if (existing != null) {
            boolean same = existing.path("valor").path("original").asText().equals(valor);
            return same ? json(201, cobGerada(existing))
                    : cobInvalid("txid", "Já existe uma cobrança com este txid e outros dados.");
        }
        ObjectNode charge = JSON.createObjectNode();
        charge.putObject("calendario").put("criacao", Instant.now().toString())
                .put("expiracao", expiracao.isMissingNode() ? 86400 : expiracao.asInt());
        charge.put("txid", txid).put("revisao", 0);
        String location = "pix.example.com/qr/v2/" + HexFormat.of().formatHex(randomBytes(16));
        charge.putObject("loc").put("id", locationIds.incrementAndGet()).put("location", location)
                .put("tipoCob", "cob").put("criacao", Instant.now().toString());
        charge.put("location", location).put("status", "ATIVA");
        if (body.has("devedor")) {
            charge.set("devedor", body.get("devedor"));
        }
        charge.putObject("valor").put("original", valor);
        charge.put("chave", PIX_KEY);
        if (body.has("solicitacaoPagador")) {
            charge.put("solicitacaoPagador", body.get("solicitacaoPagador").asText());
        }
        charge.put("pixCopiaECola", brCode(location, valor));
        charges.put(txid, charge);
        return json(201, cobGerada(charge));
    }

    private static ObjectNode cobGerada(ObjectNode charge) {
        ObjectNode copy = charge.deepCopy();
        copy.remove("pix");
        return copy;
    }

    private Answer getCob(String txid) {
        ObjectNode charge = charges.get(txid);
        if (charge == null) {
            return problem(404, "NaoEncontrado", "Não Encontrado", "Entidade não encontrada.");
        }
        synchronized (this) {
            return json(200, charge.deepCopy());
        }
    }

    private Answer putWebhook(String chave, byte[] raw) {
        JsonNode body = parse(raw);
        String url = body == null ? "" : body.path("webhookUrl").asText("");
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            return problem(400, "WebhookOperacaoInvalida", "Webhook inválido.",
                    "A presente requisição busca criar um webhook sem respeitar o _schema_.");
        }
        if (!PIX_KEY.equals(chave)) {
            return problem(400, "WebhookOperacaoInvalida", "Webhook inválido.",
                    "A chave informada não pertence ao usuário recebedor.");
        }
        webhooks.put(chave, url);
        return new Answer(200, "application/json", "");
    }

    private synchronized Answer putSend(String idEnvio, byte[] raw) {
        if (!ID_ENVIO.matcher(idEnvio).matches()) {
            return efiError(400, "json_invalido", "O idEnvio deve ter de 1 a 35 caracteres alfanuméricos.");
        }
        if (sends.containsKey(idEnvio)) {
            return efiError(409, "id_envio_duplicado", "Campo idEnvio não pode ser repetido em outra requisição.");
        }
        JsonNode body = parse(raw);
        String valor = body == null ? "" : body.path("valor").asText("");
        if (!VALOR.matcher(valor).matches() || new BigDecimal(valor).signum() <= 0) {
            return efiError(400, "json_invalido", "Campo valor não respeita o schema.");
        }
        String payer = body.path("pagador").path("chave").asText("");
        if (!PIX_KEY.equals(payer)) {
            return efiError(400, "chave_pagador_invalida", "A chave do pagador não pertence à conta.");
        }
        if (!webhooks.containsKey(payer)) {
            return efiError(400, "webhook_nao_cadastrado", "A chave do pagador não tem webhook associado.");
        }
        String beneficiary = body.path("favorecido").path("chave").asText("");
        if (!validKey(beneficiary)) {
            return efiError(400, "chave_favorecido_invalida", "A chave do favorecido não é uma chave Pix válida.");
        }
        SendOutcome outcome = effective(sendOutcome, new BigDecimal(valor));
        if (outcome == SendOutcome.REFUSE_AT_ONCE) {
            return efiError(400, "envio_recusado", "O envio do Pix foi recusado.");
        }
        ObjectNode send = JSON.createObjectNode();
        send.put("endToEndId", endToEndId()).put("idEnvio", idEnvio).put("valor", valor)
                .put("chave", payer).put("status", "EM_PROCESSAMENTO");
        send.putObject("horario").put("solicitacao", Instant.now().toString());
        send.putObject("pagador").put("chave", payer);
        send.putObject("favorecido").put("chave", beneficiary);
        sends.put(idEnvio, send);
        created.computeIfAbsent(idEnvio, k -> new AtomicInteger()).incrementAndGet();
        if (outcome != SendOutcome.STAY_PROCESSING) {
            boolean ok = outcome == SendOutcome.CONFIRM;
            notifier.execute(() -> {
                synchronized (this) {
                    settle(send, ok);
                }
            });
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("idEnvio", idEnvio).put("e2eId", send.path("endToEndId").asText()).put("valor", valor);
        answer.putObject("horario").put("solicitacao", send.path("horario").path("solicitacao").asText());
        answer.put("status", "EM_PROCESSAMENTO");
        return json(201, answer);
    }

    private static SendOutcome effective(SendOutcome outcome, BigDecimal valor) {
        if (outcome != SendOutcome.EFI_SANDBOX_BY_AMOUNT) {
            return outcome;
        }
        if (valor.compareTo(new BigDecimal("10.00")) <= 0) {
            return SendOutcome.CONFIRM;
        }
        return valor.compareTo(new BigDecimal("20.00")) <= 0 ? SendOutcome.FAIL_BY_WEBHOOK : SendOutcome.REFUSE_AT_ONCE;
    }

    private void settle(ObjectNode send, boolean realizado) {
        send.put("status", realizado ? "REALIZADO" : "NAO_REALIZADO");
        if (realizado) {
            ((ObjectNode) send.path("horario")).put("liquidacao", Instant.now().toString());
        }
        ObjectNode pix = JSON.createObjectNode();
        pix.put("endToEndId", send.path("endToEndId").asText()).put("valor", send.path("valor").asText())
                .put("horario", Instant.now().toString()).put("chave", send.path("chave").asText())
                .put("tipo", "SOLICITACAO").put("status", send.path("status").asText());
        pix.putObject("gnExtras").put("idEnvio", send.path("idEnvio").asText());
        ObjectNode body = JSON.createObjectNode();
        body.putArray("pix").add(pix);
        notify(send.path("chave").asText(), body.toString());
    }

    private Answer getSend(String idEnvio) {
        ObjectNode send = sends.get(idEnvio);
        if (send == null) {
            return efiError(404, "pix_nao_encontrado", "Nenhum Pix enviado com este idEnvio.");
        }
        synchronized (this) {
            return json(200, send.deepCopy());
        }
    }

    private static boolean validKey(String key) {
        return key.matches("\\d{11}") || key.matches("\\d{14}") || key.matches("\\+55\\d{10,11}")
                || key.matches("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+") && key.length() <= 77
                || key.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    // ---- notifications

    private void notify(String chave, String body) {
        String base = webhooks.get(chave);
        if (base == null) {
            notifications.add(new Notification(null, body, -1));
            return;
        }
        String url = base.endsWith("/") ? base + "pix" : base + "/pix";
        String from = publicPrefix;
        String target = from != null && url.startsWith(from) ? reachablePrefix + url.substring(from.length()) : url;
        Runnable post = () -> post(target, body);
        switch (delivery) {
            case DROP -> notifications.add(new Notification(target, body, -1));
            case TWICE -> {
                notifier.execute(post);
                notifier.execute(post);
            }
            case HOLD -> {
                synchronized (held) {
                    held.add(post);
                }
            }
            default -> notifier.execute(post);
        }
    }

    private void post(String url, String body) {
        int status;
        try {
            HttpResponse<Void> answer = webhookClient.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            status = answer.statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        notifications.add(new Notification(url, body, status));
    }

    // ---- helpers

    private ObjectNode chargeOrThrow(String txid) {
        ObjectNode charge = charges.get(txid);
        if (charge == null) {
            throw new IllegalArgumentException("no charge " + txid);
        }
        return charge;
    }

    private static JsonNode parse(byte[] raw) {
        try (InputStream in = new java.io.ByteArrayInputStream(raw)) {
            JsonNode node = JSON.readTree(in);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Answer json(int status, JsonNode body) {
        return new Answer(status, "application/json", body.toString());
    }

    private static Answer cobInvalid(String property, String reason) {
        ObjectNode body = problemBody(400, "CobOperacaoInvalida", "Cobrança inválida.",
                "A requisição que busca alterar ou criar uma cobrança para pagamento imediato não respeita o "
                        + "_schema_ ou está semanticamente errada.");
        body.putArray("violacoes").addObject().put("razao", reason).put("propriedade", property);
        return new Answer(400, "application/problem+json", body.toString());
    }

    private static Answer problem(int status, String name, String title, String detail) {
        return new Answer(status, "application/problem+json", problemBody(status, name, title, detail).toString());
    }

    private static ObjectNode problemBody(int status, String name, String title, String detail) {
        return JSON.createObjectNode().put("type", PROBLEM + name).put("title", title).put("status", status)
                .put("detail", detail);
    }

    private static Answer efiError(int status, String nome, String mensagem) {
        return new Answer(status, "application/json",
                JSON.createObjectNode().put("nome", nome).put("mensagem", mensagem).toString());
    }

    private static String endToEndId() {
        String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder id = new StringBuilder("E09089356");
        id.append(java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmm")
                .withZone(java.time.ZoneOffset.UTC).format(Instant.now()));
        while (id.length() < 32) {
            id.append(chars.charAt(RANDOM.nextInt(chars.length())));
        }
        return id.toString();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** A BR Code (EMV) for a dynamic charge: payload format, merchant account with the location, amount, CRC16. */
    private static String brCode(String location, String valor) {
        String gui = tlv("00", "br.gov.bcb.pix") + tlv("25", location);
        String payload = tlv("00", "01") + tlv("01", "12") + tlv("26", gui) + tlv("52", "0000") + tlv("53", "986")
                + tlv("54", valor) + tlv("58", "BR") + tlv("59", "Fulano de Tal") + tlv("60", "BRASILIA")
                + tlv("62", tlv("05", "***")) + "6304";
        return payload + String.format("%04X", crc16(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static String tlv(String id, String value) {
        return id + String.format("%02d", value.length()) + value;
    }

    private static int crc16(byte[] bytes) {
        int crc = 0xFFFF;
        for (byte b : bytes) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                crc &= 0xFFFF;
            }
        }
        return crc;
    }
}
