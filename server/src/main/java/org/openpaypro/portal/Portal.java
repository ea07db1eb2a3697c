package org.openpaypro.portal;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.openpaypro.access.Actor;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.merchant.MerchantUsers;
import org.openpaypro.web.Area;
import org.openpaypro.web.Frame;
import org.openpaypro.web.NavLink;
import org.openpaypro.web.Web;
import org.openpaypro.web.WebSession;

/**
 * What every portal page needs first: the signed-in merchant user of this browser and their merchant, or a
 * redirect (to the login page when there is no live session, to the first-password or TOTP page while those are
 * due), the navigation of DESIGN §15, and the role rules of §14 ({@code VIEWER} reads, {@code DEVELOPER} also
 * changes developer settings, {@code OWNER} everything). Thread-safe.
 */
final class Portal {
    static final String HOME = "/portal";

    /** A signed-in user with their merchant, for one request. */
    record Signed(WebSession session, MerchantUsers.User user, Merchant merchant, String address) {
        boolean canDevelop() {
            return user.role() != MerchantUsers.Role.VIEWER;
        }

        boolean isOwner() {
            return user.role() == MerchantUsers.Role.OWNER;
        }

        /** Who the audit trail names for a change made in the portal: {@code portal:<email>}. */
        Actor actor() {
            return new Actor("portal:" + user.email(), null, address);
        }
    }

    private final Web web;
    private final MerchantUsers users;
    private final MerchantService merchants;

    Portal(Web web, MerchantUsers users, MerchantService merchants) {
        this.web = web;
        this.users = users;
        this.merchants = merchants;
    }

    Web web() {
        return web;
    }

    MerchantUsers users() {
        return users;
    }

    /**
     * The signed-in user, fully through login (password changed, TOTP enrolled when required); otherwise answers
     * with the redirect and returns empty.
     */
    Optional<Signed> require(Context ctx) {
        Optional<Signed> signed = signedIn(ctx);
        if (signed.isEmpty()) {
            ctx.redirect(Area.PORTAL.loginPath() + (ctx.cookie(Area.PORTAL.cookieName()) != null
                    ? "?notice=ended" : ""));
            return Optional.empty();
        }
        if (signed.get().user().mustChangePassword()) {
            ctx.redirect(LoginRoutes.PASSWORD);
            return Optional.empty();
        }
        if (signed.get().merchant().totpRequired() && !signed.get().user().totpEnabled()) {
            ctx.redirect(LoginRoutes.TOTP);
            return Optional.empty();
        }
        return signed;
    }

    /** The signed-in user whatever is still due (the first-password and TOTP pages themselves use this). */
    Optional<Signed> signedIn(Context ctx) {
        return web.sessions().current(ctx, Area.PORTAL).flatMap(session -> users.findById(session.subjectId())
                .flatMap(user -> merchants.findById(user.merchantId()).filter(Merchant::active)
                        .map(merchant -> new Signed(session, user, merchant, web.clientAddress(ctx)))));
    }

    /** The layout of a portal page; {@code current} is the navigation entry it belongs to (null: none). */
    Frame frame(Signed signed, String title, String current) {
        List<NavLink> nav = List.of(
                new NavLink("Home", HOME, "Home".equals(current)),
                new NavLink("Trades", "/portal/trades", "Trades".equals(current)),
                new NavLink("Settlement", "/portal/settlement", "Settlement".equals(current)),
                new NavLink("Developers", "/portal/developers", "Developers".equals(current)),
                new NavLink("Team", "/portal/team", "Team".equals(current)));
        return web.frame(signed.session(), title, signed.user().email() + " · " + signed.merchant().name(), nav);
    }

    /** Answers 403 with the error page: the user's role does not allow this. */
    void forbidden(Context ctx, String what) {
        web.error(ctx, 403, "Your role does not allow you to " + what + ". Ask an owner of your merchant account.");
    }

    /** A trimmed form field, null when absent or blank; longer than {@code maxLength} counts as absent. */
    static String field(Context ctx, String name, int maxLength) {
        String value = ctx.formParam(name);
        if (value == null || value.isBlank() || value.length() > maxLength) {
            return null;
        }
        return value.trim();
    }
}
