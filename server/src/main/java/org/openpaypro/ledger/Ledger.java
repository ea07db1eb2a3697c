package org.openpaypro.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * The double-entry ledger as commands (DESIGN §5). Each command writes one journal whose postings sum to zero and
 * changes merchant balances with conditional updates in the caller's transaction, so a movement commits or rolls
 * back with the trade change it belongs to. Merchant balances never go below zero: the update that would do it
 * matches no row (available) or trips the CHECK constraint (frozen, unsettled). Platform accounts carry no stored
 * balance (they would be one hot row for every trade); theirs is the sum of their postings.
 * Platform accounts are created on first use by an idempotent upsert in the caller's transaction (concurrent first
 * users wait on the unique index, then see the committed row) and cached only once that transaction has committed.
 * Thread-safe: the only state is a cache of committed platform account ids.
 */
public final class Ledger {
    public enum Kind { AVAILABLE, FROZEN, UNSETTLED, FEES, CHANNEL_CLEARING, ADJUSTMENTS }

    private record PlatformKey(Kind kind, String channel, String currency) {
    }

    private record Posting(long accountId, long amount) {
    }

    private final Map<PlatformKey, Long> platformAccounts = new ConcurrentHashMap<>();

    public Balances balances(Handle handle, long merchantId) {
        Map<String, Long> byKind = new java.util.HashMap<>();
        handle.createQuery("SELECT kind, balance FROM account WHERE merchant_id = :m")
                .bind("m", merchantId)
                .map((rs, ctx) -> byKind.put(rs.getString("kind"), rs.getLong("balance")))
                .list();
        return new Balances(byKind.getOrDefault("AVAILABLE", 0L), byKind.getOrDefault("FROZEN", 0L),
                byKind.getOrDefault("UNSETTLED", 0L));
    }

    /** Pay-in success: CLEARING −paid; merchant UNSETTLED +(paid − fee); FEES +fee. */
    public void payinSucceeded(Handle handle, long tradeId, long merchantId, String currency, String channel,
                               long paid, long fee) {
        List<Posting> postings = new ArrayList<>();
        postings.add(new Posting(platform(handle, Kind.CHANNEL_CLEARING, channel, currency), -paid));
        postings.add(new Posting(move(handle, merchantId, Kind.UNSETTLED, paid - fee), paid - fee));
        postings.add(new Posting(platform(handle, Kind.FEES, "", currency), fee));
        journal(handle, "PAYIN_SUCCESS", tradeId, merchantId, null, postings);
    }

    /** Locks the merchant's AVAILABLE account for the rest of the transaction and returns its balance. */
    public long lockAvailable(Handle handle, long merchantId) {
        return handle.createQuery("""
                        SELECT balance FROM account WHERE merchant_id = :m AND kind = 'AVAILABLE' FOR UPDATE""")
                .bind("m", merchantId)
                .mapTo(Long.class)
                .one();
    }

    /**
     * Several payouts accepted at once (the batching writer): AVAILABLE −Σ → FROZEN +Σ in two updates, and one
     * PAYOUT_FREEZE journal per trade, all in two statements. Refuses (throws) if AVAILABLE would go negative; the
     * caller, holding the {@link #lockAvailable} lock, has already checked that it will not.
     *
     * @param totals trade id → amount + fee
     */
    public void freezeForPayouts(Handle handle, long merchantId, Map<Long, Long> totals) {
        long sum = 0;
        for (long total : totals.values()) {
            sum = addExact(sum, total, "the payouts frozen together");
        }
        long available = move(handle, merchantId, Kind.AVAILABLE, -sum);
        long frozen = move(handle, merchantId, Kind.FROZEN, sum);
        long[] tradeIds = totals.keySet().stream().mapToLong(Long::longValue).toArray();
        long[] amounts = totals.values().stream().mapToLong(Long::longValue).toArray();
        handle.createUpdate("""
                        WITH f AS (SELECT * FROM unnest(CAST(:trades AS bigint[]), CAST(:amounts AS bigint[]))
                                   AS f(trade_id, total)),
                             j AS (INSERT INTO journal (kind, trade_id, merchant_id)
                                   SELECT 'PAYOUT_FREEZE', f.trade_id, :m FROM f RETURNING id, trade_id)
                        INSERT INTO posting (journal_id, account_id, amount)
                        SELECT j.id, :available, -f.total FROM j JOIN f ON f.trade_id = j.trade_id
                        UNION ALL
                        SELECT j.id, :frozen, f.total FROM j JOIN f ON f.trade_id = j.trade_id""")
                .bind("trades", tradeIds)
                .bind("amounts", amounts)
                .bind("m", merchantId)
                .bind("available", available)
                .bind("frozen", frozen)
                .execute();
    }

    /** Payout success: FROZEN −(amount + fee) → CLEARING +amount, FEES +fee. */
    public void payoutSucceeded(Handle handle, long tradeId, long merchantId, String currency, String channel,
                                long amount, long fee) {
        long frozen = move(handle, merchantId, Kind.FROZEN, -(amount + fee));
        journal(handle, "PAYOUT_SUCCESS", tradeId, merchantId, null, List.of(
                new Posting(frozen, -(amount + fee)),
                new Posting(platform(handle, Kind.CHANNEL_CLEARING, channel, currency), amount),
                new Posting(platform(handle, Kind.FEES, "", currency), fee)));
    }

