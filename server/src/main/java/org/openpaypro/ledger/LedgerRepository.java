package org.openpaypro.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.openpaypro.db.RawSql;
import org.openpaypro.protocol.Amounts;

/**
 * SQL of the ledger's tables (account, journal, posting) for {@link Ledger}, which keeps the rules (what moves,
 * that it balances, platform account caching). Stateless; every method runs on the caller's handle.
 */
final class LedgerRepository {
    /** PostgreSQL's numeric_value_out_of_range, e.g. "bigint out of range". */
    private static final String OUT_OF_RANGE = "22003";
    /** PostgreSQL's check_violation: here a merchant balance that would go below zero. */
    private static final String CHECK_VIOLATION = "23514";

    /** One line of a journal: an account and its signed amount in scale-4 units. */
    record Posting(long accountId, long amount) {
    }

    /** Whether {@code error} (or one of its causes) is the database refusing a value out of range. */
    static boolean isOutOfRange(Throwable error) {
        return hasState(error, OUT_OF_RANGE);
    }

    /** Whether {@code error} (or one of its causes) is a CHECK refusing a row, e.g. a negative merchant balance. */
    static boolean isCheckViolation(Throwable error) {
        return hasState(error, CHECK_VIOLATION);
    }

    private static boolean hasState(Throwable error, String state) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A merchant's balance per account kind; plain JDBC, since every balance request reads it. */
    private static final RawSql BALANCES = new RawSql("SELECT kind, balance FROM account WHERE merchant_id = :m");

    Map<String, Long> balancesByKind(Handle handle, long merchantId) {
        return byKind(BALANCES.bind().set("m", merchantId).query(handle, LedgerRepository::kindAndBalance));
    }

    /** As {@link #balancesByKind(Handle, long)}, on a pooled connection of its own (no handle). */
    Map<String, Long> balancesByKind(Jdbi jdbi, long merchantId) {
        return byKind(BALANCES.bind().set("m", merchantId).query(jdbi, LedgerRepository::kindAndBalance));
    }

    private static Map.Entry<String, Long> kindAndBalance(ResultSet row) throws SQLException {
        return Map.entry(row.getString("kind"), row.getLong("balance"));
    }

    private static Map<String, Long> byKind(List<Map.Entry<String, Long>> rows) {
        Map<String, Long> byKind = new HashMap<>();
        rows.forEach(row -> byKind.put(row.getKey(), row.getValue()));
        return byKind;
    }

    void openMerchantAccounts(Handle handle, long merchantId, String currency) {
        handle.createUpdate("""
                        INSERT INTO account (merchant_id, kind, currency)
                        VALUES (:id, 'AVAILABLE', :currency), (:id, 'FROZEN', :currency),
                               (:id, 'UNSETTLED', :currency)""")
                .bind("id", merchantId)
                .bind("currency", currency)
                .execute();
    }

    /** {@link #LOCK_AVAILABLE} on its own: the merchants' AVAILABLE balances (merchant id → balance), locked. */
    Map<Long, Long> lockAvailable(Handle handle, long[] merchantIds) {
        Map<Long, Long> balances = new HashMap<>();
        handle.createQuery("WITH " + LOCK_AVAILABLE + "\nSELECT merchant_id, balance FROM ledger_lock")
                .bind("ledger_lock_merchants", merchantIds)
                .map((rs, ctx) -> balances.put(rs.getLong("merchant_id"), rs.getLong("balance")))
                .list();
        return balances;
    }

