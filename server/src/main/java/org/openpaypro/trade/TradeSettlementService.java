package org.openpaypro.trade;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The trades' side of settlement (DESIGN §5): which merchants have successful pay-ins due at a time, and claiming a
 * batch of them as settled in the caller's transaction (SKIP LOCKED, so concurrent runs never claim a trade twice).
 * The settlement feature moves the money; trade owns its columns. Thread-safe.
 */
public final class TradeSettlementService {
    private final Jdbi jdbi;
    private final TradeSettlementRepository repository = new TradeSettlementRepository();

    public TradeSettlementService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The merchants with at least one pay-in due at {@code asOf} and not settled yet. */
    public List<Long> merchantsDue(Instant asOf) {
        return jdbi.withHandle(handle -> repository.merchantsDue(handle, asOf));
    }

    /** Marks up to {@code limit} of the merchant's due pay-ins settled; their net amounts (scale-4 units). */
    public List<Long> claimDue(Handle handle, long merchantId, Instant asOf, int limit) {
        return repository.claimDue(handle, merchantId, asOf, limit);
    }
}
