package org.openpaypro.console;

import java.util.List;
import org.openpaypro.access.AuditLog;
import org.openpaypro.access.Operators;
import org.openpaypro.ledger.LedgerService;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.reports.OperatorDashboard;
import org.openpaypro.reports.TradeDetail;
import org.openpaypro.reports.TradeFilter;
import org.openpaypro.reports.TradePage;

/**
 * The view records the console's templates read (public: the precompiled templates live in jte's own package).
 * Routes build them from services; money arrives as text formatted by the web foundation's {@code Money}.
 * Immutable.
 */
public final class ConsoleViews {
    private ConsoleViews() {
    }

    /** The login form: the email to keep after a refusal. */
    public record LoginView(String email) {
    }

    /** The dashboard: the numbers and whether the operator may run the ledger check. */
    public record DashboardView(OperatorDashboard.Numbers numbers, String oldestPendingAge) {
    }

    /** The merchants page: search text, what it found, the countries for the create form, a just-shown secret. */
    public record MerchantsView(String query, List<Merchant> merchants, List<String> countries, boolean canManage,
                                Merchant created, String createdSecret) {
    }

    /** One merchant: its settings, balances, users, and what the operator may do. */
    public record MerchantView(Merchant merchant, String available, String frozen, String unsettled,
                               List<String[]> users, boolean canManage, boolean canMoveMoney, String payinFeeRate,
                               String payoutFeeRate, String createdUser, String createdPassword) {
    }

    /** The trades page: the filter as typed, the page, the links of the next page and the export. */
    public record TradesView(TradeFilter filter, String merchantNo, TradePage page, String nextHref,
                             String exportHref) {
    }

    /** One trade: detail, and which actions show. */
    public record TradeView(TradeDetail detail, boolean canResend, boolean canComplete) {
    }

    /** Adjustments: the queue, who is looking (own requests cannot be approved), money rights. */
    public record AdjustmentsView(List<LedgerService.Request> pending, List<LedgerService.Request> decided,
                                  String operatorEmail, boolean canMoveMoney) {
    }

    /** The audit trail page: filters as typed, entries, the next page's link. */
    public record AuditView(String actor, String action, String target, List<AuditLog.Entry> entries,
                            String nextHref) {
    }

    /** Operators: the list, the tokens of the one chosen, a just-shown password or token. */
    public record OperatorsView(List<Operators.Operator> operators, boolean canManage, String tokensOf,
                                List<Operators.Token> tokens, String shownLabel, String shownSecret) {
    }
}
