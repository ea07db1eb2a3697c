package org.openpaypro.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import org.openpaypro.console.ConsoleViews.LoginView;
import org.openpaypro.web.Area;
import org.openpaypro.web.Frame;

/**
 * Getting in and out of the console (DESIGN §15): {@code /console/login} ({@code Email}, {@code Password}), the
 * first-password form ({@code New password}, {@code Repeat new password}) and {@code Log out}. Failed logins count
 * per client address (the web foundation's login throttle, asked before the password is checked); a refusal never
 * says which field was wrong. Thread-safe.
 */
final class LoginPages {
    /** Fixed texts a redirect may ask the login page to show (never text from the request). */
    private static final Map<String, String> NOTICES = Map.of(
            "ended", "Your session has ended. Please log in again.",
            "out", "You are logged out.");

    private final Console console;

    LoginPages(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        var web = console.web();
        app.get(Area.CONSOLE.loginPath(), web.page(this::loginForm));
        app.post(Area.CONSOLE.loginPath(), web.page(this::login));
        app.post(Area.CONSOLE.logoutPath(), web.page(ctx -> {
            web.sessions().end(ctx, Area.CONSOLE);
            ctx.redirect(Area.CONSOLE.loginPath() + "?notice=out");
        }));
        app.get(Console.PASSWORD, web.page(this::passwordForm));
        app.post(Console.PASSWORD, web.page(this::changePassword));
    }

    private void loginForm(Context ctx) {
        if (console.signedIn(ctx).isPresent()) {
            ctx.redirect(Console.HOME);
            return;
        }
        Frame frame = console.web().anonymousFrame(ctx, Area.CONSOLE, "Log in");
        String notice = ctx.queryParam("notice") == null ? null : NOTICES.get(ctx.queryParam("notice"));
        console.web().pages().render(ctx, "console/login.jte", notice == null ? frame : frame.withNotice(notice),
                new LoginView(""));
    }

    private void login(Context ctx) {
        var web = console.web();
        String address = web.clientAddress(ctx);
        String email = Console.field(ctx, "email", 254);
        Frame frame = web.anonymousFrame(ctx, Area.CONSOLE, "Log in");
        LoginView again = new LoginView(email == null ? "" : email);
        long wait = web.loginThrottle().retryAfterSeconds(address);
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            web.pages().render(ctx, 429, "console/login.jte", frame.withError("Too many failed attempts from your "
                    + "address. Wait " + wait + " seconds, then try again."), again);
            return;
        }
        Optional<OperatorLogins.SignedIn> operator = console.logins().login(email, ctx.formParam("password"));
        if (operator.isEmpty()) {
            web.loginThrottle().failed(address);
            web.pages().render(ctx, 401, "console/login.jte", frame.withError("The email or password is not right. "
                    + "Check them and try again."), again);
            return;
        }
        web.sessions().start(ctx, Area.CONSOLE, operator.get().id());
        ctx.redirect(operator.get().mustChangePassword() ? Console.PASSWORD : Console.HOME);
    }

    private void passwordForm(Context ctx) {
        Optional<Console.Signed> signed = console.signedIn(ctx);
        if (signed.isEmpty()) {
            ctx.redirect(Area.CONSOLE.loginPath());
            return;
        }
        Frame frame = console.frame(signed.get(), "Choose your password", null);
        console.web().pages().render(ctx, "console/password.jte", signed.get().operator().mustChangePassword()
                ? frame.withNotice("Your password is temporary. Choose your own to continue.") : frame, null);
    }

    private void changePassword(Context ctx) {
        Optional<Console.Signed> signed = console.signedIn(ctx);
        if (signed.isEmpty()) {
            ctx.redirect(Area.CONSOLE.loginPath());
            return;
        }
        Optional<String> problem = console.logins().changePassword(signed.get().operator(),
                ctx.formParam("newPassword"), ctx.formParam("repeatPassword"), signed.get().address());
        if (problem.isEmpty()) {
            ctx.redirect(Console.HOME + "?notice=password");
            return;
        }
        console.web().pages().render(ctx, 422, "console/password.jte", console.frame(signed.get(),
                "Choose your password", null).withError(problem.get()), null);
    }
}
