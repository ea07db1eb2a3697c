package org.openpaypro.channel.simulator;

import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protects the sandbox cashier against other web sites (issue 10, security 7): the security headers of every
 * cashier answer, the per-trade CSRF token (HMAC-SHA256 of the trade number under a key of its own, derived from the
 * master key by the caller: this class never sees the master key) and the checks of a Pay / Fail POST (JSON only,
 * own Origin, token). Immutable, thread-safe.
 */
public final class CashierGuard {
    static final String TOKEN_HEADER = "X-Cashier-Token";

    private final byte[] key;
    private final String publicOrigin;

    /** The purpose the CSRF key is derived for ({@code SecretBox.derivedKey(masterKey, CSRF_KEY_PURPOSE)}). */
    public static final String CSRF_KEY_PURPOSE = "cashier csrf";

    /**
     * @param csrfKey the key of the cashier's tokens, derived from the master key for {@link #CSRF_KEY_PURPOSE}
     *                (null: a random key, valid in this process only)
     * @param publicUrl the gateway's public URL, whose origin is accepted besides the request's own Host
     */
    public CashierGuard(byte[] csrfKey, String publicUrl) {
        this.key = csrfKey != null ? csrfKey.clone() : random();
        this.publicOrigin = publicUrl == null ? null : origin(publicUrl);
    }

    /** The security headers of every cashier answer (page and POST). */
    static void secureHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CashierPage.CONTENT_SECURITY_POLICY);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    /** The token the page of {@code platformTradeNo} sends back with Pay / Fail. */
    String token(String platformTradeNo) {
        return HexFormat.of().formatHex(hmac(key, "cashier:" + platformTradeNo));
    }

    /** Why this POST is refused (403), or null when it came from the gateway's own page. */
    String refusal(Context ctx, String platformTradeNo) {
        String contentType = ctx.header("Content-Type");
        if (contentType == null || !contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)
                .equals("application/json")) {
            return "the cashier accepts only application/json";
        }
        String origin = ctx.header("Origin");
        String site = ctx.header("Sec-Fetch-Site");
        if (origin == null || !(origin.equalsIgnoreCase(publicOrigin) || origin.equalsIgnoreCase(ownOrigin(ctx)))
                || (site != null && !site.equals("same-origin"))) {
            return "cross-origin request refused: the cashier accepts only its own page";
        }
        String token = ctx.header(TOKEN_HEADER);
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                token(platformTradeNo).getBytes(StandardCharsets.UTF_8))) {
            return "missing or wrong " + TOKEN_HEADER + ": reload the cashier page";
        }
        return null;
    }

    private static String ownOrigin(Context ctx) {
        String host = ctx.header("Host");
        return host == null ? null : ctx.scheme() + "://" + host;
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
