package org.openpaypro.portal;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import org.openpaypro.merchant.MerchantUsers;
import org.openpaypro.merchant.MerchantUsers.LoginResult;
import org.openpaypro.portal.PortalViews.LoginView;
import org.openpaypro.portal.PortalViews.TotpView;
import org.openpaypro.web.Area;
import org.openpaypro.web.Frame;

/**
 * Getting in and out of the portal (DESIGN §15): {@code /portal/login} (fields {@code Email}, {@code Password} and,
 * for users with TOTP, {@code Authentication code}), the first-password form ({@code New password}, {@code Repeat
 * new password}), TOTP enrolment, and {@code Log out}. Failed logins count per address ({@code LoginThrottle}) and
 * per account ({@link MerchantUsers}); a refusal never says which field was wrong. Thread-safe.
 */
final class LoginRoutes {
    static final String PASSWORD = "/portal/password";
    static final String TOTP = "/portal/totp";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    /** Fixed texts a redirect may ask the login page to show (never text from the request). */
    private static final Map<String, String> NOTICES = Map.of(
            "ended", "Your session has ended. Please log in again.",
            "out", "You are logged out.",
            "changed", "Your password was changed. Please log in with the new one.");

    private final Portal portal;

    LoginRoutes(Portal portal) {
        this.portal = portal;
    }

    void register(Javalin app) {
        var web = portal.web();
        app.get(Area.PORTAL.loginPath(), web.page(this::loginForm));
        app.post(Area.PORTAL.loginPath(), web.page(this::login));
        app.post(Area.PORTAL.logoutPath(), web.page(ctx -> {
            web.sessions().end(ctx, Area.PORTAL);
            ctx.redirect(Area.PORTAL.loginPath() + "?notice=out");
        }));
        app.get(PASSWORD, web.page(this::passwordForm));
        app.post(PASSWORD, web.page(this::changePassword));
        app.get(TOTP, web.page(ctx -> portal.signedIn(ctx).ifPresentOrElse(signed -> totpPage(ctx, signed,
                null, null), () -> ctx.redirect(Area.PORTAL.loginPath()))));
        app.post(TOTP + "/start", web.page(this::startTotp));
        app.post(TOTP + "/confirm", web.page(this::confirmTotp));
    }

    private void loginForm(Context ctx) {
        if (portal.signedIn(ctx).isPresent()) {
            ctx.redirect(Portal.HOME);
            return;
        }
        Frame frame = portal.web().anonymousFrame(ctx, Area.PORTAL, "Log in");
        String notice = ctx.queryParam("notice") == null ? null : NOTICES.get(ctx.queryParam("notice"));
        portal.web().pages().render(ctx, "portal/login.jte", notice == null ? frame : frame.withNotice(notice),
                new LoginView("", false));
    }

