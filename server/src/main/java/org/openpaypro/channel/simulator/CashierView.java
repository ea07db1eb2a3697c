package org.openpaypro.channel.simulator;

/**
 * Everything the sandbox cashier page ({@link CashierPage}) shows for one payment. Values are raw (unescaped); the
 * page escapes them. Any component may be null: null text renders as empty, a null {@code returnUrl} hides the
 * "Back to merchant" link and a null or empty {@code brCode} hides the QR code.
 *
 * <p>Thread-safe: an immutable record.
 *
 * @param platformTradeNo OpenPayPro trade number
 * @param merchantName    merchant display name
 * @param amountText      amount already formatted for display, e.g. "150.00"
 * @param currency        ISO 4217 code, e.g. "BRL"
 * @param statusWire      wire status code; "0015" (pending) shows the Pay / Fail buttons
 * @param brCode          PIX copy-paste code, also rendered as a QR code
 * @param returnUrl       merchant return URL (only http/https links are rendered), or null
 * @param completePath    path the Pay / Fail buttons POST their JSON to
 */
public record CashierView(String platformTradeNo, String merchantName, String amountText, String currency,
        String statusWire, String brCode, String returnUrl, String completePath) {
}
