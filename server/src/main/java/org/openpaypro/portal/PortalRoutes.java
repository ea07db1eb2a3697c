package org.openpaypro.portal;

import io.javalin.Javalin;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.access.AuditLog;
import org.openpaypro.config.Config;
import org.openpaypro.country.Countries;
import org.openpaypro.ledger.LedgerService;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.merchant.MerchantUsers;
import org.openpaypro.notify.NotifyDispatcher;
import org.openpaypro.notify.NotifyUrlPolicy;
import org.openpaypro.reports.Statistics;
import org.openpaypro.reports.TradeDetails;
import org.openpaypro.reports.TradeSearch;
import org.openpaypro.trade.TradeService;
import org.openpaypro.web.Web;

/**
 * The merchant portal ({@code /portal}, DESIGN §15): builds its page groups from the services App hands over and
 * registers them. Thread-safe once registered.
 */
public final class PortalRoutes {
    private final Portal portal;
    private final MerchantService merchants;
    private final LedgerService ledger;

    private final Countries countries;
    private final NotifyUrlPolicy notifyUrls;
    private final Config config;
    private final TestPayins testPayins;
    private final Services services;

    public PortalRoutes(Web web, MerchantUsers users, MerchantService merchants, LedgerService ledger,
                        Services services) {
        this.portal = new Portal(web, users, merchants);
        this.merchants = merchants;
        this.ledger = ledger;
        this.countries = services.countries();
        this.notifyUrls = services.notifyUrls();
        this.config = services.config();
        this.services = services;
        this.testPayins = config.sandbox() ? new TestPayins(services.trades(), countries, services.jdbi(),
                services.audit()) : null;
    }

    /** The other services the portal reads or calls, as App holds them. */
    public record Services(Config config, Jdbi jdbi, AuditLog audit, Countries countries, NotifyUrlPolicy notifyUrls,
                           TradeService trades, NotifyDispatcher dispatcher, TradeSearch search) {
    }

    public void register(Javalin app) {
        new LoginRoutes(portal).register(app);
        Statistics statistics = new Statistics(services.jdbi(), java.time.Clock.systemUTC());
        new HomeRoutes(portal, merchants, ledger, signed -> ChartDrawing.draw(statistics.daily(signed.merchant().id()),
                statistics.chartStart(), Statistics.CHART_DAYS, signed.merchant().currency())).register(app);
        new TradeRoutes(portal, services.search(), new TradeDetails(services.jdbi()), services.dispatcher())
                .register(app);
        new SettlementRoutes(portal, statistics).register(app);
        new DeveloperRoutes(portal, merchants, countries, notifyUrls, config.publicUrl(), testPayins).register(app);
        new TeamRoutes(portal).register(app);
    }
}
