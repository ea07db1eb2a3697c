package org.openpaypro.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.openpaypro.db.Database;

/**
 * Trade lists for the merchant portal, the operator console and the operator API: pages by keyset (newest first,
 * the next page continues after the cursor of the last row, so page 10,000 costs what page 1 costs) and a CSV export
 * of everything a filter matches, read through a server-side cursor and written as it is read (constant memory, no
 * row limit). Thread-safe.
 */
public final class TradeSearch {
    /** Rows per page when the caller does not say; at most {@link #MAX_PAGE_SIZE}. */
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;
    /** Rows the driver fetches per round trip during an export. */
    static final int EXPORT_FETCH_ROWS = 2_000;
    public static final List<String> CSV_HEADER = List.of("platFormTradeNo", "tradeNo", "merchantNo", "direction",
            "country", "currency", "amount", "fee", "paidAmount", "status", "message", "channel", "createdAt",
            "finishedAt");

    private final Jdbi jdbi;

    public TradeSearch(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * One page of the trades the filter matches, newest first.
     *
     * @param after the {@link TradePage#nextCursor()} of the previous page, or null for the first page
     * @throws IllegalArgumentException when {@code after} is not such a cursor or the size is out of range
     */
    public TradePage page(TradeFilter filter, String after, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_PAGE_SIZE);
        }
        TradeQuery query = new TradeQuery(filter).after(after == null || after.isBlank() ? null
                : TradeQuery.Cursor.parse(after.trim()));
        List<TradeRow> rows = jdbi.withHandle(handle -> bind(handle.createQuery(query.sql(pageSize + 1)), query)
                .map((rs, ctx) -> TradeQuery.row(rs)).list());
        if (rows.size() <= pageSize) {
            return new TradePage(rows, null);
        }
        List<TradeRow> page = new ArrayList<>(rows.subList(0, pageSize));
        return new TradePage(page, TradeQuery.Cursor.of(page.get(pageSize - 1)).text());
    }

    /**
     * Writes every trade the filter matches as CSV (header first, newest first) to {@code out}, flushing as it goes.
     * One repeatable-read transaction, so the file is one consistent picture even while trades keep coming.
     *
     * @return the number of trade rows written
     * @throws UncheckedIOException when the reader goes away; the transaction is then rolled back and closed
     */
    public long exportCsv(TradeFilter filter, Writer out) {
        TradeQuery query = new TradeQuery(filter);
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            Database.allowLongStatements(handle); // a million rows take longer than a request may
            long rows = 0;
            try {
                Csv.line(out, CSV_HEADER);
                Query statement = bind(handle.createQuery(query.sql(null)), query).setFetchSize(EXPORT_FETCH_ROWS);
                try (ResultIterator<TradeRow> iterator = statement.map((rs, ctx) -> TradeQuery.row(rs)).iterator()) {
                    while (iterator.hasNext()) {
                        Csv.line(out, csvCells(iterator.next()));
                        rows++;
                    }
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return rows;
        });
    }

    /** The cells of one CSV line, in {@link #CSV_HEADER} order (empty: no value); the JSON list uses them too. */
    public static List<String> csvCells(TradeRow row) {
        return List.of(row.platformTradeNo(), row.tradeNo(), row.merchantNo(), row.direction().name(), row.country(),
                row.currency(), row.amountText(), row.feeText(), row.paidAmountText(), row.status().wire(),
                row.message(), row.channel(), row.createdAt().toString(),
                row.finishedAt() == null ? "" : row.finishedAt().toString());
    }

    private static Query bind(Query statement, TradeQuery query) {
        query.values().forEach(statement::bind);
        return statement;
    }
}
