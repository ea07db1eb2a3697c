package org.openpaypro.fakes.mpesa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.openpaypro.json.Json;

/**
 * The JSON shapes Daraja answers and posts, written from the sources (Daraja portal pages for STK push, STK query,
 * B2C and Transaction Status, and {@code knnedy/daraja-local}): the error envelope
 * {@code {requestId, errorCode, errorMessage}}, the STK callback, the B2C and Transaction Status results. Stateless.
 */
final class DarajaJson {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Result descriptions as Daraja words them (daraja-local {@code resultcodes.go}, Daraja result code tables). */
    static final Map<String, String> RESULT_DESCRIPTIONS = Map.of(
            "0", "The service request is processed successfully.",
            "1", "The balance is insufficient for the transaction.",
            "1001", "Unable to lock subscriber, a transaction is already in process for the current subscriber",
            "1019", "Transaction has expired",
            "1032", "Request cancelled by user",
            "1037", "DS timeout user cannot be reached",
            "2001", "The initiator information is invalid.",
            "SFC_IC0003", "The operator does not exist.");

    private DarajaJson() {
    }

    static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    static ObjectNode error(String errorCode, String errorMessage) {
        return object().put("requestId", requestId()).put("errorCode", errorCode).put("errorMessage", errorMessage);
    }

    static String description(String resultCode) {
        return RESULT_DESCRIPTIONS.getOrDefault(resultCode, "The service request has failed.");
    }

    /** Daraja's id shape {@code 21604-273291-1}: two digit groups and a counter, not a UUID. */
    static String requestId() {
        return RANDOM.nextInt(10_000, 99_999) + "-" + RANDOM.nextInt(1_000_000, 99_999_999) + "-1";
    }

    static String conversationId(String dateYyyyMmDd) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "AG_" + dateYyyyMmDd + "_" + HexFormat.of().formatHex(bytes);
    }

    /** A 10-character upper-case receipt such as {@code SG632NMUAB}. */
    static String receipt() {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder out = new StringBuilder("S");
        for (int i = 0; i < 9; i++) {
            out.append(chars.charAt(RANDOM.nextInt(chars.length())));
        }
        return out.toString();
    }

    /** The STK callback; CallbackMetadata only on ResultCode 0 (daraja-local {@code BuildCallback}). */
    static ObjectNode stkCallback(StkSession session) {
        ObjectNode callback = object();
        callback.put("MerchantRequestID", session.merchantRequestId());
        callback.put("CheckoutRequestID", session.checkoutRequestId());
        callback.put("ResultCode", Integer.parseInt(session.resultCode()));
        callback.put("ResultDesc", description(session.resultCode()));
        if ("0".equals(session.resultCode())) {
            ArrayNode items = callback.putObject("CallbackMetadata").putArray("Item");
            items.addObject().put("Name", "Amount").put("Value", session.amountShillings());
            items.addObject().put("Name", "MpesaReceiptNumber").put("Value", session.receipt());
            items.addObject().put("Name", "TransactionDate").put("Value", Long.parseLong(session.transactionDate()));
            items.addObject().put("Name", "PhoneNumber").put("Value", Long.parseLong(session.phone()));
        }
        ObjectNode root = object();
        root.putObject("Body").set("stkCallback", callback);
        return root;
    }

    static ObjectNode resultEnvelope(String resultCode, String originatorConversationId, String conversationId,
                                     String transactionId) {
        ObjectNode result = object();
        result.put("ResultType", 0);
        if (resultCode.chars().allMatch(Character::isDigit)) {
            result.put("ResultCode", Integer.parseInt(resultCode));
        } else {
            result.put("ResultCode", resultCode); // Daraja sends string codes such as SFC_IC0003 too
        }
        result.put("ResultDesc", description(resultCode));
        result.put("OriginatorConversationID", originatorConversationId);
        result.put("ConversationID", conversationId);
        result.put("TransactionID", transactionId);
        ObjectNode root = object();
        root.set("Result", result);
        return root;
    }

    static void parameter(ArrayNode parameters, String key, Object value) {
        ObjectNode parameter = parameters.addObject().put("Key", key);
        parameter.set("Value", Json.MAPPER.valueToTree(value));
    }

    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
