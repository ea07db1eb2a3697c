package org.openpaypro.notify;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openpaypro.protocol.Signer;
import org.openpaypro.protocol.TradeStatus;
import org.openpaypro.trade.Trade;
import org.openpaypro.trade.TradeEndpoints;

/**
 * The callback body of spec §4: every value a string, no null or empty field, a fresh {@code timestamp} per attempt
 * and {@code sign} over every field sent (§2.5), with the merchant's secret. Stateless.
 */
public final class CallbackPayload {
    private CallbackPayload() {
    }

    public static Map<String, String> build(Trade trade, ZoneId zone, String secret, long nowMillis) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", trade.status().wire());
        put(fields, "message", trade.message());
        fields.put("platFormTradeNo", trade.platformTradeNo());
        fields.put("tradeNo", trade.tradeNo());
        fields.put("amount", trade.amountText());
        if (trade.status() == TradeStatus.SUCCESS || trade.status() == TradeStatus.PARTIAL) {
            fields.put("successTime", TradeEndpoints.localTime(trade, zone));
        }
        fields.put("timestamp", Long.toString(nowMillis));
        fields.put("sign", Signer.sign(fields, secret));
        return fields;
    }

    private static void put(Map<String, String> fields, String key, String value) {
        if (value != null && !value.isEmpty()) {
            fields.put(key, value);
        }
    }
}
