package org.openpaypro.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.openpaypro.access.AccessPolicy;
import org.openpaypro.access.Actor;
import org.openpaypro.access.FailedAuthThrottle;
import org.openpaypro.access.Operators;
import org.openpaypro.error.AdminError;

/**
 * Who may call the operator and sandbox API. {@link #authenticate} (before every {@code /admin} and {@code /sandbox}
 * request) accepts the bootstrap token (constant-time, acting as {@code OWNER}) or an operator's personal token and
 * stores the {@link Actor} as a context attribute; a missing or unknown token is a 401, or a 429 once the address
 * has failed too often ({@link FailedAuthThrottle}). {@link #authorize} (before the matched route runs) checks the
 * actor's role against {@link AccessPolicy}: a 403 there happens before any handler, so nothing is written.
 * Thread-safe.
 */
public final class AdminAuth {
    private static final String ACTOR = "openpaypro.actor";
    private static final String PREFIX = "Bearer ";

    private final byte[] bootstrapToken;
    private final Operators operators;
    private final FailedAuthThrottle throttle;

    public AdminAuth(String bootstrapToken, Operators operators, FailedAuthThrottle throttle) {
        this.bootstrapToken = bootstrapToken.getBytes(StandardCharsets.UTF_8);
        this.operators = operators;
        this.throttle = throttle;
    }

    public void authenticate(Context ctx) {
        String address = ctx.ip();
        Optional<Actor> actor = presentedToken(ctx).flatMap(token -> identify(token, address));
        if (actor.isEmpty()) {
            long retryAfterSeconds = throttle.failed(address);
            if (retryAfterSeconds > 0) {
                ctx.header("Retry-After", Long.toString(retryAfterSeconds));
                throw AdminError.AUTH_THROTTLED.with(address, retryAfterSeconds);
            }
            throw AdminError.UNAUTHENTICATED.with();
        }
        ctx.attribute(ACTOR, actor.get());
    }

    /** Runs once a route matched: the actor's role must be allowed on that route's template. */
    public void authorize(Context ctx) {
        Actor actor = actor(ctx);
        String method = ctx.method().name();
        String template = ctx.endpointHandlerPath();
        if (!AccessPolicy.allows(actor.role(), method, template)) {
            String needed = AccessPolicy.rule(method, template).map(rule -> rule.roles().stream()
                    .map(Enum::name).sorted().toList().toString()).orElse("[OWNER]");
            throw AdminError.ROLE_FORBIDDEN.with(actor.role(), method, template, needed);
        }
    }

    private Optional<Actor> identify(String token, String address) {
        if (MessageDigest.isEqual(bootstrapToken, token.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(Actor.bootstrap(address));
        }
        return operators.authenticate(token, address);
    }

    private static Optional<String> presentedToken(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(PREFIX.length()).trim());
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
