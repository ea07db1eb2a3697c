package org.openpaypro.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openpaypro.protocol.Amounts;

/** A merchant's three balances in scale-4 units. Immutable. */
public record Balances(long available, long frozen, long unsettled) {

    /** The three amounts as both APIs show them (spec §3 balance query, operator balances), in this order. */
    public Map<String, Object> amountFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("availableAmount", Amounts.format(available, 4));
        fields.put("freezeAmount", Amounts.format(frozen, 4));
        fields.put("unsettledAmount", Amounts.format(unsettled, 4));
        return fields;
    }
}