    /**
     * CTEs ({@code ledger_lock}, {@code ledger_locked}, both materialized) that lock the AVAILABLE accounts of the
     * merchants {@code ledger_lock_merchants} (bigint[]) for the rest of the transaction: {@code ledger_lock} holds
     * each one's {@code merchant_id} and {@code balance}; {@code ledger_locked} is one row, {@code merchants} the array
     * of those locked, produced only once every lock is held (an aggregate reads all its input first). A statement
     * that must write only under the locks joins {@code ledger_locked} in the source of its write; a CTE is
     * evaluated only as far as it is read, so joining {@code ledger_lock} itself could write a row for the first
     * merchant before the last one is locked.
     *
     * <p>The locks are taken in merchant-id order, so that two batches (of this node or another) that share
     * merchants never wait on each other in a cycle: PostgreSQL plans {@code SELECT ... ORDER BY ... FOR UPDATE} as a
     * LockRows node above the sort (or above an index scan in that order) and locks each row as it passes, in the
     * order of the ORDER BY (its manual, SELECT, "The Locking Clause": the ORDER BY is applied first); a row updated
     * meanwhile is re-read after its lock, its place in the order stays the same.
     */
    static final String LOCK_AVAILABLE = """
            ledger_lock AS MATERIALIZED (SELECT merchant_id, balance FROM account
                                         WHERE merchant_id = ANY(CAST(:ledger_lock_merchants AS bigint[]))
                                           AND kind = 'AVAILABLE'
                                         ORDER BY merchant_id
                                         FOR UPDATE),
                 ledger_locked AS MATERIALIZED (SELECT array_agg(merchant_id) AS merchants FROM ledger_lock)""";

    /**
     * The freeze of several payouts, of any merchants, as CTEs of a statement: for each merchant AVAILABLE −Σ and
     * FROZEN +Σ of its payouts (an AVAILABLE that would go negative is not updated), one PAYOUT_FREEZE journal per
     * trade and its postings −total on its merchant's AVAILABLE, +total on its FROZEN; nothing when no trade is given.
     * {@link #FROZEN_ACCOUNTS} counts the accounts updated: less than two per merchant means the caller must roll
     * back. Binds {@code ledger_freeze_*} ({@link #bindFreeze}). Run under the merchants' {@link #LOCK_AVAILABLE}.
     */
    static final String FREEZE = """
            ledger_f AS (SELECT * FROM unnest(CAST(:ledger_freeze_trades AS bigint[]),
                             CAST(:ledger_freeze_merchants AS bigint[]), CAST(:ledger_freeze_totals AS bigint[]))
                             AS f(trade_id, merchant_id, total)),
                 ledger_s AS (SELECT merchant_id, CAST(sum(total) AS bigint) AS total FROM ledger_f
                              GROUP BY merchant_id),
                 ledger_a AS (UPDATE account
                              SET balance = account.balance + CASE account.kind
                                  WHEN 'AVAILABLE' THEN -ledger_s.total ELSE ledger_s.total END
                              FROM ledger_s
                              WHERE account.merchant_id = ledger_s.merchant_id
                                AND account.kind IN ('AVAILABLE', 'FROZEN')
                                AND (account.kind = 'FROZEN' OR account.balance >= ledger_s.total)
                              RETURNING account.id, account.kind, account.merchant_id),
                 ledger_fj AS (INSERT INTO journal (kind, trade_id, merchant_id)
                               SELECT 'PAYOUT_FREEZE', ledger_f.trade_id, ledger_f.merchant_id FROM ledger_f
                               RETURNING id, trade_id),
                 ledger_fp AS (INSERT INTO posting (journal_id, account_id, amount)
                               SELECT ledger_fj.id, ledger_a.id,
                                   CASE ledger_a.kind WHEN 'AVAILABLE' THEN -ledger_f.total ELSE ledger_f.total END
                               FROM ledger_fj JOIN ledger_f ON ledger_f.trade_id = ledger_fj.trade_id
                                   JOIN ledger_a ON ledger_a.merchant_id = ledger_f.merchant_id)""";

    /** The number of accounts {@link #FREEZE} updated, as an expression of its statement. */
    static final String FROZEN_ACCOUNTS = "(SELECT count(*) FROM ledger_a)";

    static void bindFreeze(SqlStatement<?> statement, long[] tradeIds, long[] merchantIds, long[] totals) {
        statement.bind("ledger_freeze_trades", tradeIds)
                .bind("ledger_freeze_merchants", merchantIds)
                .bind("ledger_freeze_totals", totals);
    }

