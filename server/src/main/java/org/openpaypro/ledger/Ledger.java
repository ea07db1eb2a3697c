package org.openpaypro.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.openpaypro.ledger.LedgerRepository.Posting;

/**
 * The double-entry ledger as commands (DESIGN §5). Each command writes one journal whose postings sum to zero and
 * changes merchant balances with conditional updates in the caller's transaction, so a movement commits or rolls
 * back with the trade change it belongs to. Merchant balances never go below zero: the update that would do it
 * matches no row (available) or trips the CHECK constraint (frozen, unsettled). Platform accounts carry no stored
 * balance (they would be one hot row for every trade); theirs is the sum of their postings.
 * Platform accounts are created on first use by an idempotent upsert in the caller's transaction (concurrent first
 * users wait on the unique index, then see the committed row) and cached only once that transaction has committed.
 * Its SQL is in {@link LedgerRepository}. Thread-safe: the only state is a cache of committed platform account ids.
 */
public final class Ledger {
    /** The kind of an account; its name is the value of {@code account.kind}. */
    public enum Kind { AVAILABLE, FROZEN, UNSETTLED, FEES, CHANNEL_CLEARING, ADJUSTMENTS }

    /**
     * What a journal records; its name is the value of {@code journal.kind} (the schema's CHECK lists the same
     * names). PAYOUT_FREEZE is written by the batch statement of {@link #freezeForPayouts}, as a SQL literal.
     */
    public enum JournalKind { PAYIN_SUCCESS, PAYOUT_FREEZE, PAYOUT_SUCCESS, PAYOUT_FAILURE, SETTLEMENT, ADJUSTMENT }

    private record PlatformKey(Kind kind, String channel, String currency) {
    }

    /** Bounded by configuration: one entry per account kind, channel and currency in use (a few dozen). */
    private final Map<PlatformKey, Long> platformAccounts = new ConcurrentHashMap<>();
    private final LedgerRepository repository = new LedgerRepository();

    public Balances balances(Handle handle, long merchantId) {
        Map<String, Long> byKind = repository.balancesByKind(handle, merchantId);
        return new Balances(byKind.getOrDefault(Kind.AVAILABLE.name(), 0L),
                byKind.getOrDefault(Kind.FROZEN.name(), 0L), byKind.getOrDefault(Kind.UNSETTLED.name(), 0L));
    }

    /** A new merchant's AVAILABLE, FROZEN and UNSETTLED accounts, at zero, in the transaction that creates it. */
    public void openAccounts(Handle handle, long merchantId, String currency) {
        repository.openMerchantAccounts(handle, merchantId, currency);
    }

    /** The postings of one trade's journals, for the operator's trade view. */
    public List<Map<String, Object>> tradePostings(Handle handle, long tradeId) {
        return repository.tradePostings(handle, tradeId);
    }

    /** Pay-in success: CLEARING −paid; merchant UNSETTLED +(paid − fee); FEES +fee (scale-4 units). One statement.
     */
    public void payinSucceeded(Handle handle, long tradeId, long merchantId, String currency, String channel,
                               long paidUnits, long feeUnits) {
        movement(handle, JournalKind.PAYIN_SUCCESS, tradeId, merchantId, List.of(
                Line.platform(platform(handle, Kind.CHANNEL_CLEARING, channel, currency), -paidUnits),
                Line.merchant(Kind.UNSETTLED, paidUnits - feeUnits),
                Line.platform(platform(handle, Kind.FEES, "", currency), feeUnits)));
    }

    /** Locks the merchant's AVAILABLE account for the rest of the transaction and returns its balance. */
    public long lockAvailable(Handle handle, long merchantId) {
        return repository.lockAvailable(handle, merchantId);
    }

    /**
     * Several payouts accepted at once (the batching writer), in one statement: AVAILABLE −Σ and FROZEN +Σ, and one
     * PAYOUT_FREEZE journal per trade whose two postings are −total on AVAILABLE and +total on FROZEN (balanced by
     * construction). Refuses (throws, the caller's transaction rolls back) if AVAILABLE would go negative; the
     * caller, holding the {@link #lockAvailable} lock, has already checked that it will not.
     *
     * @param totals trade id → amount + fee, each positive
     */
    public void freezeForPayouts(Handle handle, long merchantId, Map<Long, Long> totals) {
        long sum = 0;
        for (long total : totals.values()) {
            if (total <= 0) {
                throw new IllegalArgumentException("a payout freezes a positive total, not " + total);
            }
            sum = addExact(sum, total, "the payouts frozen together");
        }
        long[] tradeIds = totals.keySet().stream().mapToLong(Long::longValue).toArray();
        long[] amounts = totals.values().stream().mapToLong(Long::longValue).toArray();
        int moved;
        try {
            moved = repository.freeze(handle, merchantId, sum, tradeIds, amounts);
        } catch (RuntimeException e) {
            if (LedgerRepository.isOutOfRange(e)) {
                throw new LedgerOverflowException("the FROZEN balance");
            }
            throw e;
        }
        if (moved != 2) {
            throw new IllegalStateException("ledger invariant: AVAILABLE of merchant " + merchantId
                    + " would go negative by " + sum);
        }
    }

