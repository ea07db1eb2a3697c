package org.openpaypro.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.config.Config;
import org.openpaypro.http.ClientAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web foundation shared by the merchant portal and the operator console (DESIGN §15): security headers on
 * every page and asset, the CSRF check of every form post (refused with a readable page, nothing changed), the
 * sessions, the login throttle, templates, static assets, and HTML error pages without stack traces. The portal
 * and console routes register their pages through {@link #page} and build their layout with {@link #frame}.
 * Thread-safe.
 */
public final class Web {
    /** Only the gateway's own files; no inline script or style; no framing; forms post only to the gateway. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** The cookie the login forms' CSRF token is bound to before there is a session. */
    static final String FORM_COOKIE = "opp_form";
    private static final Logger log = LoggerFactory.getLogger(Web.class);

    private final WebSessions sessions;
    private final Csrf csrf;
    private final Pages pages = new Pages();
    private final LoginThrottle loginThrottle;
    private final ClientAddress clientAddress;
    private final boolean secureCookies;

    public Web(Jdbi jdbi, Config config, String masterKey) {
        this.secureCookies = config.publicUrl().startsWith("https://");
        this.csrf = new Csrf(masterKey);
        this.sessions = new WebSessions(jdbi, config.webSessionIdle(), secureCookies, csrf, Clock.systemUTC());
        this.loginThrottle = new LoginThrottle(config.webLoginFailuresPerMinute());
        this.clientAddress = new ClientAddress(config.trustedProxies());
    }

    public void register(Javalin app) {
        app.before(this::guard);
        new StaticAssets(this::notFound).register(app);
        app.error(404, ctx -> {
            if (isWebPath(ctx.path())) {
                notFound(ctx);
            }
        });
    }

    public WebSessions sessions() {
        return sessions;
    }

    public Pages pages() {
        return pages;
    }

    public LoginThrottle loginThrottle() {
        return loginThrottle;
    }

    /** The client address, from {@code X-Forwarded-For} only when the peer is a trusted proxy. */
    public String clientAddress(Context ctx) {
        return clientAddress.resolve(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For")).text();
    }

    /** Wraps a page handler: an unexpected failure is logged and answered with the error page, never a trace. */
    public Handler page(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (Exception e) {
                log.error("page failed on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, "Something went wrong on our side. Nothing you sent was lost: reload the page or "
                        + "try again in a moment.");
            }
        };
    }

    /** The layout of a signed-in page: the area's navigation, who is signed in, the session's CSRF token. */
    public Frame frame(WebSession session, String title, String signedInAs, List<NavLink> nav) {
        return new Frame(session.area(), title, nav, signedInAs, session.csrfToken(), null, null);
    }

    /**
     * The layout of a page shown before signing in (the login forms): its CSRF token is bound to a form cookie,
     * set now when the browser has none.
     */
    public Frame anonymousFrame(Context ctx, Area area, String title) {
        String formCookie = ctx.cookie(FORM_COOKIE);
        if (formCookie == null || formCookie.length() != 43) {
            formCookie = WebSessions.newToken();
            Cookie cookie = new Cookie(FORM_COOKIE, formCookie, area.prefix(), -1, secureCookies);
            cookie.setHttpOnly(true);
            cookie.setSameSite(SameSite.STRICT);
            ctx.cookie(cookie);
        }
        return new Frame(area, title, List.of(), null, csrf.tokenFor(formBinding(area, formCookie)), null, null);
    }

    /** Answers {@code status} with the error page of the request's area. */
    public void error(Context ctx, int status, String message) {
        Area area = areaOf(ctx.path());
        Area shown = area == null ? Area.PORTAL : area;
        String title = switch (status) {
            case 403 -> "Not allowed";
            case 404 -> "Page not found";
            default -> status >= 500 ? "Something went wrong" : "Request refused";
        };
        pages.render(ctx, status, "web/error.jte", new Frame(shown, title, List.of(), null, null, null, null),
                new ErrorView(status, message, shown.prefix(), "Go to the " + shown.displayName().toLowerCase()));
    }

    public void notFound(Context ctx) {
        error(ctx, 404, "There is no page at this address. Check the link, or start again from the home page.");
    }

    /** True for the paths of the portal, the console and their assets. */
    public static boolean isWebPath(String path) {
        return areaOf(path) != null || path.startsWith("/static/") || path.equals("/favicon.ico");
    }

    static Area areaOf(String path) {
        for (Area area : Area.values()) {
            if (path.equals(area.prefix()) || path.startsWith(area.prefix() + "/")) {
                return area;
            }
        }
        return null;
    }

    private void guard(Context ctx) {
        if (!isWebPath(ctx.path())) {
            return;
        }
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Content-Type-Options", "nosniff");
        Area area = areaOf(ctx.path());
        if (area != null && ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD
                && !csrfAccepted(ctx, area)) {
            error(ctx, 403, "This form was not accepted: it was open too long, or it did not come from this site. "
                    + "Nothing was changed. Go back, reload the page and send the form again.");
            ctx.skipRemainingHandlers();
        }
    }

    private boolean csrfAccepted(Context ctx, Area area) {
        String presented;
        try {
            presented = ctx.formParam(Csrf.FIELD);
        } catch (RuntimeException unreadable) {
            return false;
        }
        String session = ctx.cookie(area.cookieName());
        String form = ctx.cookie(FORM_COOKIE);
        return (session != null && csrf.matches(presented, area.name() + ":" + session))
                || (form != null && csrf.matches(presented, formBinding(area, form)));
    }

    private static String formBinding(Area area, String formCookie) {
        return "form:" + area.name() + ":" + formCookie;
    }
}
