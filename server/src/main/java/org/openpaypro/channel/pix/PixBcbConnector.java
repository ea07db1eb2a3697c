package org.openpaypro.channel.pix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

/**
 * A {@code PIX_BCB} channel (DESIGN §13, spec/RAILS.md §1). Pay-in: {@code PUT /cob/{txid}}, whose
 * {@code pixCopiaECola} is the payer's code. Payout (Efí): {@code PUT /gn/pix/{idEnvio}}, a 409 meaning it exists
 * already. Notifications on {@code /pix} are confirmed one by one with {@code GET /cob/{txid}} or
 * {@code GET /gn/pix/enviados/id-envio/{idEnvio}} before anything is reported. Thread-safe.
 */
final class PixBcbConnector implements Connector {
    private static final String BRL = "BRL";
    private static final int MAX_TEXT = 140;
    private static final int MAX_NOTIFIED = 100;
    /** An unpaid charge is only called expired this long after its end, for clock skew and late settlement. */
    private static final Duration EXPIRY_GRACE = Duration.ofMinutes(5);
    private static final Duration FIRST_POLL = Duration.ofMinutes(1);

    private final PixSettings settings;
    private final ConnectorContext context;
    private final PixApi api;

    PixBcbConnector(PixSettings settings, ConnectorContext context) {
        this.settings = settings;
        this.context = context;
        this.api = new PixApi(settings, context.clock(), context.callTimeout());
    }

    @Override
    public CreateOutcome<PayinInstructions> createPayin(PayinRequest request) {
        Optional<String> valor = valor(request.currency(), request.amount());
        if (valor.isEmpty()) {
            return new CreateOutcome.Refused<>("a Pix charge takes BRL with at most 2 decimals");
        }
        String txid = PixIds.txid(request.platformTradeNo());
        ObjectNode body = cobBody(request, valor.get());
        PixApi.Reply reply = api.call("PUT", "/cob/" + txid, body);
        if (PixStatuses.payinCreate(reply) == PixStatuses.CreateVerdict.UNKNOWN) {
            reply = api.call("PUT", "/cob/" + txid, body);
        }
        return switch (PixStatuses.payinCreate(reply)) {
            case ACCEPTED -> instructions(reply.body(), txid);
            case UNKNOWN -> new CreateOutcome.Unknown<>(reply.failure());
            default -> new CreateOutcome.Refused<>(PixStatuses.reason(reply));
        };
    }

