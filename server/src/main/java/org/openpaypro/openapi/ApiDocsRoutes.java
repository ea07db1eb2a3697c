package org.openpaypro.openapi;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import org.openpaypro.error.AdminError;

/**
 * Serves the two OpenAPI documents ({@code /openapi/merchant.json}, {@code /openapi/admin.json}) and the reference
 * page ({@code /docs}: Swagger UI from the webjar on our own classpath, its initializer a served file) under a strict
 * Content-Security-Policy. Public, no token: the documents hold no secret. Each document is built once, on first
 * request (the admin one needs the finished route table). Thread-safe.
 */
public final class ApiDocsRoutes {
    /**
     * Swagger UI 5.34.1 injects one fixed {@code <style>} element; it is allowed by its hash (no {@code
     * 'unsafe-inline'}), so the page runs without a CSP violation (checked in a real Chromium). A new webjar version
     * may need a new hash: the browser console names it.
     */
    static final String CSP = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='; frame-ancestors 'none'";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final Set<String> ASSETS = Set.of("swagger-ui.css", "swagger-ui-bundle.js",
            "swagger-ui-standalone-preset.js", "favicon-16x16.png", "favicon-32x32.png");
    private static final Map<String, String> TYPES = Map.of("css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "png", "image/png", "html", "text/html; charset=utf-8");

    private final Lazy merchant;
    private final Lazy admin;
    private final String webjarVersion = webjarVersion();

    public ApiDocsRoutes(Supplier<Object> merchantDocument, Supplier<Object> adminDocument) {
        this.merchant = new Lazy(merchantDocument);
        this.admin = new Lazy(adminDocument);
    }

    public void register(Javalin app) {
        app.get("/openapi/merchant.json", ctx -> document(ctx, merchant.get()));
        app.get("/openapi/admin.json", ctx -> document(ctx, admin.get()));
        app.get("/docs", ctx -> resource(ctx, "docs/index.html"));
        app.get("/docs/init.js", ctx -> resource(ctx, "docs/init.js"));
        app.get("/docs/assets/{file}", this::asset);
    }

    private static void document(Context ctx, Object document) {
        ctx.header("Content-Security-Policy", CSP).header("Access-Control-Allow-Origin", "*").json(document);
    }

    private void asset(Context ctx) {
        String file = ctx.pathParam("file");
        if (!ASSETS.contains(file)) {
            throw AdminError.DOCS_ASSET_NOT_FOUND.with(file);
        }
        resource(ctx, WEBJAR + webjarVersion + "/" + file);
    }

    private static void resource(Context ctx, String name) {
        InputStream in = ApiDocsRoutes.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw AdminError.DOCS_ASSET_NOT_FOUND.with(name);
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        ctx.header("Content-Security-Policy", CSP).contentType(TYPES.get(extension)).result(in);
    }

    private static String webjarVersion() {
        try (InputStream in = ApiDocsRoutes.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "missing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value computed once, on first use. */
    private static final class Lazy {
        private final Supplier<Object> supplier;
        private volatile Object value;

        Lazy(Supplier<Object> supplier) {
            this.supplier = supplier;
        }

        Object get() {
            Object result = value;
            if (result == null) {
                synchronized (this) {
                    if (value == null) {
                        value = supplier.get();
                    }
                    result = value;
                }
            }
            return result;
        }
    }
}
