package org.openpaypro.trade;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openpaypro.country.CountryProfile;
import org.openpaypro.country.Extra;
import org.openpaypro.protocol.Amounts;
import org.openpaypro.protocol.Signer;
import org.openpaypro.protocol.TradeStatus;

/**
 * The callback body of spec §4: every value a string, no null or empty field, a fresh {@code timestamp} per attempt
 * and {@code sign} over every field sent (§2.5) with the merchant's secret — plus the country's extras, and Kenya's
 * unsigned format (no sign, no timestamp, amount as a number with 4 decimals). Stateless.
 */
public final class CallbackPayload {
    private CallbackPayload() {
    }

    public static Map<String, Object> build(Trade trade, CountryProfile profile, String secret, long nowMillis) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", trade.status().wire());
        put(fields, "message", trade.message());
        fields.put("platFormTradeNo", trade.platformTradeNo());
        fields.put("tradeNo", trade.tradeNo());
        if (profile.has(Extra.CALLBACK_UNSIGNED)) {
            fields.put("amount", new BigDecimal(Amounts.format(trade.effectiveUnits(), 4)));
        } else {
            fields.put("amount", trade.status() == TradeStatus.PARTIAL ? Amounts.formatTrimmed(trade.paidUnits())
                    : trade.amountText());
        }
        if (TradeEndpoints.succeeded(trade)) {
            fields.put("successTime", TradeEndpoints.localTime(trade.finishedAt(), profile.zone()));
        }
        if (profile.has(Extra.CALLBACK_WAY_CODE) && trade.direction() == Direction.PAYIN) {
            put(fields, "channelCode", trade.details().get("channelCode"));
            put(fields, "wayCode", trade.details().get("wayCode"));
        }
        if (profile.has(Extra.UTR) && trade.direction() == Direction.PAYOUT && TradeEndpoints.succeeded(trade)) {
            put(fields, "utr", trade.channelRef());
        }
        if (!profile.has(Extra.CALLBACK_UNSIGNED)) {
            fields.put("timestamp", Long.toString(nowMillis));
            fields.put("sign", Signer.sign(fields, secret));
        }
        return fields;
    }

    private static void put(Map<String, Object> fields, String key, String value) {
        if (value != null && !value.isEmpty()) {
            fields.put(key, value);
        }
    }
}