    /** Payout success: FROZEN −(amount + fee) → CLEARING +amount, FEES +fee (scale-4 units). One statement. */
    public void payoutSucceeded(Handle handle, long tradeId, long merchantId, String currency, String channel,
                                long amountUnits, long feeUnits) {
        long totalUnits = addExact(amountUnits, feeUnits, "the payout");
        movement(handle, JournalKind.PAYOUT_SUCCESS, tradeId, merchantId, List.of(
                Line.merchant(Kind.FROZEN, -totalUnits),
                Line.platform(platform(handle, Kind.CHANNEL_CLEARING, channel, currency), amountUnits),
                Line.platform(platform(handle, Kind.FEES, "", currency), feeUnits)));
    }

    /** Payout failure: FROZEN → AVAILABLE, everything back ({@code frozenUnits}: amount + fee). One statement. */
    public void payoutFailed(Handle handle, long tradeId, long merchantId, long frozenUnits) {
        movement(handle, JournalKind.PAYOUT_FAILURE, tradeId, merchantId, List.of(
                Line.merchant(Kind.AVAILABLE, frozenUnits), Line.merchant(Kind.FROZEN, -frozenUnits)));
    }

    /** One journal line: a platform account by id, or the merchant's account of {@code kind}; signed amount. */
    private record Line(long accountId, Kind kind, long amount) {
        static Line platform(long accountId, long amount) {
            return new Line(accountId, null, amount);
        }

        static Line merchant(Kind kind, long amount) {
            return new Line(0, kind, amount);
        }
    }

    /**
     * A trade's journal in one statement: the merchant's balances moved by its merchant lines (each refused if it
     * would go negative), the journal, and its non-zero postings in line order. The lines must sum to zero (double
     * entry by construction); a refused move writes no journal and throws, rolling the caller's transaction back.
     */
    private void movement(Handle handle, JournalKind kind, long tradeId, long merchantId, List<Line> lines) {
        long sum = 0;
        int merchantLines = 0;
        long[] accounts = new long[lines.size()];
        String[] kinds = new String[lines.size()];
        long[] amounts = new long[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            sum = addExact(sum, line.amount(), "the journal " + kind);
            accounts[i] = line.accountId();
            kinds[i] = line.kind() == null ? "" : line.kind().name();
            amounts[i] = line.amount();
            merchantLines += line.kind() == null ? 0 : 1;
        }
        if (sum != 0) {
            throw new IllegalStateException("journal " + kind + " does not balance: " + sum);
        }
        int moved;
        try {
            moved = repository.movement(handle, kind.name(), tradeId, merchantId, accounts, kinds, amounts);
        } catch (RuntimeException e) {
            if (LedgerRepository.isOutOfRange(e)) {
                throw new LedgerOverflowException("a balance of merchant " + merchantId);
            }
            throw e;
        }
        if (moved != merchantLines) {
            throw new IllegalStateException("ledger invariant: journal " + kind + " of trade " + tradeId
                    + " would make a balance of merchant " + merchantId + " negative");
        }
    }

    /** Settlement: UNSETTLED → AVAILABLE, {@code amountUnits} in scale-4 units. */
    public void settle(Handle handle, long merchantId, long amountUnits) {
        long available = move(handle, merchantId, Kind.AVAILABLE, amountUnits);
        long unsettled = move(handle, merchantId, Kind.UNSETTLED, -amountUnits);
        journal(handle, JournalKind.SETTLEMENT, null, merchantId, null,
                List.of(new Posting(available, amountUnits), new Posting(unsettled, -amountUnits)));
    }

    /**
     * Operator adjustment ADJUSTMENTS ↔ AVAILABLE, {@code signedUnits} in scale-4 units (negative: a debit). False
     * (nothing written) if a debit exceeds AVAILABLE.
     */
    public boolean adjust(Handle handle, long merchantId, String currency, long signedUnits, String reason) {
        Long available = tryMove(handle, merchantId, Kind.AVAILABLE, signedUnits);
        if (available == null) {
            return false;
        }
        journal(handle, JournalKind.ADJUSTMENT, null, merchantId, reason, List.of(
                new Posting(available, signedUnits),
                new Posting(platform(handle, Kind.ADJUSTMENTS, "", currency), -signedUnits)));
        return true;
    }

    /** Adds {@code delta} to a merchant account unless that makes it negative; its id, or null if refused. */
    private Long tryMove(Handle handle, long merchantId, Kind kind, long delta) {
        try {
            return repository.tryMove(handle, merchantId, kind.name(), delta);
        } catch (RuntimeException e) {
            if (LedgerRepository.isOutOfRange(e)) {
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

    private long move(Handle handle, long merchantId, Kind kind, long delta) {
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
        long id = repository.platformAccount(handle, kind.name(), channel, currency);
        // Cache only what is committed: an id created by a transaction that rolls back never existed.
        if (handle.isInTransaction()) {
            handle.afterCommit(() -> platformAccounts.put(key, id));
        } else {
            platformAccounts.put(key, id);
        }
        return id;
    }

    /** One journal and its non-zero postings in one statement; the postings must sum to zero. */
    private void journal(Handle handle, JournalKind kind, Long tradeId, long merchantId, String reason,
                         List<Posting> postings) {
        long sum = 0;
        List<Posting> nonZero = new ArrayList<>();
        for (Posting posting : postings) {
            sum = addExact(sum, posting.amount(), "the journal " + kind);
            if (posting.amount() != 0) {
                nonZero.add(posting);
            }
        }
        if (sum != 0) {
            throw new IllegalStateException("journal " + kind + " does not balance: " + sum);
        }
        repository.insertJournal(handle, kind.name(), tradeId, merchantId, reason, nonZero);
    }
}
