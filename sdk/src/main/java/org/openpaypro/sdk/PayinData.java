package org.openpaypro.sdk;

import org.openpaypro.protocol.TradeStatus;

/**
 * {@code data} of an accepted pay-in (spec §3.1): where to send the payer, and the state right after creation
 * (normally {@code 0015}). {@code qrCode} is the PIX "copia e cola" text when the gateway provides it;
 * {@code serialNumber} is Kenya's receipt reference (null elsewhere).
 *
 * <p>Immutable; thread-safe.
 */
public record PayinData(String tradeNo, String platFormTradeNo, String status, String desc, String remark,
        String paymentUrl, String qrCode, String serialNumber) {

    /**
     * {@code status} read as spec §1.6 says: unknown codes are final failures.
     *
     * @throws PayProException if the gateway sent no status
     */
    public TradeStatus tradeStatus() {
        return Statuses.interpret(status);
    }
}
