package org.openpaypro.channel.pix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The one table from the Pix rail's words to ours (DESIGN §13): charge statuses ({@code openapi.yaml}
 * {@code StatusCobranca}), Efí send statuses, and what an HTTP answer to a create means. Stateless, thread-safe.
 */
final class PixStatuses {
    /** What a status the rail reports means for the trade. */
    enum Verdict { PENDING, SUCCEEDED, FAILED }

    /** A rail status, what it means, and the reason shown when it failed. */
    record Meaning(Verdict verdict, String reason) {
    }

    /** What an HTTP answer to a create means for it. */
    enum CreateVerdict { ACCEPTED, REFUSED, DUPLICATE, UNKNOWN }

    private static final Map<String, Meaning> CHARGE = Map.of(
            "ATIVA", new Meaning(Verdict.PENDING, null),
            "CONCLUIDA", new Meaning(Verdict.SUCCEEDED, null),
            "REMOVIDA_PELO_USUARIO_RECEBEDOR", new Meaning(Verdict.FAILED, "the charge was removed by the receiver"),
            "REMOVIDA_PELO_PSP", new Meaning(Verdict.FAILED, "the charge was removed by the PSP"));

    private static final Map<String, Meaning> SEND = Map.of(
            "EM_PROCESSAMENTO", new Meaning(Verdict.PENDING, null),
            "REALIZADO", new Meaning(Verdict.SUCCEEDED, null),
            "NAO_REALIZADO", new Meaning(Verdict.FAILED, "the Pix send was not completed (NAO_REALIZADO)"));

    private static final Meaning UNKNOWN_STATUS = new Meaning(Verdict.PENDING, null);

    private PixStatuses() {
    }

    /** A charge status; an unknown one is treated as still pending (never guessed final). */
    static Meaning charge(String status) {
        return CHARGE.getOrDefault(status, UNKNOWN_STATUS);
    }

    /** An Efí send status; an unknown one is treated as still pending. */
    static Meaning send(String status) {
        return SEND.getOrDefault(status, UNKNOWN_STATUS);
    }

    /**
     * A pay-in create: 2xx accepted; any HTTP error answer refused (nothing usable was created: {@code PUT /cob}
     * is idempotent and an unused charge expires); no answer unknown.
     */
    static CreateVerdict payinCreate(PixApi.Reply reply) {
        if (!reply.answered()) {
            return reply.maybeArrived() ? CreateVerdict.UNKNOWN : CreateVerdict.REFUSED;
        }
        return reply.ok() ? CreateVerdict.ACCEPTED : CreateVerdict.REFUSED;
    }

    /**
     * A send: 2xx accepted; 409 a send with this idEnvio exists already (look it up); another 4xx (except 408) or
     * a token-endpoint error refused (nothing was sent); 5xx, 408 or no answer after the request may have left
     * unknown (the money may be on its way: only ever query).
     */
    static CreateVerdict payoutCreate(PixApi.Reply reply) {
        if (!reply.answered()) {
            return reply.maybeArrived() ? CreateVerdict.UNKNOWN : CreateVerdict.REFUSED;
        }
        if (reply.fromTokenCall()) {
            return CreateVerdict.REFUSED;
        }
        int status = reply.status();
        if (reply.ok()) {
            return CreateVerdict.ACCEPTED;
        }
        if (status == 409) {
            return CreateVerdict.DUPLICATE;
        }
        return status >= 400 && status < 500 && status != 408 ? CreateVerdict.REFUSED : CreateVerdict.UNKNOWN;
    }

    /**
     * The rail's own words for an error answer: an RFC 7807 problem's name, title and first violation (or
     * detail), or Efí's {@code nome} and {@code mensagem}; at most 200 characters.
     */
    static String reason(PixApi.Reply reply) {
        if (!reply.answered() || reply.fromTokenCall() && reply.failure() != null) {
            return reply.failure();
        }
        JsonNode body = reply.body();
        StringBuilder reason = new StringBuilder("HTTP ").append(reply.status());
        String type = body.path("type").asText("");
        if (!type.isEmpty()) {
            reason.append(' ').append(type.substring(type.lastIndexOf('/') + 1));
            String violation = body.path("violacoes").path(0).path("razao").asText("");
            String detail = violation.isEmpty() ? body.path("detail").asText(body.path("title").asText("")) : violation;
            if (!detail.isEmpty()) {
                reason.append(": ").append(detail);
            }
        } else if (body.has("nome")) {
            reason.append(' ').append(body.path("nome").asText()).append(": ").append(body.path("mensagem").asText(""));
        }
        return reason.length() <= 200 ? reason.toString() : reason.substring(0, 200);
    }
}
