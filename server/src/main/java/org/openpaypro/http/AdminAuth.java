package org.openpaypro.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The operator API's bearer token check, constant-time. Immutable, thread-safe. */
public final class AdminAuth {
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
    }
}
