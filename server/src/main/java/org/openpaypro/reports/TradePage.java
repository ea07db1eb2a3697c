package org.openpaypro.reports;

import java.util.List;

/**
 * One page of a trade search, newest first, and the cursor of the next page ({@code null} on the last one).
 * Immutable.
 */
public record TradePage(List<TradeRow> rows, String nextCursor) {
    public TradePage {
        rows = List.copyOf(rows);
    }
}