    /** {@link #FREEZE} on its own; returns how many accounts were updated (two per merchant). */
    long freeze(Handle handle, Ledger.Freeze freeze) {
        var query = handle.createQuery("WITH <freeze>\nSELECT " + FROZEN_ACCOUNTS);
        freeze.bindTo(query);
        return query.mapTo(Long.class).one();
    }

    /** Adds {@code delta} to a merchant account unless that makes it negative; its id, or null if refused. */
    Long tryMove(Handle handle, long merchantId, String kind, long delta) {
        return handle.createQuery("""
                        UPDATE account SET balance = balance + :delta
                        WHERE merchant_id = :m AND kind = :kind AND balance + :delta >= 0
                        RETURNING id""")
                .bind("delta", delta)
                .bind("m", merchantId)
                .bind("kind", kind)
                .mapTo(Long.class)
                .findOne()
                .orElse(null);
    }

    /** The platform account's id, created by an idempotent upsert if it does not exist yet. */
    long platformAccount(Handle handle, String kind, String channel, String currency) {
        handle.createUpdate("""
                        INSERT INTO account (kind, channel, currency) VALUES (:kind, :channel, :currency)
                        ON CONFLICT (kind, channel, currency) WHERE merchant_id IS NULL DO NOTHING""")
                .bind("kind", kind).bind("channel", channel).bind("currency", currency)
                .execute();
        return handle.createQuery("""
                        SELECT id FROM account
                        WHERE merchant_id IS NULL AND kind = :kind AND channel = :channel AND currency = :currency""")
                .bind("kind", kind).bind("channel", channel).bind("currency", currency)
                .mapTo(Long.class)
                .one();
    }

    /**
     * A trade's journal as CTEs that follow a CTE {@code t} (the trade's change, one row with the trade's {@code id}
     * when it applies, none when it does not): each line with a kind moves the merchant's account of that kind, each
     * line with an account id is a platform account, and the journal and its non-zero postings (in line order) are
     * written. Nothing is conditional on a count: a merchant balance that would go negative trips the account's
     * CHECK, a missing merchant account leaves its posting on account 0 (the posting's foreign key), a second journal
     * of the kind for the trade trips its unique index; each aborts the whole statement, trade change included.
     * Binds the parameters named {@code ledger_*} ({@link #bind}); {@link #MOVED} counts the merchant moves.
     *
     * <p>The merchant's accounts are locked first, AVAILABLE before the others ({@code ledger_l}: LockRows above the
     * sort, as in {@link #LOCK_AVAILABLE}), and only rows already locked are updated: every transaction that takes a
     * merchant's AVAILABLE takes it before any other account of that merchant, as the payout batch does (AVAILABLE
     * under {@link #LOCK_AVAILABLE}, then FROZEN in {@link #FREEZE}), so a payout's failure (AVAILABLE +, FROZEN −)
     * never holds FROZEN while waiting for AVAILABLE held by a batch that waits for FROZEN.
     */
    static final String MOVEMENT_AFTER_T = """
            ledger_x AS (SELECT x.* FROM unnest(CAST(:ledger_accounts AS bigint[]), CAST(:ledger_kinds AS text[]),
                             CAST(:ledger_amounts AS bigint[])) WITH ORDINALITY AS x(account_id, kind, amount, ord)
                         WHERE EXISTS (SELECT 1 FROM t)),
                 ledger_l AS MATERIALIZED (SELECT id, kind FROM account
                                           WHERE merchant_id = :ledger_merchant
                                             AND kind IN (SELECT kind FROM ledger_x)
                                           ORDER BY kind <> 'AVAILABLE', kind
                                           FOR UPDATE),
                 ledger_m AS (UPDATE account a SET balance = a.balance + ledger_x.amount
                              FROM ledger_l JOIN ledger_x ON ledger_x.kind = ledger_l.kind
                              WHERE a.id = ledger_l.id
                              RETURNING a.id, a.kind),
                 ledger_j AS (INSERT INTO journal (kind, trade_id, merchant_id)
                              SELECT CAST(:ledger_kind AS text), t.id, :ledger_merchant FROM t
                              WHERE EXISTS (SELECT 1 FROM ledger_x)
                              RETURNING id),
                 ledger_p AS (INSERT INTO posting (journal_id, account_id, amount)
                              SELECT ledger_j.id, coalesce(ledger_m.id, ledger_x.account_id), ledger_x.amount
                              FROM ledger_j CROSS JOIN ledger_x
                                  LEFT JOIN ledger_m ON ledger_m.kind = ledger_x.kind AND ledger_x.kind != ''
                              WHERE ledger_x.amount != 0 ORDER BY ledger_x.ord)""";

