package org.openpaypro.ledger;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.merchant.Merchant;

/** Ledger use cases that are their own transaction: balances, operator adjustments. Thread-safe. */
public final class LedgerService {
    private final Jdbi jdbi;
    private final Ledger ledger;

    public LedgerService(Jdbi jdbi, Ledger ledger) {
        this.jdbi = jdbi;
        this.ledger = ledger;
    }

    public Balances balances(long merchantId) {
        return jdbi.withHandle(handle -> ledger.balances(handle, merchantId));
    }

    /** Credits (positive) or debits (negative) AVAILABLE; empty when a debit exceeds it. */
    public Optional<Balances> adjust(Merchant merchant, long amount, String reason) {
        return jdbi.inTransaction(handle -> {
            if (!ledger.adjust(handle, merchant.id(), merchant.currency(), amount, reason)) {
                handle.rollback();
                return Optional.empty();
            }
            return Optional.of(ledger.balances(handle, merchant.id()));
        });
    }
}
