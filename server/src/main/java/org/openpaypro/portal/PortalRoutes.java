package org.openpaypro.portal;

import io.javalin.Javalin;
import org.openpaypro.ledger.LedgerService;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.merchant.MerchantUsers;
import org.openpaypro.web.Web;

/**
 * The merchant portal ({@code /portal}, DESIGN §15): builds its page groups from the services App hands over and
 * registers them. Thread-safe once registered.
 */
public final class PortalRoutes {
    private final Portal portal;
    private final MerchantService merchants;
    private final LedgerService ledger;

    public PortalRoutes(Web web, MerchantUsers users, MerchantService merchants, LedgerService ledger) {
        this.portal = new Portal(web, users, merchants);
        this.merchants = merchants;
        this.ledger = ledger;
    }

    public void register(Javalin app) {
        new LoginRoutes(portal).register(app);
        new HomeRoutes(portal, merchants, ledger, signed -> null).register(app);
    }
}
