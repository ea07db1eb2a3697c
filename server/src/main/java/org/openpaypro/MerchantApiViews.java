package org.openpaypro;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openpaypro.ledger.Balances;
import org.openpaypro.protocol.Amounts;

/** The {@code data} shapes of the merchant endpoints (spec §3). Stateless. */
final class MerchantApiViews {
    private MerchantApiViews() {
    }

    static Map<String, Object> balance(Balances balances) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("availableAmount", Amounts.format(balances.available(), 4));
        data.put("freezeAmount", Amounts.format(balances.frozen(), 4));
        data.put("unsettledAmount", Amounts.format(balances.unsettled(), 4));
        return data;
    }
}
