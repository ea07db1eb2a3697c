package org.openpaypro.bench;

import java.util.Arrays;
import java.util.Locale;

/** The benchmark scenarios, in the order they run (queries read what the create scenarios wrote). */
public enum Scenario {
    /** The server's Jetty/Javalin set-up answering a fixed envelope, no database ({@link HttpFloor}). */
    HTTP_FLOOR, PAYIN_CREATE, PAYOUT_CREATE, PAYOUT_CREATE_HOT, QUERY_PAYIN, QUERY_PAYOUT, BALANCE, FULL_FLOW,
    /** Not in "all": loads a million trades first (issue 14, {@link TradeTables#tradesPage}). */
    TRADES_PAGE;

    /** Every label, comma-separated. */
    static final String NAMES = String.join(", ", Arrays.stream(values()).map(Scenario::label).toList());

    /** On the command line and in the report: {@code payout-create-hot}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Write scenarios get a database ceiling (pgbench with the captured statements). */
    public boolean writes() {
        return this == PAYIN_CREATE || this == PAYOUT_CREATE || this == PAYOUT_CREATE_HOT || this == FULL_FLOW;
    }

    public static Scenario byName(String name) {
        return Arrays.stream(values()).filter(scenario -> scenario.label().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + name + "'; known: " + NAMES));
    }
}
