package org.openpaypro.portal;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Locale;
import org.openpaypro.merchant.MerchantUsers;
import org.openpaypro.portal.PortalViews.Member;
import org.openpaypro.portal.PortalViews.TeamView;
import org.openpaypro.web.Frame;

/**
 * The portal's Team page: every user of the merchant; an {@code OWNER} invites users with a role (the temporary
 * password is shown once, to be handed over out of band) and removes them (their sessions end with them). Every
 * change goes through {@link MerchantUsers}, which writes the audit row. An owner cannot remove themself (a
 * merchant must not lose its last owner by a slip). Thread-safe.
 */
final class TeamRoutes {
    static final String PATH = "/portal/team";

    private final Portal portal;

    TeamRoutes(Portal portal) {
        this.portal = portal;
    }

    void register(Javalin app) {
        var web = portal.web();
        app.get(PATH, web.page(ctx -> portal.require(ctx).ifPresent(signed -> render(ctx, 200,
                notice(ctx, portal.frame(signed, "Team", "Team")), signed, null, null))));
        app.post(PATH + "/invite", web.page(ctx -> portal.require(ctx).ifPresent(signed -> owner(ctx, signed,
                () -> invite(ctx, signed)))));
        app.post(PATH + "/remove", web.page(ctx -> portal.require(ctx).ifPresent(signed -> owner(ctx, signed,
                () -> remove(ctx, signed)))));
    }

    private void owner(Context ctx, Portal.Signed signed, Runnable change) {
        if (!signed.isOwner()) {
            portal.forbidden(ctx, "manage the team");
            return;
        }
        change.run();
    }

    private void invite(Context ctx, Portal.Signed signed) {
        String email = Portal.field(ctx, "email", MerchantUsers.MAX_EMAIL_LENGTH);
        MerchantUsers.Role role = role(ctx.formParam("role"));
        Frame frame = portal.frame(signed, "Team", "Team");
        if (email == null || !MerchantUsers.validEmail(email) || role == null) {
            render(ctx, 422, frame.withError("Enter a valid email and choose a role. Nobody was invited."), signed,
                    null, null);
            return;
        }
        portal.users().create(signed.merchant(), email, role, signed.actor()).ifPresentOrElse(created ->
                render(ctx, 200, frame.withNotice(created.email() + " is invited as " + created.role()
                        + ". Give them the temporary password below: it is shown only now."), signed,
                        created.email(), created.temporaryPassword()),
                () -> render(ctx, 409, frame.withError("That email already has an account (emails are unique on "
                        + "the whole gateway). Nobody was invited."), signed, null, null));
    }

    private void remove(Context ctx, Portal.Signed signed) {
        String email = Portal.field(ctx, "email", MerchantUsers.MAX_EMAIL_LENGTH);
        Frame frame = portal.frame(signed, "Team", "Team");
        if (email == null || email.toLowerCase(Locale.ROOT).equals(signed.user().email())) {
            render(ctx, 422, frame.withError("You cannot remove yourself. Nothing was changed."), signed, null, null);
            return;
        }
        if (!portal.users().remove(signed.merchant(), email, signed.actor())) {
            render(ctx, 404, frame.withError("Your merchant has no user " + email + ". Nothing was changed."),
                    signed, null, null);
            return;
        }
        ctx.redirect(PATH + "?notice=removed");
    }

    private static Frame notice(Context ctx, Frame frame) {
        return "removed".equals(ctx.queryParam("notice")) ? frame.withNotice("The user was removed.") : frame;
    }

    private void render(Context ctx, int status, Frame frame, Portal.Signed signed, String invited,
                        String temporaryPassword) {
        var members = portal.users().list(signed.merchant().id()).stream().map(user -> new Member(user.email(),
                user.role().name(), user.totpEnabled(), user.mustChangePassword())).toList();
        portal.web().pages().render(ctx, status, "portal/team.jte", frame, new TeamView(signed.isOwner(), members,
                invited, temporaryPassword, signed.user().email()));
    }

    private static MerchantUsers.Role role(String text) {
        for (MerchantUsers.Role role : MerchantUsers.Role.values()) {
            if (role.name().equals(text)) {
                return role;
            }
        }
        return null;
    }
}
