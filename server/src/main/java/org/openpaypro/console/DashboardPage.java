package org.openpaypro.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import org.openpaypro.access.AccessPolicy.Rule;
import org.openpaypro.console.ConsoleViews.DashboardView;
import org.openpaypro.ledger.LedgerCheck;
import org.openpaypro.reports.OperatorDashboard;

/**
 * The console's first page: volumes and success rate per country and channel over the last 24 hours, the notify
 * backlog and its oldest pending callback, trades still processing, the last ledger check (and a button to run it
 * now). Thread-safe.
 */
final class DashboardPage {
    private final Console console;
    private final OperatorDashboard dashboard;
    private final LedgerCheck ledgerCheck;

    DashboardPage(Console console, OperatorDashboard dashboard, LedgerCheck ledgerCheck) {
        this.console = console;
        this.dashboard = dashboard;
        this.ledgerCheck = ledgerCheck;
    }

    void register(Javalin app) {
        app.get(Console.HOME, console.web().page(this::show));
        app.post("/console/ledger/check", console.web().page(this::check));
    }

    private void show(Context ctx) {
        Optional<Console.Signed> signed = console.require(ctx);
        if (signed.isEmpty()) {
            return;
        }
        OperatorDashboard.Numbers numbers = dashboard.numbers();
        String age = numbers.oldestPendingCallback() == null ? null
                : human(Duration.between(numbers.oldestPendingCallback(), numbers.at()));
        var frame = console.frame(signed.get(), "Dashboard", "Dashboard");
        String notice = "password".equals(ctx.queryParam("notice")) ? "Your password was changed." : null;
        console.web().pages().render(ctx, "console/dashboard.jte", notice == null ? frame : frame.withNotice(notice),
                new DashboardView(numbers, age));
    }

    /** Runs the ledger check now (a read: every role may), then shows the dashboard with its result. */
    private void check(Context ctx) {
        if (console.require(ctx, Rule.READ, "run the ledger check").isEmpty()) {
            return;
        }
        ledgerCheck.run();
        ctx.redirect(Console.HOME);
    }

    static String human(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min";
        }
        return seconds / 3600 + " h";
    }
}
