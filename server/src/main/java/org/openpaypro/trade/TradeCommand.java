package org.openpaypro.trade;

import java.util.Map;

/** A merchant's validated create request, before fees and channel: common fields plus country details. */
public record TradeCommand(String tradeNo, long amount, String amountText, String notifyUrl, String returnUrl,
                           String remark, Map<String, String> details) {
}
