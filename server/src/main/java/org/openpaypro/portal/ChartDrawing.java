package org.openpaypro.portal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openpaypro.portal.PortalViews.Bar;
import org.openpaypro.portal.PortalViews.Chart;
import org.openpaypro.portal.PortalViews.Tick;
import org.openpaypro.reports.DayVolume;
import org.openpaypro.trade.Direction;
import org.openpaypro.web.Money;

/**
 * Draws the home page's 30-day chart as SVG coordinates (no script, no library): per day a pay-in and a payout bar
 * scaled to the largest daily volume, and a line for the success rate of the finished trades (0 to 100 %). Only
 * the merchant's own currency is drawn. Stateless, thread-safe.
 */
final class ChartDrawing {
    static final int WIDTH = 720;
    static final int HEIGHT = 220;
    private static final int LEFT = 40;
    private static final int BOTTOM = 20;
    private static final int TOP = 10;

    private ChartDrawing() {
    }

    static Chart draw(List<DayVolume> volumes, LocalDate firstDay, int days, String currency) {
        Map<String, DayVolume> byKey = new HashMap<>();
        long largest = 1;
        for (DayVolume volume : volumes) {
            if (volume.currency().equals(currency)) {
                byKey.put(volume.day() + "/" + volume.direction(), volume);
                largest = Math.max(largest, volume.volumeUnits());
            }
        }
        int slot = (WIDTH - LEFT) / days;
        int plot = HEIGHT - BOTTOM - TOP;
        List<Bar> bars = new ArrayList<>();
        StringBuilder rate = new StringBuilder();
        List<Tick> ticks = new ArrayList<>();
        long payinTotal = 0;
        long payoutTotal = 0;
        for (int i = 0; i < days; i++) {
            LocalDate day = firstDay.plusDays(i);
            int x = LEFT + i * slot;
            DayVolume payin = byKey.get(day + "/" + Direction.PAYIN);
            DayVolume payout = byKey.get(day + "/" + Direction.PAYOUT);
            payinTotal += payin == null ? 0 : payin.volumeUnits();
            payoutTotal += payout == null ? 0 : payout.volumeUnits();
            bars.add(bar("payin", x + 1, slot / 2 - 1, payin, largest, plot, day, "pay-in", currency));
            bars.add(bar("payout", x + slot / 2, slot / 2 - 1, payout, largest, plot, day, "payout", currency));
            long finished = (payin == null ? 0 : payin.finished()) + (payout == null ? 0 : payout.finished());
            long succeeded = (payin == null ? 0 : payin.succeeded()) + (payout == null ? 0 : payout.succeeded());
            if (finished > 0) {
                int y = TOP + (int) Math.round(plot * (1 - (double) succeeded / finished));
                rate.append(rate.length() == 0 ? "" : " ").append(x + slot / 2).append(',').append(y);
            }
            if (i % 7 == 0 || i == days - 1) {
                ticks.add(new Tick(x, HEIGHT - 5, day.toString().substring(5)));
            }
        }
        ticks.add(new Tick(0, TOP + 10, "100 %"));
        String summary = "Last " + days + " days: pay-ins " + Money.format(payinTotal, currency) + ", payouts "
                + Money.format(payoutTotal, currency) + " (successful trades).";
        return new Chart(WIDTH, HEIGHT, bars, rate.toString(), ticks, summary);
    }

    private static Bar bar(String cssClass, int x, int width, DayVolume volume, long largest, int plot,
                           LocalDate day, String what, String currency) {
        long units = volume == null ? 0 : volume.volumeUnits();
        int height = (int) Math.round((double) plot * units / largest);
        String title = day + " " + what + ": " + Money.format(units, currency) + (volume == null ? ""
                : " in " + volume.succeeded() + " of " + volume.trades() + " trades");
        return new Bar(cssClass, x, TOP + plot - height, Math.max(width, 1), height, title);
    }
}
