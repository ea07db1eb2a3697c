package org.openpaypro.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The stylesheet, the one small script and the icon of the portal and the console, served by the gateway itself
 * (no CDN: the CSP allows only {@code 'self'}). A fixed list read once from the classpath ({@code /web/static/}):
 * no path from the request ever reaches the file system. Immutable after construction, thread-safe.
 */
final class StaticAssets {
    private static final Map<String, String> TYPES = Map.of(
            "app.css", "text/css; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "favicon.ico", "image/x-icon");

    private final Map<String, byte[]> files;
    private final java.util.function.Consumer<Context> notFound;

    StaticAssets(java.util.function.Consumer<Context> notFound) {
        this.notFound = notFound;
        Map<String, byte[]> loaded = new java.util.HashMap<>();
        TYPES.keySet().forEach(name -> loaded.put(name, read(name)));
        this.files = Map.copyOf(loaded);
    }

    void register(Javalin app) {
        app.get("/favicon.ico", ctx -> serve(ctx, "favicon.ico"));
        app.get("/static/{file}", ctx -> serve(ctx, ctx.pathParam("file")));
    }

    private void serve(Context ctx, String name) {
        byte[] body = files.get(name);
        if (body == null) {
            notFound.accept(ctx);
            return;
        }
        ctx.header("Cache-Control", "public, max-age=300").contentType(TYPES.get(name)).result(body);
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticAssets.class.getResourceAsStream("/web/static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /web/static/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
