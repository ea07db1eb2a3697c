package org.openpaypro.trade;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the trade state machine says the ledger must show, as audit queries for {@code ledger.LedgerCheck} (DESIGN
 * §5): a pay-in's postings match its status, a payout's its status, unsettled and frozen balances equal what the
 * trades say, and a notification exists exactly for finished trades. Trade owns these rules because they state its
 * states (the ledger knows accounts and journals, not pay-ins); they read the ledger's and notify's tables, only
 * inside the check's read-only snapshot. Immutable.
 */
public final class TradeLedgerRules {
    private static final Map<String, String> RULES = new LinkedHashMap<>();

    static {
        RULES.put("trade postings do not match its state", """
                WITH effect AS (
                    SELECT j.trade_id,
                           sum(CASE WHEN a.kind = 'AVAILABLE' THEN p.amount ELSE 0 END) AS available,
                           sum(CASE WHEN a.kind = 'FROZEN' THEN p.amount ELSE 0 END) AS frozen,
                           sum(CASE WHEN a.kind = 'UNSETTLED' THEN p.amount ELSE 0 END) AS unsettled,
                           count(DISTINCT j.id) AS journals
                    FROM journal j JOIN posting p ON p.journal_id = j.id JOIN account a ON a.id = p.account_id
                    WHERE j.trade_id IS NOT NULL GROUP BY j.trade_id)
                SELECT 'trade ' || t.platform_trade_no || ' (' || t.direction || ' ' || t.status || ') has postings '
                       || coalesce(e.available, 0) || '/' || coalesce(e.frozen, 0) || '/' || coalesce(e.unsettled, 0)
                       || ' in ' || coalesce(e.journals, 0) || ' journals'
                FROM trade t LEFT JOIN effect e ON e.trade_id = t.id
                WHERE NOT (
                    (t.direction = 'PAYIN' AND t.status IN ('0015', '00029') AND e.trade_id IS NULL)
                 OR (t.direction = 'PAYIN' AND t.status IN ('0000', '0001') AND e.journals = 1
                     AND e.available = 0 AND e.frozen = 0 AND e.unsettled = t.settle_amount)
                 OR (t.direction = 'PAYOUT' AND t.status = '0015' AND e.journals = 1
                     AND e.available = -(t.amount + t.fee) AND e.frozen = t.amount + t.fee AND e.unsettled = 0)
                 OR (t.direction = 'PAYOUT' AND t.status = '0000' AND e.journals = 2
                     AND e.available = -(t.amount + t.fee) AND e.frozen = 0 AND e.unsettled = 0)
                 OR (t.direction = 'PAYOUT' AND t.status = '00029' AND e.journals = 2
                     AND e.available = 0 AND e.frozen = 0 AND e.unsettled = 0))""");
        RULES.put("unsettled balance differs from unsettled trades", """
                SELECT 'merchant ' || a.merchant_id || ' unsettled ' || a.balance || ' but trades say '
                       || coalesce(u.total, 0)
                FROM account a LEFT JOIN (SELECT merchant_id, sum(settle_amount) AS total FROM trade
                                          WHERE settle_amount IS NOT NULL AND settled_at IS NULL
                                          GROUP BY merchant_id) u ON u.merchant_id = a.merchant_id
                WHERE a.kind = 'UNSETTLED' AND a.balance <> coalesce(u.total, 0)""");
        RULES.put("frozen balance differs from processing payouts", """
                SELECT 'merchant ' || a.merchant_id || ' frozen ' || a.balance || ' but processing payouts say '
                       || coalesce(f.total, 0)
                FROM account a LEFT JOIN (SELECT merchant_id, sum(amount + fee) AS total FROM trade
                                          WHERE direction = 'PAYOUT' AND status = '0015'
                                          GROUP BY merchant_id) f ON f.merchant_id = a.merchant_id
                WHERE a.kind = 'FROZEN' AND a.balance <> coalesce(f.total, 0)""");
        RULES.put("notification missing or premature", """
                SELECT 'trade ' || t.platform_trade_no || ' (' || t.status || ') has '
                       || (SELECT count(*) FROM notification n WHERE n.trade_id = t.id) || ' notifications'
                FROM trade t
                WHERE (t.status <> '0015') <> EXISTS (SELECT 1 FROM notification n WHERE n.trade_id = t.id)""");
    }

    private TradeLedgerRules() {
    }

    /** Rule name → a query returning one line per violation, in the order they are checked. */
    public static Map<String, String> rules() {
        return Collections.unmodifiableMap(RULES);
    }
}
