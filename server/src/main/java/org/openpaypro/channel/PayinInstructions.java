package org.openpaypro.channel;

/** How the payer pays: the hosted page, the PIX copy-paste code (or other rail code), the channel's reference. */
public record PayinInstructions(String paymentUrl, String qrCode, String channelRef) {
}