    private void login(Context ctx) {
        var web = portal.web();
        String address = web.clientAddress(ctx);
        String email = Portal.field(ctx, "email", MerchantUsers.MAX_EMAIL_LENGTH);
        Frame frame = web.anonymousFrame(ctx, Area.PORTAL, "Log in");
        LoginView again = new LoginView(email == null ? "" : email, false);
        long wait = web.loginThrottle().retryAfterSeconds(address);
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            web.pages().render(ctx, 429, "portal/login.jte", frame.withError("Too many failed attempts from your "
                    + "address. Wait " + wait + " seconds, then try again."), again);
            return;
        }
        String password = ctx.formParam("password");
        LoginResult result = email == null || password == null ? new LoginResult.Refused()
                : portal.users().login(email, password, Portal.field(ctx, "code", 16), address);
        if (result instanceof LoginResult.LoggedIn in) {
            web.sessions().start(ctx, Area.PORTAL, in.user().id());
            ctx.redirect(in.mustChangePassword() ? PASSWORD : in.mustEnrolTotp() ? TOTP : Portal.HOME);
        } else if (result instanceof LoginResult.SecondFactorRequired) {
            web.pages().render(ctx, "portal/login.jte", frame.withNotice("Enter the code from your authenticator "
                    + "app, with your password again."), new LoginView(email, true));
        } else if (result instanceof LoginResult.Throttled throttled) {
            ctx.header("Retry-After", Long.toString(Math.max(1, throttled.retryAfter().getEpochSecond()
                    - java.time.Instant.now().getEpochSecond())));
            web.pages().render(ctx, 429, "portal/login.jte", frame.withError("Too many failed attempts. Try "
                    + "again after " + TIME.format(throttled.retryAfter()) + "."), again);
        } else {
            web.loginThrottle().failed(address);
            web.pages().render(ctx, 401, "portal/login.jte", frame.withError("The email, password or code is "
                    + "not right. Check them and try again."), again);
        }
    }

    private void passwordForm(Context ctx) {
        Optional<Portal.Signed> signed = portal.signedIn(ctx);
        if (signed.isEmpty()) {
            ctx.redirect(Area.PORTAL.loginPath());
            return;
        }
        if (!signed.get().user().mustChangePassword()) {
            ctx.redirect(Portal.HOME);
            return;
        }
        portal.web().pages().render(ctx, "portal/password.jte", portal.frame(signed.get(), "Choose your password",
                null).withNotice("Your password is temporary. Choose your own to continue."), null);
    }

    private void changePassword(Context ctx) {
        Optional<Portal.Signed> signed = portal.signedIn(ctx);
        if (signed.isEmpty()) {
            ctx.redirect(Area.PORTAL.loginPath());
            return;
        }
        String chosen = ctx.formParam("newPassword");
        String repeated = ctx.formParam("repeatPassword");
        String problem;
        if (chosen == null || !chosen.equals(repeated)) {
            problem = "The two passwords are not the same. Type the same new password twice.";
        } else {
            problem = switch (portal.users().replaceTemporaryPassword(signed.get().user().id(), chosen)) {
                case CHANGED -> null;
                case TOO_SHORT -> "Choose a password of at least " + MerchantUsers.MIN_PASSWORD_LENGTH
                        + " characters.";
                case TOO_LONG -> "Choose a password of at most 128 characters.";
                case UNCHANGED -> "Choose a password other than the temporary one.";
                case REFUSED, THROTTLED -> "Your password is not temporary any more.";
            };
        }
        if (problem == null) {
            ctx.redirect(signed.get().merchant().totpRequired() && !signed.get().user().totpEnabled() ? TOTP
                    : Portal.HOME + "?notice=password");
            return;
        }
        portal.web().pages().render(ctx, 422, "portal/password.jte", portal.frame(signed.get(),
                "Choose your password", null).withError(problem), null);
    }

    private void startTotp(Context ctx) {
        Optional<Portal.Signed> signed = portal.signedIn(ctx);
        if (signed.isEmpty()) {
            ctx.redirect(Area.PORTAL.loginPath());
            return;
        }
        var enrolment = portal.users().beginTotpEnrolment(signed.get().user().email()).orElseThrow();
        totpPage(ctx, signed.get(), enrolment, null);
    }

    private void confirmTotp(Context ctx) {
        Optional<Portal.Signed> signed = portal.signedIn(ctx);
        if (signed.isEmpty()) {
            ctx.redirect(Area.PORTAL.loginPath());
            return;
        }
        String code = Portal.field(ctx, "code", 16);
        if (code != null && portal.users().confirmTotp(signed.get().user().email(), code)) {
            ctx.redirect(Portal.HOME + "?notice=totp");
            return;
        }
        totpPage(ctx, signed.get(), null, "That code is not right for the secret being set up. Start again and "
                + "enter the code your app shows now.");
    }

    private void totpPage(Context ctx, Portal.Signed signed, MerchantUsers.TotpEnrolment enrolment, String problem) {
        Frame frame = portal.frame(signed, "Two-factor authentication", null);
        boolean required = signed.merchant().totpRequired();
        TotpView view = new TotpView(signed.user().totpEnabled(), required,
                enrolment == null ? null : enrolment.secretBase32(), enrolment == null ? null : enrolment.otpauthUri());
        portal.web().pages().render(ctx, problem == null ? 200 : 422, "portal/totp.jte",
                problem == null ? frame : frame.withError(problem), view);
    }
}
