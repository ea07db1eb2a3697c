package org.openpaypro.trade;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.channel.PayoutRequest;
import org.openpaypro.channel.SubmissionRepository;
import org.openpaypro.db.GroupCommit;
import org.openpaypro.error.Rejection;
import org.openpaypro.ledger.Ledger;

/**
 * Accepts payouts in batches through the shared {@link GroupCommit}, one lane for all merchants (as pay-in creates
 * do), so that payouts spread over many merchants share commits as a hot merchant's do. One batch is one
 * transaction of two statements whatever its size and its number of merchants: the locks of the AVAILABLE accounts
 * of every merchant in the batch, taken in merchant-id order (so that the batches of two nodes never deadlock) and
 * all held before any row is written, with the insert of the trades (duplicates skipped)
 * ({@link TradeRepository#insertPayouts}); then the freeze of everything accepted (each merchant's two balances and
 * one journal per trade, {@link Ledger.Freeze}), the submission-queue rows (DESIGN §13: the rail hears of a payout
 * only after its commit) and the removal of the refused ones' rows ({@link TradeRepository#acceptPayouts}). Each
 * merchant's payouts are accepted in arrival order while its funds last; one that does not fit is refused
 * ({@code INSUFFICIENT_BALANCE}), a tradeNo already used is refused ({@code DUPLICATE_TRADE_NO}), each on its own,
 * and nothing stays written for a refused one. A payout is acknowledged only after its commit; a batch that fails as
 * a whole (a statement error) fails every payout in it. The AVAILABLE locks keep batches of several nodes apart and
 * balances never go negative. Under light load a batch holds one payout. Thread-safe.
 */
public final class PayoutWriter {
    static final int MAX_BATCH = 256;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Jdbi jdbi;
    private final TradeRepository trades;
    private final Ledger ledger;
    private final GroupCommit<Boolean, Draft, Outcome> batches;

    /** A payout to write: its trade and what it freezes (amount + fee, scale-4 units). */
    record Draft(NewTrade trade, long totalUnits) {
    }

    /** What happened to one payout of a batch: stored (then {@code trade}) or refused (then {@code refusal}). */
    record Outcome(Trade trade, Rejection refusal) {
        static Outcome stored(Trade trade) {
            return new Outcome(trade, null);
        }

        static Outcome refused(Rejection refusal) {
            return new Outcome(null, refusal);
        }
    }

    public PayoutWriter(Jdbi jdbi, TradeRepository trades, Ledger ledger) {
        this.jdbi = jdbi;
        this.trades = trades;
        this.ledger = ledger;
        this.batches = new GroupCommit<>(MAX_BATCH, WAIT, this::write);
    }

    /** Creates the payout and freezes {@code totalUnits}; throws the catalogued rejection when refused. */
    public Trade create(NewTrade trade, long totalUnits) {
        Outcome outcome = batches.submit(Boolean.TRUE, new Draft(trade, totalUnits));
        if (outcome.refusal() != null) {
            throw outcome.refusal().with();
        }
        return outcome.trade();
    }

    /** The payout as its rail sees it, with the idempotency key derived from its trade number. */
    static PayoutRequest request(Trade trade) {
        return new PayoutRequest(trade.platformTradeNo(), SubmissionRepository.idempotencyKey(trade.platformTradeNo()),
                trade.country(), trade.currency(), TradeService.major(trade.amountUnits()), trade.remark(),
                trade.details());
    }

    /** One batch, of any merchants, in one transaction. */
    List<Outcome> write(List<Draft> batch) {
        return jdbi.inTransaction(handle -> {
            TradeRepository.LockedInsert locked = trades.insertPayouts(handle,
                    batch.stream().map(Draft::trade).toList());
            Map<Long, Long> available = new HashMap<>(locked.available());
            Map<String, Trade> inserted = new HashMap<>();
            for (Trade trade : locked.inserted()) {
                inserted.put(trade.platformTradeNo(), trade);
            }
            List<Outcome> outcomes = new ArrayList<>(batch.size());
            List<Ledger.Frozen> frozen = new ArrayList<>();
            List<Long> refused = new ArrayList<>();
            List<SubmissionRepository.Queued> queued = new ArrayList<>();
            for (Draft draft : batch) {
                Trade trade = inserted.get(draft.trade().platformTradeNo());
                if (trade == null) {
                    outcomes.add(Outcome.refused(Rejection.DUPLICATE_TRADE_NO));
                    continue;
                }
                long left = available.get(trade.merchantId());
                if (draft.totalUnits() <= left) {
                    available.put(trade.merchantId(), left - draft.totalUnits());
                    frozen.add(new Ledger.Frozen(trade.id(), trade.merchantId(), draft.totalUnits()));
                    queued.add(new SubmissionRepository.Queued(trade.id(), trade.channel(), request(trade)));
                    outcomes.add(Outcome.stored(trade));
                } else {
                    refused.add(trade.id());
                    outcomes.add(Outcome.refused(Rejection.INSUFFICIENT_BALANCE));
                }
            }
            if (!inserted.isEmpty()) {
                Ledger.Freeze freeze = ledger.freeze(frozen);
                try {
                    freeze.check(trades.acceptPayouts(handle, freeze,
                            statement -> SubmissionRepository.enqueue(statement, queued), refused));
                } catch (RuntimeException e) {
                    throw freeze.refusal(e);
                }
            }
            return outcomes;
        });
    }
}
