package org.openpaypro.trade;

import java.util.Map;

/**
 * A merchant's validated create request, before fees and channel: common fields plus country details.
 *
 * @param amountUnits the amount in scale-4 units; {@code amountText} is the merchant's string it was read from
 */
public record TradeCommand(String tradeNo, long amountUnits, String amountText, String notifyUrl, String returnUrl,
                           String remark, Map<String, String> details) {
}
