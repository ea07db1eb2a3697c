package org.openpaypro.ledger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
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
        return balances(repository.balancesByKind(handle, merchantId));
    }

    /** As {@link #balances(Handle, long)}, on a pooled connection of its own: the merchant API's balance read. */
    public Balances balances(Jdbi jdbi, long merchantId) {
        return balances(repository.balancesByKind(jdbi, merchantId));
    }

    private static Balances balances(Map<String, Long> byKind) {
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

    /**
     * The journal of a pay-in's success, to be written with the trade's change ({@link Movement}): CLEARING −paid;
     * merchant UNSETTLED +(paid − fee); FEES +fee (scale-4 units).
     */
    public Movement payinSuccess(Handle handle, long merchantId, String currency, String channel, long paidUnits,
                                 long feeUnits) {
        return new Movement(JournalKind.PAYIN_SUCCESS, merchantId, List.of(
                Line.platform(platform(handle, Kind.CHANNEL_CLEARING, channel, currency), -paidUnits),
                Line.merchant(Kind.UNSETTLED, paidUnits - feeUnits),
                Line.platform(platform(handle, Kind.FEES, "", currency), feeUnits)));
    }

    /**
     * Locks the AVAILABLE accounts of {@code merchantIds} for the rest of the transaction, in merchant-id order, and
     * returns their balances (merchant id → balance; a merchant without accounts is missing).
     */
    public Map<Long, Long> lockAvailable(Handle handle, Collection<Long> merchantIds) {
        return repository.lockAvailable(handle, ids(merchantIds));
    }

    /**
     * Locks the AVAILABLE accounts of {@code merchantIds} in merchant-id order (so that batches sharing merchants
     * never deadlock), in the statement that {@code statement} is: defines {@code <lock>}, the CTEs
     * {@code ledger_lock} (each locked merchant's {@code merchant_id} and {@code balance}) and {@code ledger_locked}
     * (one row, {@code merchants}: the array of the locked merchant ids, there only once every lock is held). The
     * source of the statement's write joins {@code ledger_locked}, so that nothing is written before every lock is
     * held.
     */
    public static void lockAvailable(SqlStatement<?> statement, Collection<Long> merchantIds) {
        statement.define("lock", LedgerRepository.LOCK_AVAILABLE).bind("ledger_lock_merchants", ids(merchantIds));
    }

    private static long[] ids(Collection<Long> merchantIds) {
        return merchantIds.stream().mapToLong(Long::longValue).toArray();
    }

    /** One payout to freeze: its trade, its merchant and what it freezes (amount + fee, scale-4 units, positive). */
    public record Frozen(long tradeId, long merchantId, long totalUnits) {
    }

    /**
     * Several payouts, of any merchants, accepted at once, in one statement ({@link Freeze} alone): for each merchant
     * AVAILABLE −Σ and FROZEN +Σ, and one PAYOUT_FREEZE journal per trade whose two postings are −total on its
     * merchant's AVAILABLE and +total on its FROZEN (balanced by construction). Refuses (throws, the caller's
     * transaction rolls back) if an AVAILABLE would go negative; the caller, holding the {@link #lockAvailable} locks,
     * has already checked that none will.
     */
    public void freezeForPayouts(Handle handle, List<Frozen> payouts) {
        Freeze freeze = freeze(payouts);
        try {
            freeze.check(repository.freeze(handle, freeze));
        } catch (RuntimeException e) {
            throw freeze.refusal(e);
        }
    }

    /** The freeze of {@code payouts} (each total positive), to be written in a caller's statement. */
    public Freeze freeze(List<Frozen> payouts) {
        int n = payouts.size();
        long[] tradeIds = new long[n];
        long[] merchantIds = new long[n];
        long[] totals = new long[n];
        Map<Long, Long> sums = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Frozen payout = payouts.get(i);
            if (payout.totalUnits() <= 0) {
                throw new IllegalArgumentException("a payout freezes a positive total, not " + payout.totalUnits());
            }
            tradeIds[i] = payout.tradeId();
            merchantIds[i] = payout.merchantId();
            totals[i] = payout.totalUnits();
            sums.put(payout.merchantId(), addExact(sums.getOrDefault(payout.merchantId(), 0L), payout.totalUnits(),
                    "the payouts of merchant " + payout.merchantId() + " frozen together"));
        }
        return new Freeze(sums, tradeIds, merchantIds, totals);
    }

    /**
     * Several payouts' freeze, of any merchants, as CTEs of the caller's statement ({@link #freezeForPayouts} is it
     * alone): {@link #bindTo} defines {@code <freeze>} and binds it, {@link #FROZEN_ACCOUNTS} is the expression the
     * caller selects and hands to {@link #check}, in the transaction that holds the merchants' AVAILABLE locks.
     * Immutable.
     */
    public static final class Freeze {
        /** What the statement selects for {@link #check}. */
        public static final String FROZEN_ACCOUNTS = LedgerRepository.FROZEN_ACCOUNTS;

        /** Merchant id → the sum it freezes. */
        private final Map<Long, Long> sums;
        private final long[] tradeIds;
        private final long[] merchantIds;
        private final long[] totals;

        private Freeze(Map<Long, Long> sums, long[] tradeIds, long[] merchantIds, long[] totals) {
            this.sums = Map.copyOf(sums);
            this.tradeIds = tradeIds;
            this.merchantIds = merchantIds;
            this.totals = totals;
        }

        public void bindTo(SqlStatement<?> statement) {
            statement.define("freeze", LedgerRepository.FREEZE);
            LedgerRepository.bindFreeze(statement, tradeIds.clone(), merchantIds.clone(), totals.clone());
        }

        /**
         * Throws (so the caller's transaction rolls back) unless both balances of every merchant moved, or nothing
         * was to freeze.
         */
        public void check(long accountsUpdated) {
            if (accountsUpdated != 2L * sums.size()) {
                throw new IllegalStateException("ledger invariant: the AVAILABLE of one of the merchants (merchant id"
                        + " → sum frozen) " + new TreeMap<>(sums) + " would go negative (" + accountsUpdated + " of "
                        + 2 * sums.size() + " accounts updated)");
            }
        }

        /** The error of the statement that wrote this freeze, named when it is a balance out of range. */
        public RuntimeException refusal(RuntimeException error) {
            return LedgerRepository.isOutOfRange(error) ? new LedgerOverflowException("the FROZEN balance") : error;
        }
    }

    /**
     * The journal of a payout's success, to be written with the trade's change ({@link Movement}): FROZEN −(amount +
     * fee) → CLEARING +amount, FEES +fee (scale-4 units).
     */
    public Movement payoutSuccess(Handle handle, long merchantId, String currency, String channel, long amountUnits,
                                  long feeUnits) {
        long totalUnits = addExact(amountUnits, feeUnits, "the payout");
        return new Movement(JournalKind.PAYOUT_SUCCESS, merchantId, List.of(
                Line.merchant(Kind.FROZEN, -totalUnits),
                Line.platform(platform(handle, Kind.CHANNEL_CLEARING, channel, currency), amountUnits),
                Line.platform(platform(handle, Kind.FEES, "", currency), feeUnits)));
    }

    /**
     * The journal of a payout's failure (FROZEN → AVAILABLE, everything back: {@code frozenUnits} is amount + fee),
     * to be written with the trade's change. Its lines name FROZEN first; the statement still locks AVAILABLE first
     * (see {@code LedgerRepository.MOVEMENT_AFTER_T}), whatever the order of the lines.
     */
    public Movement payoutFailure(long merchantId, long frozenUnits) {
        return new Movement(JournalKind.PAYOUT_FAILURE, merchantId, List.of(
                Line.merchant(Kind.FROZEN, -frozenUnits), Line.merchant(Kind.AVAILABLE, frozenUnits)));
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
     * A trade's journal (its kind, the merchant, lines that sum to zero: double entry by construction), built before
     * the statement that writes it, so that the trade's change and its ledger movement are one statement (DESIGN §5):
     * {@link #bindTo} puts the ledger's CTEs (defined attribute {@code ledger}) after the statement's CTE {@code t},
     * which holds the changed trade's {@code id}, or no row when the change does not apply (then nothing moves). A
     * merchant balance that would go negative, or any other broken rule, aborts the whole statement;
     * {@link #refusal} names it. {@link #NONE} moves nothing (a failed pay-in). Immutable.
     */
    public static final class Movement {
        /** The ledger's CTEs, to follow a CTE {@code t} in a statement's text (what {@code <ledger>} stands for). */
        public static final String AFTER_T = LedgerRepository.MOVEMENT_AFTER_T;

        /** No journal: nothing moves. */
        public static final Movement NONE = new Movement(null, 0, List.of());

        private final JournalKind kind;
        private final long merchantId;
        private final long[] accounts;
        private final String[] kinds;
        private final long[] amounts;

        private Movement(JournalKind kind, long merchantId, List<Line> lines) {
            this.kind = kind;
            this.merchantId = merchantId;
            this.accounts = new long[lines.size()];
            this.kinds = new String[lines.size()];
            this.amounts = new long[lines.size()];
            long sum = 0;
            for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                sum = addExact(sum, line.amount(), "the journal " + kind);
                accounts[i] = line.accountId();
                kinds[i] = line.kind() == null ? "" : line.kind().name();
                amounts[i] = line.amount();
            }
            if (sum != 0) {
                throw new IllegalStateException("journal " + kind + " does not balance: " + sum);
            }
        }

        /** Defines {@code <ledger>} (the ledger's CTEs, to follow a CTE {@code t}) and binds their parameters. */
        public void bindTo(SqlStatement<?> statement) {
            statement.define("ledger", AFTER_T);
            bindTo(statement::bind);
        }

        /** Binds the parameters of {@link #AFTER_T}, for a statement that has its text inline ({@code db.RawSql}). */
        public void bindTo(BiConsumer<String, Object> bind) {
            LedgerRepository.bind(bind, kind == null ? null : kind.name(), merchantId, accounts.clone(),
                    kinds.clone(), amounts.clone());
        }

        /** The error of a statement that wrote this movement, named when the ledger refused it. */
        public RuntimeException refusal(RuntimeException error) {
            if (LedgerRepository.isOutOfRange(error)) {
                return new LedgerOverflowException("a balance of merchant " + merchantId);
            }
            if (LedgerRepository.isCheckViolation(error)) {
                return new IllegalStateException("ledger invariant: journal " + kind + " would make a balance of "
                        + "merchant " + merchantId + " negative", error);
            }
            return error;
        }
    }

    /**
     * A trade's journal in a statement of its own, without the trade's change (results write theirs inside
     * {@code TradeRepository.finish}); for tests of the ledger alone. In the caller's handle.
     */
    public void write(Handle handle, long tradeId, Movement movement) {
        try {
            repository.movement(handle, tradeId, movement);
        } catch (RuntimeException e) {
            throw movement.refusal(e);
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
