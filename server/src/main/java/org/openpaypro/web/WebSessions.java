package org.openpaypro.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Server-side sessions of the portal and the console (DESIGN §15), stored in PostgreSQL ({@code web_session}, V13)
 * so every node of a pair sees them and a restart keeps them. The browser holds only a random 256-bit token in an
 * {@code HttpOnly; SameSite=Strict} cookie (plus {@code Secure} behind HTTPS) scoped to the area's path; the table
 * holds its SHA-256. A session ends on logout, after {@code idle} without a request, after {@link #MAX_AGE} in any
 * case, and when its user or operator is deleted (foreign key cascade). A login always starts a new session (no
 * fixation). Its SQL is in {@link WebSessionRepository}. Thread-safe.
 */
public final class WebSessions {
    /** The longest a session lives however active it is. */
    public static final Duration MAX_AGE = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder TOKEN_TEXT = Base64.getUrlEncoder().withoutPadding();

    private final WebSessionRepository repository;
    private final Duration idle;
    private final boolean secureCookies;
    private final Csrf csrf;
    private final Clock clock;

    public WebSessions(Jdbi jdbi, Duration idle, boolean secureCookies, Csrf csrf, Clock clock) {
        this.repository = new WebSessionRepository(jdbi);
        this.idle = idle;
        this.secureCookies = secureCookies;
        this.csrf = csrf;
        this.clock = clock;
    }

    public Duration idle() {
        return idle;
    }

    /** Ends any session this browser holds in {@code area}, starts a new one for {@code subjectId}, sets the cookie. */
    public WebSession start(Context ctx, Area area, long subjectId) {
        end(ctx, area);
        String token = newToken();
        Instant now = clock.instant();
        repository.insert(sha256(token), area, subjectId, now);
        ctx.cookie(cookie(area, token, -1));
        return new WebSession(area, subjectId, csrf.tokenFor(area.name() + ":" + token), now);
    }

    /**
     * The live session of this browser in {@code area}, touched; empty when there is none, or it ended (idle, too
     * old): an ended session is deleted at once.
     */
    public Optional<WebSession> current(Context ctx, Area area) {
        String token = ctx.cookie(area.cookieName());
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        byte[] hash = sha256(token);
        Instant now = clock.instant();
        Optional<WebSessionRepository.Row> row = repository.find(hash, area);
        if (row.isEmpty() || row.get().area() != area) {
            return Optional.empty();
        }
        WebSessionRepository.Row found = row.get();
        if (!now.isBefore(found.lastSeenAt().plus(idle)) || !now.isBefore(found.createdAt().plus(MAX_AGE))) {
            repository.delete(hash);
            return Optional.empty();
        }
        if (Duration.between(found.lastSeenAt(), now).compareTo(touchEvery()) >= 0) {
            repository.touch(hash, now);
        }
        return Optional.of(new WebSession(area, found.subjectId(), csrf.tokenFor(area.name() + ":" + token),
                found.createdAt()));
    }

    /** Ends this browser's session in {@code area} (logout) and clears its cookie. */
    public void end(Context ctx, Area area) {
        String token = ctx.cookie(area.cookieName());
        if (token != null) {
            repository.delete(sha256(token));
            ctx.cookie(cookie(area, "", 0));
        }
    }

    /** Ends every session of one merchant user (password changed elsewhere, user removed). Returns how many. */
    public int endAllOfMerchantUser(long merchantUserId) {
        return repository.deleteAllOfMerchantUser(merchantUserId);
    }

    /** Ends every session of one operator. Returns how many. */
    public int endAllOfOperator(long operatorId) {
        return repository.deleteAllOfOperator(operatorId);
    }

    /** Deletes sessions that ended by time (run periodically; a request never sees them anyway). */
    public int deleteExpired() {
        Instant now = clock.instant();
        return repository.deleteEnded(now.minus(idle), now.minus(MAX_AGE));
    }

    /** A cookie of this area: {@code maxAgeSeconds} -1 for a browser-session cookie, 0 to delete it. */
    Cookie cookie(Area area, String value, int maxAgeSeconds) {
        Cookie cookie = new Cookie(area.cookieName(), value, area.prefix(), maxAgeSeconds, secureCookies);
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        return cookie;
    }

    boolean secureCookies() {
        return secureCookies;
    }

    private Duration touchEvery() {
        Duration quarter = idle.dividedBy(4);
        return quarter.compareTo(Duration.ofMinutes(1)) < 0 ? quarter : Duration.ofMinutes(1);
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return TOKEN_TEXT.encodeToString(bytes);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
