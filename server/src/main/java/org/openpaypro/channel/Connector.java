package org.openpaypro.channel;

import java.util.Optional;

/**
 * One configured channel's connection to its rail (DESIGN §13): the contract every connector implements, the
 * simulator included, and that the connector contract test runs against each of them. It knows nothing of trades,
 * merchants or the ledger: it gets its own request records (amounts as exact decimals in the currency's major
 * unit; each connector converts to its rail's units at its edge) and answers with typed outcomes that the gateway
 * applies. Implementations must be thread-safe and must not retry a create under a new idempotency key.
 */
public interface Connector {
    /**
     * Asks the rail for payment instructions for a pay-in the gateway has already stored. Refused: the rail said no
     * before creating anything (the router may try the next channel). Unknown: no answer (timeout after the request
     * left); the trade stays processing and {@link #query} is asked later.
     */
    CreateOutcome<PayinInstructions> createPayin(PayinRequest request);

    /**
     * Hands a stored, frozen payout to the rail under {@link PayoutRequest#idempotencyKey()}. Calling it again with
     * the same key must never send the money twice (the rail's idempotency, or a lookup first). Unknown means the
     * request may have reached the rail: the submitter then only ever {@link #query queries}, never resubmits.
     */
    CreateOutcome<PayoutSubmission> submitPayout(PayoutRequest request);

    /** Asks the rail for the final outcome of a trade; empty while it is still processing or the rail cannot say. */
    Optional<RailResult> query(TradeRef trade);

    /**
     * Parses an inbound notification from the rail (the path after {@code /channels/v1/{name}/{token}}) and
     * confirms each finished trade it mentions by asking the rail; a notification is only a hint. Never throws for a
     * malformed or forged body: it answers the status the rail expects and confirms nothing.
     */
    WebhookAnswer onWebhook(WebhookCall call);

    /**
     * Registers {@code webhookUrl} on the rail where the rail needs it (Pix); answers false when it has no such step.
     */
    default boolean registerWebhook(String webhookUrl) {
        return false;
    }

    /** The rail's verdict on a wallet transaction id a payer submitted (Bangladesh); empty when unsupported. */
    default Optional<RailResult> payerSubmitted(TradeRef trade, String transactionId) {
        return Optional.empty();
    }

    /** The holder's name of a bank account if the rail can check accounts (Indonesia); empty otherwise. */
    default Optional<String> verifyAccount(String country, String bankCode, String accountNo) {
        return Optional.empty();
    }
}
