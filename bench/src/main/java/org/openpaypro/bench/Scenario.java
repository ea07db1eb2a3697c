package org.openpaypro.bench;

import java.util.Arrays;
import java.util.List;

/** The benchmark scenarios, in the order they run (queries read what the create scenarios wrote). */
public enum Scenario {
    /** The server's Jetty/Javalin set-up answering a fixed envelope, no database ({@link HttpFloor}). */
    HTTP_FLOOR("http-floor", false),
    PAYIN_CREATE("payin-create", true),
    PAYOUT_CREATE("payout-create", true),
    PAYOUT_CREATE_HOT("payout-create-hot", true),
    QUERY_PAYIN("query-payin", false),
    QUERY_PAYOUT("query-payout", false),
    BALANCE("balance", false),
    FULL_FLOW("full-flow", true),
    /** Not in "all": loads a million trades first (issue 14, {@link TradesPageScenario}). */
    TRADES_PAGE("trades-page", false);

    private final String label;
    private final boolean writes;

    Scenario(String label, boolean writes) {
        this.label = label;
        this.writes = writes;
    }

    public String label() {
        return label;
    }

    /** Write scenarios get a database ceiling (pgbench with the captured statements). */
    public boolean writes() {
        return writes;
    }

    public static Scenario byName(String name) {
        return Arrays.stream(values()).filter(scenario -> scenario.label.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + name + "'; known: "
                        + String.join(", ", names())));
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Scenario::label).toList();
    }
}