    /** Payout failure: FROZEN → AVAILABLE, everything back. */
    public void payoutFailed(Handle handle, long tradeId, long merchantId, long total) {
        long available = move(handle, merchantId, Kind.AVAILABLE, total);
        long frozen = move(handle, merchantId, Kind.FROZEN, -total);
        journal(handle, "PAYOUT_FAILURE", tradeId, merchantId, null,
                List.of(new Posting(available, total), new Posting(frozen, -total)));
    }

    /** Settlement: UNSETTLED → AVAILABLE. */
    public void settle(Handle handle, long merchantId, long amount) {
        long available = move(handle, merchantId, Kind.AVAILABLE, amount);
        long unsettled = move(handle, merchantId, Kind.UNSETTLED, -amount);
        journal(handle, "SETTLEMENT", null, merchantId, null,
                List.of(new Posting(available, amount), new Posting(unsettled, -amount)));
    }

    /** Operator adjustment ADJUSTMENTS ↔ AVAILABLE. False (nothing written) if a debit exceeds AVAILABLE. */
    public boolean adjust(Handle handle, long merchantId, String currency, long amount, String reason) {
        Long available = tryMove(handle, merchantId, Kind.AVAILABLE, amount);
        if (available == null) {
            return false;
        }
        journal(handle, "ADJUSTMENT", null, merchantId, reason, List.of(
                new Posting(available, amount),
                new Posting(platform(handle, Kind.ADJUSTMENTS, "", currency), -amount)));
        return true;
    }

    /** Adds {@code delta} to a merchant account unless that makes it negative; its id, or null if refused. */
    private static Long tryMove(Handle handle, long merchantId, Kind kind, long delta) {
        try {
            return handle.createQuery("""
                            UPDATE account SET balance = balance + :delta
                            WHERE merchant_id = :m AND kind = :kind AND balance + :delta >= 0
                            RETURNING id""")
                    .bind("delta", delta)
                    .bind("m", merchantId)
                    .bind("kind", kind.name())
                    .mapTo(Long.class)
                    .findOne()
                    .orElse(null);
        } catch (RuntimeException e) {
            if (LedgerOverflowException.isOutOfRange(e)) {
                throw new LedgerOverflowException("the " + kind + " balance");
            }
            throw e;
        }
    }

    /** {@link Math#addExact}, an overflow refused as {@link LedgerOverflowException}. */
    public static long addExact(long a, long b, String what) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new LedgerOverflowException(what);
        }
    }

    private static long move(Handle handle, long merchantId, Kind kind, long delta) {
        Long id = tryMove(handle, merchantId, kind, delta);
        if (id == null) {
            throw new IllegalStateException("ledger invariant: " + kind + " of merchant " + merchantId
                    + " would go negative by " + delta);
        }
        return id;
    }

    private long platform(Handle handle, Kind kind, String channel, String currency) {
        PlatformKey key = new PlatformKey(kind, channel, currency);
        Long cached = platformAccounts.get(key);
        if (cached != null) {
            return cached;
        }
        handle.createUpdate("""
                        INSERT INTO account (kind, channel, currency) VALUES (:kind, :channel, :currency)
                        ON CONFLICT (kind, channel, currency) WHERE merchant_id IS NULL DO NOTHING""")
                .bind("kind", kind.name()).bind("channel", channel).bind("currency", currency)
                .execute();
        long id = handle.createQuery("""
                        SELECT id FROM account
                        WHERE merchant_id IS NULL AND kind = :kind AND channel = :channel AND currency = :currency""")
                .bind("kind", kind.name()).bind("channel", channel).bind("currency", currency)
                .mapTo(Long.class)
                .one();
        // Cache only what is committed: an id created by a transaction that rolls back never existed.
        if (handle.isInTransaction()) {
            handle.afterCommit(() -> platformAccounts.put(key, id));
        } else {
            platformAccounts.put(key, id);
        }
        return id;
    }

    /** One journal and its non-zero postings in one statement; the postings must sum to zero. */
    private static void journal(Handle handle, String kind, Long tradeId, long merchantId, String reason,
                                List<Posting> postings) {
        long sum = 0;
        StringBuilder values = new StringBuilder();
        List<Posting> nonZero = new ArrayList<>();
        for (Posting posting : postings) {
            sum = addExact(sum, posting.amount(), "the journal " + kind);
            if (posting.amount() != 0) {
                values.append(nonZero.isEmpty() ? "" : ", ").append("(:a").append(nonZero.size())
                        .append(", :x").append(nonZero.size()).append(")");
                nonZero.add(posting);
            }
        }
        if (sum != 0) {
            throw new IllegalStateException("journal " + kind + " does not balance: " + sum);
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
        for (int i = 0; i < nonZero.size(); i++) {
            update.bind("a" + i, nonZero.get(i).accountId()).bind("x" + i, nonZero.get(i).amount());
        }
        update.execute();
    }
}
