package org.openpaypro.reports;

import java.time.Instant;
import java.util.List;
import org.openpaypro.protocol.Amounts;

/**
 * Everything a person needs to see about one trade: the row, what happened when (timeline), every callback attempt
 * with the merchant's answer, and (for operators only) the ledger postings. Immutable.
 */
public record TradeDetail(TradeRow trade, String channelRef, String notifyUrl, Instant settleAt, Instant settledAt,
                          List<Event> timeline, List<CallbackAttempt> callbacks, List<Posting> postings) {
    public TradeDetail {
        timeline = List.copyOf(timeline);
        callbacks = List.copyOf(callbacks);
        postings = List.copyOf(postings);
    }

    /** One moment in the trade's life, in order. */
    public record Event(Instant at, String what) {
    }

    /**
     * One delivery attempt of a callback: the request we sent ({@code requestHeaders}, as {@code CallbackSender}
     * writes them; callbacks carry no cookies) and what the merchant's server answered: HTTP status (null when no
     * answer came), the start of its body as kept by the notifier, or the error.
     */
    public record CallbackAttempt(long notificationId, int attempt, Instant at, String url, Integer httpStatus,
                                  int latencyMs, String answer, String error, boolean delivered, String requestId,
                                  List<String> requestHeaders) {
        public CallbackAttempt {
            requestHeaders = List.copyOf(requestHeaders);
        }
    }

    /** One leg of a journal: the account, signed amount in scale-4 units, and when it was posted. */
    public record Posting(long journalId, String journalKind, String account, long amountUnits, String currency,
                          Instant createdAt) {
        public String amountText() {
            return Amounts.format(amountUnits, 4);
        }
    }
}
