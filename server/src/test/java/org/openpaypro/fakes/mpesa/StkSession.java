package org.openpaypro.fakes.mpesa;

/**
 * One STK push the fake accepted, from acceptance to its result (null while the payer has not answered). Guarded by
 * its own monitor; {@link #snapshot} reads are consistent.
 */
final class StkSession {
    private final String merchantRequestId;
    private final String checkoutRequestId;
    private final long amountShillings;
    private final String phone;
    private final String callbackUrl;
    private final String accountReference;
    private String resultCode;
    private String receipt;
    private String transactionDate;

    StkSession(String merchantRequestId, String checkoutRequestId, long amountShillings, String phone,
               String callbackUrl, String accountReference) {
        this.merchantRequestId = merchantRequestId;
        this.checkoutRequestId = checkoutRequestId;
        this.amountShillings = amountShillings;
        this.phone = phone;
        this.callbackUrl = callbackUrl;
        this.accountReference = accountReference;
    }

    /** Sets the result once; answers false when it was already resolved (the first result stays). */
    synchronized boolean resolve(String code, String receiptNo, String dateYyyyMmDdHhMmSs) {
        if (resultCode != null) {
            return false;
        }
        resultCode = code;
        receipt = receiptNo;
        transactionDate = dateYyyyMmDdHhMmSs;
        return true;
    }

    String merchantRequestId() {
        return merchantRequestId;
    }

    String checkoutRequestId() {
        return checkoutRequestId;
    }

    long amountShillings() {
        return amountShillings;
    }

    String phone() {
        return phone;
    }

    String callbackUrl() {
        return callbackUrl;
    }

    String accountReference() {
        return accountReference;
    }

    synchronized String resultCode() {
        return resultCode;
    }

    synchronized String receipt() {
        return receipt;
    }

    synchronized String transactionDate() {
        return transactionDate;
    }
}
