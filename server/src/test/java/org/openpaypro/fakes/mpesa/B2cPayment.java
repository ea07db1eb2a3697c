package org.openpaypro.fakes.mpesa;

/**
 * One B2C payment request the fake accepted under its OriginatorConversationID, from acceptance to its result. Money
 * "moves" (counted in {@link #timesPaid}) only when it is resolved with ResultCode 0, at most once. Guarded by its own
 * monitor.
 */
final class B2cPayment {
    private final String originatorConversationId;
    private final String conversationId;
    private final long amountShillings;
    private final String phone;
    private final String resultUrl;
    private final String queueTimeOutUrl;
    private final boolean initiatorValid;
    private String resultCode;
    private String transactionId;
    private String completedAt;
    private int timesPaid;

    B2cPayment(String originatorConversationId, String conversationId, long amountShillings, String phone,
               String resultUrl, String queueTimeOutUrl, boolean initiatorValid) {
        this.originatorConversationId = originatorConversationId;
        this.conversationId = conversationId;
        this.amountShillings = amountShillings;
        this.phone = phone;
        this.resultUrl = resultUrl;
        this.queueTimeOutUrl = queueTimeOutUrl;
        this.initiatorValid = initiatorValid;
    }

    /** Sets the result once (a wrong initiator always ends 2001); answers false when already resolved. */
    synchronized boolean resolve(String code, String receipt, String completedAtText) {
        if (resultCode != null) {
            return false;
        }
        resultCode = initiatorValid ? code : "2001";
        transactionId = receipt;
        completedAt = completedAtText;
        if ("0".equals(resultCode)) {
            timesPaid++;
        }
        return true;
    }

    String originatorConversationId() {
        return originatorConversationId;
    }

    String conversationId() {
        return conversationId;
    }

    long amountShillings() {
        return amountShillings;
    }

    String phone() {
        return phone;
    }

    String resultUrl() {
        return resultUrl;
    }

    String queueTimeOutUrl() {
        return queueTimeOutUrl;
    }

    synchronized String resultCode() {
        return resultCode;
    }

    synchronized String transactionId() {
        return transactionId;
    }

    synchronized String completedAt() {
        return completedAt;
    }

    synchronized int timesPaid() {
        return timesPaid;
    }
}
