package org.openpaypro.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.access.Actor;
import org.openpaypro.access.AuditLog;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.protocol.Amounts;

/**
 * Ledger use cases that are their own transaction: balances and operator adjustments with four eyes (DESIGN §14).
 * An adjustment whose absolute amount is strictly above the currency's approval limit is stored as a request and
 * moves nothing; only its approval by a second operator moves money. Approval locks the request row
 * ({@code FOR UPDATE}) and moves money in the same transaction that marks it {@code APPLIED}, so concurrent
 * approvals apply it exactly once. Every change writes its audit row in its transaction. Thread-safe.
 */
public final class LedgerService {
    private static final int LIST_LIMIT = 500;

    private final Jdbi jdbi;
    private final Ledger ledger;
    private final Function<String, Long> approvalLimitUnits;
    private final AuditLog audit = new AuditLog();
    private final AdjustmentRepository requests = new AdjustmentRepository();

    /** States of an adjustment request. */
    public enum RequestStatus { PENDING_APPROVAL, APPLIED, REJECTED }

    /** A four-eyes adjustment request; {@code amountUnits} in scale-4 units, negative for a debit. */
    public record Request(long id, String merchantNo, String currency, long amountUnits, String reason,
                          RequestStatus status, String requestedBy, String decidedBy, Instant createdAt,
                          Instant decidedAt) {
    }

    /** What an adjustment call did: applied (balances after), stored for approval, or refused for lack of funds. */
    public record Adjustment(Balances applied, Request pending, boolean insufficient) {
    }

    /** Why a decision on a request was refused (nothing moved). */
    public enum Refusal { NOT_FOUND, FINISHED, OWN_REQUEST, INSUFFICIENT }

    /** A decision's outcome: the request after it, or the refusal. */
    public record Decision(Request request, Refusal refusal) {
    }

    /**
     * @param approvalLimitUnits the four-eyes limit per currency in scale-4 units; null means no approval needed
     */
    public LedgerService(Jdbi jdbi, Ledger ledger, Function<String, Long> approvalLimitUnits) {
        this.jdbi = jdbi;
        this.ledger = ledger;
        this.approvalLimitUnits = approvalLimitUnits;
    }

    public Balances balances(long merchantId) {
        return ledger.balances(jdbi, merchantId);
    }

    /** The postings of one trade's journals, for the operator's trade view. */
    public List<Map<String, Object>> tradePostings(long tradeId) {
        return jdbi.withHandle(handle -> ledger.tradePostings(handle, tradeId));
    }

    /**
     * Credits (positive) or debits (negative) AVAILABLE by {@code amountUnits} (scale-4), or stores a request when
     * above the approval limit.
     */
    public Adjustment adjust(Merchant merchant, long amountUnits, String reason, Actor actor) {
        Long limit = approvalLimitUnits.apply(merchant.currency());
        if (limit != null && Math.abs(amountUnits) > limit) {
            return new Adjustment(null, request(merchant, amountUnits, reason, actor), false);
        }
        return jdbi.inTransaction(handle -> {
            if (!ledger.adjust(handle, merchant.id(), merchant.currency(), amountUnits, reason)) {
                handle.rollback();
                return new Adjustment(null, null, true);
            }
            audit.write(handle, actor, "adjustment.apply", merchant.merchantNo(),
                    summary(amountUnits, merchant.currency(), reason));
            return new Adjustment(ledger.balances(handle, merchant.id()), null, false);
        });
    }

    private Request request(Merchant merchant, long amountUnits, String reason, Actor actor) {
        return jdbi.inTransaction(handle -> {
            long id = requests.insert(handle, merchant.id(), amountUnits, reason, actor.name());
            audit.write(handle, actor, "adjustment.request", merchant.merchantNo(), "request " + id + ": "
                    + summary(amountUnits, merchant.currency(), reason));
            return requests.find(handle, id, false).orElseThrow();
        });
    }

    /** Approves a pending request (never by its author) and moves its money, exactly once. */
    public Decision approve(long id, Actor actor) {
        return jdbi.inTransaction(handle -> {
            Optional<Request> found = requests.find(handle, id, true);
            Refusal refusal = found.isEmpty() ? Refusal.NOT_FOUND
                    : found.get().status() != RequestStatus.PENDING_APPROVAL ? Refusal.FINISHED
                    : found.get().requestedBy().equals(actor.name()) ? Refusal.OWN_REQUEST : null;
            if (refusal != null) {
                return new Decision(found.orElse(null), refusal);
            }
            Request request = found.get();
            long merchantId = requests.merchantId(handle, id);
            if (!ledger.adjust(handle, merchantId, request.currency(), request.amountUnits(), request.reason())) {
                handle.rollback();
                return new Decision(request, Refusal.INSUFFICIENT);
            }
            return new Decision(decide(handle, request, RequestStatus.APPLIED, actor), null);
        });
    }

    /** Rejects a pending request; its author may withdraw it this way. Nothing moves. */
    public Decision reject(long id, Actor actor) {
        return jdbi.inTransaction(handle -> {
            Optional<Request> found = requests.find(handle, id, true);
            if (found.isEmpty()) {
                return new Decision(null, Refusal.NOT_FOUND);
            }
            if (found.get().status() != RequestStatus.PENDING_APPROVAL) {
                return new Decision(found.get(), Refusal.FINISHED);
            }
            return new Decision(decide(handle, found.get(), RequestStatus.REJECTED, actor), null);
        });
    }

    /** Requests in {@code status} (null: all), newest first, at most 500. */
    public List<Request> requests(RequestStatus status) {
        return jdbi.withHandle(handle -> requests.list(handle, status, LIST_LIMIT));
    }

    private Request decide(Handle handle, Request request, RequestStatus status, Actor actor) {
        requests.decide(handle, request.id(), status, actor.name());
        String action = status == RequestStatus.APPLIED ? "adjustment.approve" : "adjustment.reject";
        audit.write(handle, actor, action, request.merchantNo(), "request " + request.id() + " by "
                + request.requestedBy() + ": " + summary(request.amountUnits(), request.currency(), request.reason()));
        return requests.find(handle, request.id(), false).orElseThrow();
    }

    private static String summary(long amountUnits, String currency, String reason) {
        return "amount=" + Amounts.format(amountUnits, 4) + " " + currency + ", reason=" + reason;
    }
}
