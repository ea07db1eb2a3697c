package org.openpaypro.portal;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.openpaypro.portal.PortalViews.SettlementLine;
import org.openpaypro.portal.PortalViews.SettlementView;
import org.openpaypro.protocol.Amounts;
import org.openpaypro.reports.Csv;
import org.openpaypro.reports.SettlementDay;
import org.openpaypro.reports.Statistics;
import org.openpaypro.web.Money;

/**
 * The portal's Settlement page: per UTC day of the last {@value #DAYS} days, how many pay-ins settled, what became
 * available (net of fees) and the fees, from the shared statistics; the same as CSV. Thread-safe.
 */
final class SettlementRoutes {
    static final String PATH = "/portal/settlement";
    static final int DAYS = 90;

    private final Portal portal;
    private final Statistics statistics;

    SettlementRoutes(Portal portal, Statistics statistics) {
        this.portal = portal;
        this.statistics = statistics;
    }

    void register(Javalin app) {
        var web = portal.web();
        app.get(PATH, web.page(ctx -> portal.require(ctx).ifPresent(signed -> {
            LocalDate since = since();
            List<SettlementLine> lines = statistics.settlementDays(signed.merchant().id(), since).stream()
                    .map(day -> new SettlementLine(day.day().toString(), day.trades(),
                            Money.format(day.availableUnits(), day.currency()),
                            Money.format(day.feeUnits(), day.currency()))).toList();
            web.pages().render(ctx, "portal/settlement.jte", portal.frame(signed, "Settlement", "Settlement"),
                    new SettlementView(lines, since.toString()));
        })));
        app.get(PATH + ".csv", web.page(ctx -> portal.require(ctx).ifPresent(signed -> export(ctx, signed))));
    }

    private void export(Context ctx, Portal.Signed signed) {
        List<SettlementDay> days = statistics.settlementDays(signed.merchant().id(), since());
        Csv.download(ctx, "settlement-" + signed.merchant().merchantNo() + ".csv", out -> {
            Csv.line(out, List.of("day", "currency", "trades", "available", "fees"));
            for (SettlementDay day : days) {
                Csv.line(out, List.of(day.day().toString(), day.currency(), Long.toString(day.trades()),
                        Amounts.format(day.availableUnits(), 4), Amounts.format(day.feeUnits(), 4)));
            }
        });
    }

    private static LocalDate since() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(DAYS - 1);
    }
}