    private ObjectNode cobBody(PayinRequest request, String valor) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("calendario").put("expiracao", settings.expirationSeconds());
        String document = request.details().getOrDefault("userIdentity", "");
        String name = request.details().getOrDefault("name", "");
        String type = request.details().getOrDefault("identityType", "");
        if (!name.isBlank() && (type.equals("CPF") && document.matches("\\d{11}")
                || type.equals("CNPJ") && document.matches("\\d{14}"))) {
            body.putObject("devedor").put(type.toLowerCase(java.util.Locale.ROOT), document)
                    .put("nome", clip(name, 200));
        }
        body.putObject("valor").put("original", valor);
        body.put("chave", settings.pixKey());
        if (request.description() != null && !request.description().isBlank()) {
            body.put("solicitacaoPagador", clip(request.description(), MAX_TEXT));
        }
        return body;
    }

    private static CreateOutcome<PayinInstructions> instructions(JsonNode cob, String txid) {
        String code = cob.path("pixCopiaECola").asText("");
        if (code.isEmpty()) {
            return new CreateOutcome.Refused<>("the PSP created the charge without a pixCopiaECola");
        }
        return new CreateOutcome.Accepted<>(new PayinInstructions(null, code, txid));
    }

    @Override
    public CreateOutcome<PayoutSubmission> submitPayout(PayoutRequest request) {
        if (!settings.efiPayouts()) {
            return new CreateOutcome.Refused<>("this Pix channel does not send payouts (payoutApi NONE)");
        }
        Optional<String> valor = valor(request.currency(), request.amount());
        if (valor.isEmpty()) {
            return new CreateOutcome.Refused<>("a Pix send takes BRL with at most 2 decimals");
        }
        Optional<String> key = PixKeys.dictKey(request.details().get("bankType"), request.details().get("bankNumber"));
        if (key.isEmpty()) {
            return new CreateOutcome.Refused<>("the beneficiary's Pix key does not fit its bankType");
        }
        String idEnvio = PixIds.idEnvio(request.platformTradeNo());
        ObjectNode body = Json.MAPPER.createObjectNode().put("valor", valor.get());
        body.putObject("pagador").put("chave", settings.pixKey());
        body.putObject("favorecido").put("chave", key.get());
        if (request.remark() != null && !request.remark().isBlank()) {
            body.put("infoPagador", clip(request.remark(), MAX_TEXT));
        }
        PixApi.Reply reply = api.call("PUT", "/gn/pix/" + idEnvio, body);
        PayoutSubmission submitted = new PayoutSubmission(idEnvio, context.clock().instant().plus(FIRST_POLL));
        return switch (PixStatuses.payoutCreate(reply)) {
            case ACCEPTED -> new CreateOutcome.Accepted<>(submitted);
            case DUPLICATE -> existingSend(idEnvio, submitted);
            case REFUSED -> new CreateOutcome.Refused<>(PixStatuses.reason(reply));
            case UNKNOWN -> new CreateOutcome.Unknown<>(reply.answered() ? PixStatuses.reason(reply)
                    : reply.failure());
        };
    }

    /** A 409: a send under this idEnvio exists (an earlier attempt arrived). Look it up; never a new key. */
    private CreateOutcome<PayoutSubmission> existingSend(String idEnvio, PayoutSubmission submitted) {
        PixApi.Reply lookup = api.call("GET", sentPath(idEnvio), null);
        if (lookup.ok() && idEnvio.equals(lookup.body().path("idEnvio").asText(idEnvio))) {
            return new CreateOutcome.Accepted<>(submitted);
        }
        return new CreateOutcome.Unknown<>("idEnvio " + idEnvio + " exists at the PSP but could not be read back");
    }

    @Override
    public Optional<RailResult> query(TradeRef trade) {
        return trade.payout() ? querySend(PixIds.idEnvio(trade.platformTradeNo()))
                : queryCharge(trade.channelRef() != null ? trade.channelRef() : PixIds.txid(trade.platformTradeNo()),
                        trade.channelRef() == null);
    }

    /**
     * The charge's outcome. A 404 for a create whose outcome was unknown means the charge never came to be: no
     * payer ever saw its code, so the pay-in failed. An unpaid charge past its lifetime has failed too.
     */
    private Optional<RailResult> queryCharge(String txid, boolean createWasUnknown) {
        PixApi.Reply reply = api.call("GET", "/cob/" + txid, null);
        if (reply.status() == 404 && createWasUnknown && !reply.fromTokenCall()) {
            return Optional.of(RailResult.failed("the PSP has no charge " + txid, txid));
        }
        if (!reply.ok()) {
            return Optional.empty();
        }
        JsonNode cob = reply.body();
        PixStatuses.Meaning meaning = PixStatuses.charge(cob.path("status").asText(""));
        return switch (meaning.verdict()) {
            case SUCCEEDED -> received(cob, txid);
            case FAILED -> Optional.of(RailResult.failed(meaning.reason(), txid));
            case PENDING -> expired(cob) ? Optional.of(RailResult.failed("the charge expired unpaid", txid))
                    : Optional.empty();
        };
    }

    /** The amount actually received: the sum of the charge's {@code pix[].valor}, with the last end-to-end id. */
    private static Optional<RailResult> received(JsonNode cob, String txid) {
        BigDecimal total = BigDecimal.ZERO;
        String e2eId = txid;
        for (JsonNode pix : cob.path("pix")) {
            Optional<BigDecimal> valor = decimal(pix.path("valor").asText(""));
            if (valor.isEmpty()) {
                return Optional.empty();
            }
            total = total.add(valor.get());
            e2eId = pix.path("endToEndId").asText(e2eId);
        }
        if (total.signum() <= 0) {
            return Optional.empty();
        }
        return Optional.of(RailResult.succeeded(total.setScale(2, RoundingMode.UNNECESSARY), e2eId));
    }

    private boolean expired(JsonNode cob) {
        try {
            Instant created = Instant.parse(cob.path("calendario").path("criacao").asText(""));
            long lifetime = cob.path("calendario").path("expiracao").asLong(settings.expirationSeconds());
            return context.clock().instant().isAfter(created.plusSeconds(lifetime).plus(EXPIRY_GRACE));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The send's outcome; a missing send is never called failed (the money is never guessed). */
    private Optional<RailResult> querySend(String idEnvio) {
        PixApi.Reply reply = api.call("GET", sentPath(idEnvio), null);
        if (!reply.ok()) {
            return Optional.empty();
        }
        JsonNode send = reply.body();
        PixStatuses.Meaning meaning = PixStatuses.send(send.path("status").asText(""));
        String ref = send.path("endToEndId").asText(send.path("e2eId").asText(idEnvio));
        return switch (meaning.verdict()) {
            case SUCCEEDED -> decimal(send.path("valor").asText("")).map(v -> RailResult.succeeded(v, ref));
            case FAILED -> Optional.of(RailResult.failed(meaning.reason(), ref));
            case PENDING -> Optional.empty();
        };
    }

    @Override
    public WebhookAnswer onWebhook(WebhookCall call) {
        if (!"/pix".equals(call.subPath()) && !"/pix/".equals(call.subPath())) {
            return new WebhookAnswer(404, "text/plain", "not found", List.of());
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(call.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.path("pix").isArray()) {
            return new WebhookAnswer(400, "text/plain", "expected {\"pix\":[...]}", List.of());
        }
        Set<String> txids = new LinkedHashSet<>();
        Set<String> sends = new LinkedHashSet<>();
        for (JsonNode pix : body.path("pix")) {
            String idEnvio = pix.path("gnExtras").path("idEnvio").asText("");
            String txid = pix.path("txid").asText("");
            if (!idEnvio.isEmpty() && settings.efiPayouts() && PixIds.ID_ENVIO.matcher(idEnvio).matches()) {
                sends.add(idEnvio);
            } else if (PixIds.TXID.matcher(txid).matches()) {
                txids.add(txid);
            }
        }
        List<WebhookAnswer.Confirmed> confirmed = new ArrayList<>();
        txids.stream().limit(MAX_NOTIFIED).forEach(txid -> queryCharge(txid, false)
                .ifPresent(result -> confirmed.add(confirmation(PixIds.tradeNoOfTxid(txid), txid, result))));
        sends.stream().limit(MAX_NOTIFIED).forEach(idEnvio -> querySend(idEnvio)
                .ifPresent(result -> confirmed.add(confirmation(PixIds.tradeNoOfIdEnvio(idEnvio), idEnvio, result))));
        return new WebhookAnswer(200, "text/plain", "200", confirmed);
    }

    private static WebhookAnswer.Confirmed confirmation(Optional<String> tradeNo, String ref, RailResult result) {
        return tradeNo.map(no -> new WebhookAnswer.Confirmed(no, null, result))
                .orElseGet(() -> new WebhookAnswer.Confirmed(null, ref, result));
    }

    @Override
    public boolean registerWebhook(String webhookUrl) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("webhookUrl", webhookUrl);
        PixApi.Reply reply = api.call("PUT", "/webhook/" + pathSegment(settings.pixKey()), body);
        if (!reply.ok()) {
            throw new IllegalStateException("the PSP did not register the webhook: "
                    + (reply.answered() ? PixStatuses.reason(reply) : reply.failure()));
        }
        return true;
    }

    private static String sentPath(String idEnvio) {
        return "/gn/pix/enviados/id-envio/" + idEnvio;
    }

    /** The amount as {@code valor} text with exactly 2 decimals; empty for another currency or finer amounts. */
    static Optional<String> valor(String currency, BigDecimal amount) {
        if (!BRL.equals(currency) || amount == null || amount.signum() <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static Optional<BigDecimal> decimal(String text) {
        return text.matches("\\d{1,10}\\.\\d{2}") ? Optional.of(new BigDecimal(text)) : Optional.empty();
    }

    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
