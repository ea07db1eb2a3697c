package org.openpaypro.sdk;

import org.openpaypro.protocol.TradeStatus;

/**
 * {@code data} of an accepted pay-in (spec §3.1): where to send the payer, and the state right after creation
 * (normally {@code 0015}). {@code qrCode} is the PIX "copia e cola" text when the gateway provides it;
 * {@code serialNumber} is Kenya's receipt reference (null elsewhere). {@code paymentLink} (the same URL) and
 * {@code paymentInfo} (the instructions as one object) are the white-label brand's names for them.
 *
 * <p>Immutable; thread-safe.
 */
public record PayinData(String tradeNo, String platFormTradeNo, String status, String desc, String remark,
        String paymentUrl, String qrCode, String serialNumber, String paymentLink,
        java.util.Map<String, Object> paymentInfo) {

    /** The fields before the white-label ones ({@code paymentLink}, {@code paymentInfo}: issue 10). */
    public PayinData(String tradeNo, String platFormTradeNo, String status, String desc, String remark,
            String paymentUrl, String qrCode, String serialNumber) {
        this(tradeNo, platFormTradeNo, status, desc, remark, paymentUrl, qrCode, serialNumber, null, null);
    }

    /**
     * {@code status} read as spec §1.6 says: unknown codes are final failures.
     *
     * @throws PayProException if the gateway sent no status
     */
    public TradeStatus tradeStatus() {
        return Statuses.interpret(status);
    }
}
