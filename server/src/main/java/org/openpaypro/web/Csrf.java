package org.openpaypro.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF tokens for every form of the portal and the console (DESIGN §15). A token is the HMAC-SHA256, under a key
 * derived from the master key, of the cookie it is bound to: the session cookie once signed in, the login-form
 * cookie before. An attacker's page can neither read those {@code HttpOnly} cookies nor make the browser send them
 * ({@code SameSite=Strict}), so it cannot produce a matching token; nothing is stored, and every node of a pair
 * computes the same token. Immutable, thread-safe.
 */
public final class Csrf {
    /** The name of the hidden form field every form carries. */
    public static final String FIELD = "csrf";
    private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    public Csrf(String masterKeyHex) {
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(masterKeyHex.getBytes(StandardCharsets.US_ASCII),
                "HmacSHA256"), "openpaypro web csrf v1"), "HmacSHA256");
    }

    /** The token a form must carry when the browser holds a cookie with this binding. */
    public String tokenFor(String binding) {
        return TEXT.encodeToString(hmac(key, binding));
    }

    /** Constant-time check of a presented token against the one for {@code binding}; false when either is null. */
    public boolean matches(String presented, String binding) {
        if (presented == null || binding == null) {
            return false;
        }
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII),
                tokenFor(binding).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
