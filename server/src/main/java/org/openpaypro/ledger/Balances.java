package org.openpaypro.ledger;

/** A merchant's three balances in scale-4 units. Immutable. */
public record Balances(long available, long frozen, long unsettled) {
}
