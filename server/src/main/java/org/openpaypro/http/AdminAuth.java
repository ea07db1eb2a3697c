package org.openpaypro.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.openpaypro.access.Actor;

/**
 * The operator API's bearer token check, constant-time. A request that passes carries its {@link Actor} as a
 * context attribute for the route and the audit trail ({@link #actor}). Immutable, thread-safe.
 */
public final class AdminAuth {
    private static final String ACTOR = "openpaypro.actor";

    private final byte[] token;

    public AdminAuth(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public void require(Context ctx) {
        String header = ctx.header("Authorization");
        String prefix = "Bearer ";
        boolean ok = header != null && header.regionMatches(true, 0, prefix, 0, prefix.length())
                && MessageDigest.isEqual(token, header.substring(prefix.length()).trim()
                .getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            throw new AdminException(401, "missing or wrong bearer token");
        }
        ctx.attribute(ACTOR, Actor.bootstrap(ctx.ip()));
    }

    /** Who made this (authenticated) operator call. */
    public static Actor actor(Context ctx) {
        Actor actor = ctx.attribute(ACTOR);
        if (actor == null) {
            throw new IllegalStateException("no authenticated operator on " + ctx.path());
        }
        return actor;
    }
}
