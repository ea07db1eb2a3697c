package org.openpaypro.channel;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * What the channel feature knows about one trade, for the operator's trade view (DESIGN §9): every call that asked a
 * rail to create it, and a payout's submission-queue row. Read-only; thread-safe.
 */
public final class TradeSubmissions {
    private final Jdbi jdbi;
    private final ChannelAttemptRepository attempts = new ChannelAttemptRepository();
    private final SubmissionRepository queue = new SubmissionRepository();

    public TradeSubmissions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Map<String, Object>> attempts(long tradeId) {
        return jdbi.withHandle(handle -> attempts.list(handle, tradeId));
    }

    /** The payout's submission-queue row (state, channel, sends, idempotency key). */
    public Map<String, Object> queueRow(long tradeId) {
        return jdbi.withHandle(handle -> queue.describe(handle, tradeId));
    }
}