    /** The number of merchant accounts {@link #MOVEMENT_AFTER_T} moved, as an expression of its statement. */
    static final String MOVED = "(SELECT count(*) FROM ledger_m)";

    /** Binds {@link #MOVEMENT_AFTER_T}'s parameters: the movement's kind, merchant and lines. */
    static void bind(BiConsumer<String, Object> bind, String kind, long merchantId, long[] accounts, String[] kinds,
                     long[] amounts) {
        bind.accept("ledger_kind", kind);
        bind.accept("ledger_merchant", merchantId);
        bind.accept("ledger_accounts", accounts);
        bind.accept("ledger_kinds", kinds);
        bind.accept("ledger_amounts", amounts);
    }

    /** A trade's journal on its own (no trade change in the statement); returns how many merchant accounts moved. */
    int movement(Handle handle, long tradeId, Ledger.Movement movement) {
        var query = handle.createQuery("WITH t AS (SELECT CAST(:trade AS bigint) AS id),\n<ledger>\nSELECT "
                        + MOVED)
                .define("ledger", MOVEMENT_AFTER_T)
                .bind("trade", tradeId);
        movement.bindTo(query);
        return query.mapTo(Integer.class).one();
    }

    /** One journal and its postings (already checked to balance, none zero) in one statement. */
    void insertJournal(Handle handle, String kind, Long tradeId, long merchantId, String reason,
                       List<Posting> postings) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < postings.size(); i++) {
            values.append(i == 0 ? "" : ", ").append("(:a").append(i).append(", :x").append(i).append(")");
        }
        var update = handle.createUpdate("""
                        WITH j AS (INSERT INTO journal (kind, trade_id, merchant_id, reason)
                                   VALUES (:kind, :trade, :merchant, :reason) RETURNING id)
                        INSERT INTO posting (journal_id, account_id, amount)
                        SELECT j.id, p.account_id, p.amount FROM j, (VALUES <values>) AS p(account_id, amount)""")
                .define("values", values.toString())
                .bind("kind", kind)
                .bind("trade", tradeId)
                .bind("merchant", merchantId)
                .bind("reason", reason);
        for (int i = 0; i < postings.size(); i++) {
            update.bind("a" + i, postings.get(i).accountId()).bind("x" + i, postings.get(i).amount());
        }
        update.execute();
    }

    /** The postings of one trade's journals as the operator's trade view shows them. */
    List<Map<String, Object>> tradePostings(Handle handle, long tradeId) {
        return handle.createQuery("""
                        SELECT j.id AS journal_id, j.kind AS journal_kind, j.created_at, a.kind AS account_kind,
                               a.merchant_id, a.channel, a.currency, p.amount
                        FROM journal j JOIN posting p ON p.journal_id = j.id JOIN account a ON a.id = p.account_id
                        WHERE j.trade_id = :trade ORDER BY j.id, p.id""")
                .bind("trade", tradeId)
                .map((rs, ctx) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("journalId", rs.getLong("journal_id"));
                    row.put("journalKind", rs.getString("journal_kind"));
                    row.put("account", rs.getString("account_kind") + (rs.getString("channel").isEmpty() ? ""
                            : ":" + rs.getString("channel")));
                    row.put("amount", Amounts.format(rs.getLong("amount"), 4));
                    row.put("currency", rs.getString("currency"));
                    row.put("createdAt", rs.getTimestamp("created_at").toInstant().toString());
                    return row;
                })
                .list();
    }
}
