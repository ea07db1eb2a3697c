package org.openpaypro.portal;

import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.access.AuditLog;
import org.openpaypro.country.Countries;
import org.openpaypro.protocol.Amounts;
import org.openpaypro.trade.Trade;
import org.openpaypro.trade.TradeCommand;
import org.openpaypro.trade.TradeService;

/**
 * Sandbox only: the Developers page's "Create a test pay-in" button. Creates a pay-in of the merchant through the
 * same service as the merchant API (simulator channel, so its cashier page exists) for the country's minimum
 * amount or 100.00, whichever is more, with the merchant's default notify URL, then writes an audit row. Returns
 * the cashier URL. Thread-safe.
 */
final class TestPayins {
    private static final long DEFAULT_UNITS = 1_000_000L;

    private final TradeService trades;
    private final Countries countries;
    private final Jdbi jdbi;
    private final AuditLog audit;

    TestPayins(TradeService trades, Countries countries, Jdbi jdbi, AuditLog audit) {
        this.trades = trades;
        this.countries = countries;
        this.jdbi = jdbi;
        this.audit = audit;
    }

    String create(Portal.Signed signed) {
        var merchant = signed.merchant();
        long amount = Math.max(DEFAULT_UNITS, countries.get(merchant.country()).minPayinUnits());
        String tradeNo = "portal-test-" + System.currentTimeMillis();
        Trade trade = trades.createPayin(merchant, new TradeCommand(tradeNo, amount, Amounts.formatTrimmed(amount),
                merchant.notifyUrl(), null, "test pay-in from the portal", Map.of()));
        jdbi.useHandle(handle -> audit.write(handle, signed.actor(), "portal.test-payin", merchant.merchantNo(),
                "sandbox pay-in " + trade.platformTradeNo() + " tradeNo " + tradeNo));
        return trade.details().get("paymentUrl");
    }
}
