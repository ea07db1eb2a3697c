package org.openpaypro.console;

import io.javalin.Javalin;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.access.AuditLog;
import org.openpaypro.access.Operators;
import org.openpaypro.country.Countries;
import org.openpaypro.ledger.LedgerCheck;
import org.openpaypro.ledger.LedgerService;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.merchant.MerchantUsers;
import org.openpaypro.notify.NotifyDispatcher;
import org.openpaypro.notify.NotifyUrlPolicy;
import org.openpaypro.reports.OperatorDashboard;
import org.openpaypro.reports.Statistics;
import org.openpaypro.reports.TradeDetails;
import org.openpaypro.reports.TradeSearch;
import org.openpaypro.settlement.SettlementService;
import org.openpaypro.trade.TradeService;
import org.openpaypro.web.Web;

/**
 * The operator console ({@code /console}, DESIGN §15) on the shared web foundation: builds its pages from the
 * services the operator API uses and registers them. The one entry point {@code App} calls. Thread-safe.
 */
public final class ConsoleRoutes {
    /** The services the console pages call; the same instances as the operator API's. */
    public record Services(Jdbi jdbi, AuditLog audit, Operators operators, MerchantService merchants,
                           MerchantUsers merchantUsers, LedgerService ledger, LedgerCheck ledgerCheck,
                           SettlementService settlement, TradeService trades, NotifyDispatcher dispatcher,
                           Countries countries, NotifyUrlPolicy notifyUrls, TradeSearch tradeSearch, boolean sandbox) {
    }

    private final Web web;
    private final Services services;

    public ConsoleRoutes(Web web, Services services) {
        this.web = web;
        this.services = services;
    }

    public void register(Javalin app) {
        Services s = services;
        Console console = new Console(web, new OperatorLogins(s.operators()));
        Statistics statistics = new Statistics(s.jdbi(), Clock.systemUTC());
        new LoginPages(console).register(app);
        new DashboardPage(console, new OperatorDashboard(s.jdbi(), statistics, s.ledgerCheck(), Clock.systemUTC()),
                s.ledgerCheck()).register(app);
        new MerchantPages(console, s.merchants(), s.merchantUsers(), s.ledger(), s.countries(),
                s.notifyUrls()).register(app);
        new TradePages(console, s.tradeSearch(), new TradeDetails(s.jdbi()), s.merchants(), s.trades(),
                s.dispatcher(), s.sandbox()).register(app);
        new MoneyPages(console, s.ledger(), s.settlement(), s.merchants()).register(app);
        new AdminPages(console, s.jdbi(), s.operators(), s.audit()).register(app);
    }
}
