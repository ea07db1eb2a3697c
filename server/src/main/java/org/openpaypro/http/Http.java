package org.openpaypro.http;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.openpaypro.protocol.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Javalin server and maps every exception to an answer in one place: merchant paths get the envelope
 * (HTTP 200), operator paths {@code {"error": ...}} with a 4xx, and nothing ever shows a stack trace.
 */
public final class Http {
    private static final Logger log = LoggerFactory.getLogger(Http.class);

    private Http() {
    }

    public static Javalin create(int maxBodyBytes) {
        String tooLarge = String.format(Rejection.BODY_TOO_LARGE.template(), maxBodyBytes);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = maxBodyBytes;
            config.http.defaultContentType = "application/json";
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.jetty.threadPool = new QueuedThreadPool(200, 8, 60_000);
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(20_000);
                server.setStopAtShutdown(false);
            });
            config.jetty.modifyServletContextHandler(handler -> handler.insertHandler(new StatisticsHandler()));
        });
        app.exception(ApiException.class, (e, ctx) -> ctx.status(200).json(Envelope.reject(e.rejection().code(),
                e.getMessage())));
        app.exception(AdminException.class, (e, ctx) -> ctx.status(e.status()).json(Map.of("error", e.getMessage())));
        app.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 413 && isMerchantPath(ctx.path())) {
                ctx.status(413).json(Envelope.reject(Rejection.BODY_TOO_LARGE.code(), tooLarge));
            } else if (e.getStatus() == 404 || e.getStatus() == 405) {
                ctx.status(e.getStatus()).json(Map.of("error", "no such endpoint: " + ctx.method() + " " + ctx.path()));
            } else {
                ctx.status(e.getStatus()).json(Map.of("error", e.getMessage()));
            }
        });
        app.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            if (isMerchantPath(ctx.path())) {
                ctx.status(200).json(Envelope.reject(Rejection.OUTCOME_UNKNOWN.code(),
                        Rejection.OUTCOME_UNKNOWN.template()));
            } else {
                ctx.status(500).json(Map.of("error", "internal error, see the server log"));
            }
        });
        return app;
    }

    static boolean isMerchantPath(String path) {
        return !(path.startsWith("/admin/") || path.startsWith("/sandbox/") || path.startsWith("/cashier/")
                || path.equals("/health") || path.equals("/metrics"));
    }
}
