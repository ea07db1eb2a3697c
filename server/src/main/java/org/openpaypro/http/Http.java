package org.openpaypro.http;

import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.openpaypro.error.AdminError;
import org.openpaypro.error.AdminException;
import org.openpaypro.error.ApiException;
import org.openpaypro.error.Rejection;
import org.openpaypro.json.Json;
import org.openpaypro.ledger.LedgerOverflowException;
import org.openpaypro.logs.RequestLogging;
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

    public static Javalin create(int maxBodyBytes, Duration bodyDeadline) {
        String tooLarge = String.format(Rejection.BODY_TOO_LARGE.template(), maxBodyBytes);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = maxBodyBytes;
            config.http.defaultContentType = "application/json";
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.jetty.threadPool = new QueuedThreadPool(200, 8, 60_000);
            // Jetty's per-connection header cache matches values case-insensitively by default: on a kept-alive
            // connection "Bearer OPP_X" would be read back as an earlier "Bearer opp_x" and pass as that token.
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonBadMessages());
                server.setStopTimeout(20_000);
                server.setStopAtShutdown(false);
            });
            config.jetty.modifyServletContextHandler(handler -> {
                handler.insertHandler(new StatisticsHandler());
                // logs (issue 17): request id, MDC and the access line; first, so it wraps everything below
                FilterHolder requests = new FilterHolder(new RequestLogging());
                requests.setAsyncSupported(true);
                handler.addFilter(requests, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
                FilterHolder bodies = new FilterHolder(new BodyBuffering(maxBodyBytes, bodyDeadline));
                bodies.setAsyncSupported(true);
                handler.addFilter(bodies, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            });
        });
        app.before(ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Cache-Control", "no-store");
        });
        app.before("/admin/*", ctx -> {
            if (!StrictUtf8.charsetAllowed(ctx.header("Content-Type"))) {
                throw AdminError.UNSUPPORTED_CHARSET.with();
            }
        });
        app.exception(ApiException.class, (e, ctx) -> {
            HttpMetrics.envelopeCode(ctx, e.rejection().code());
            ctx.status(200).json(Envelope.reject(e.rejection().code(), e.getMessage()));
        });
        app.exception(LedgerOverflowException.class, (e, ctx) -> {
            if (isMerchantPath(ctx.path())) {
                HttpMetrics.envelopeCode(ctx, Rejection.BALANCE_LIMIT.code());
                ctx.status(200).json(Envelope.reject(Rejection.BALANCE_LIMIT.code(),
                        Rejection.BALANCE_LIMIT.with(e.what()).getMessage()));
            } else {
                ctx.status(AdminError.BALANCE_LIMIT.status()).json(Map.of("error",
                        AdminError.BALANCE_LIMIT.with(e.what()).getMessage()));
            }
        });
        app.exception(AdminException.class, (e, ctx) -> ctx.status(e.status()).json(Map.of("error", e.getMessage())));
        app.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 413 && isMerchantPath(ctx.path())) {
                HttpMetrics.envelopeCode(ctx, Rejection.BODY_TOO_LARGE.code());
                ctx.status(413).json(Envelope.reject(Rejection.BODY_TOO_LARGE.code(), tooLarge));
            } else if (e.getStatus() == 404 || e.getStatus() == 405) {
                ctx.status(e.getStatus()).json(Map.of("error", "no such endpoint: " + ctx.method() + " " + ctx.path()));
            } else {
                ctx.status(e.getStatus()).json(Map.of("error", e.getMessage()));
            }
        });
        app.exception(Exception.class, (e, ctx) -> {
            String unavailable = databaseUnavailable(e);
            if (unavailable != null) {
                log.warn("database unavailable on {} {}: {}", ctx.method(), ctx.path(), unavailable);
            } else {
                log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            }
            if (isMerchantPath(ctx.path())) {
                HttpMetrics.envelopeCode(ctx, Rejection.OUTCOME_UNKNOWN.code());
                ctx.status(200).json(Envelope.reject(Rejection.OUTCOME_UNKNOWN.code(),
                        Rejection.OUTCOME_UNKNOWN.template()));
            } else if (unavailable != null) {
                ctx.status(503).header("Retry-After", "1").json(Map.of("error",
                        "database unavailable (" + unavailable + "): nothing was changed unless a retry shows it was; "
                        + "retry in a moment"));
            } else {
                ctx.status(500).json(Map.of("error", "internal error, see the server log"));
            }
        });
        return app;
    }

    /**
     * Answers {@code value} as JSON, like {@code ctx.json(value)} (same mapper, same bytes, same content type, same
     * compression), but written straight into Javalin's output stream: a result set with {@code ctx.json} is copied
     * to the response through a fresh 8 KiB buffer per request, which was 70 % of the bytes the HTTP floor allocated
     * (issue 15). The last thing a handler does: nothing may set a result after it.
     */
    public static void answerJson(Context ctx, Object value) {
        ctx.contentType(ContentType.APPLICATION_JSON);
        try {
            ctx.outputStream().write(Json.MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Why the database could not serve the request, when that is the cause of {@code failure}: no connection (no
     * primary during a failover, a dead or stalled server), the connection lost, the statement timed out, the
     * server shutting down, read-only (a standby), or out of resources (disk full). Null for any other failure.
     */
    static String databaseUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof java.sql.SQLNonTransientConnectionException) {
                return "no connection";
            }
            if (cause instanceof java.net.SocketTimeoutException) {
                return "no answer in time";
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08")) {
                    return "connection lost";
                }
                if (state.equals("57014")) {
                    return "statement timeout";
                }
                if (state.startsWith("57P")) {
                    return "server shutting down";
                }
                if (state.equals("25006")) {
                    return "read-only server";
                }
                if (state.equals("53100")) {
                    return "disk full";
                }
                if (state.startsWith("53")) {
                    return "out of resources";
                }
            }
        }
        return null;
    }

    /**
     * Requests Jetty refuses before Javalin sees them (a {@code %00} in the path, a malformed header) would get an
     * HTML page; answer JSON like everything else.
     */
    private static final class JsonBadMessages extends ErrorHandler {
        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            return BufferUtil.toBuffer(Json.MAPPER.createObjectNode().put("error", "bad request: "
                    + (reason == null ? "HTTP " + status : reason)).toString(), StandardCharsets.UTF_8);
        }
    }

    static boolean isMerchantPath(String path) {
        return !(path.startsWith("/admin/") || path.startsWith("/sandbox/") || path.startsWith("/cashier/")
                || path.startsWith("/channels/")
                || path.startsWith("/voucher/") || path.startsWith("/openapi/") || path.startsWith("/docs")
                || path.equals("/health") || path.equals("/metrics")
                // web (issue 14): the portal, the console and their assets answer with HTML pages
                || path.equals("/portal") || path.startsWith("/portal/") || path.equals("/console")
                || path.startsWith("/console/") || path.startsWith("/static/") || path.equals("/favicon.ico"));
    }
}
