package org.openpaypro.logs;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The outermost servlet filter: gives each request its id ({@code X-Request-Id}, see {@link RequestIds}), echoes
 * it in the answer, holds it in the MDC of whichever Jetty thread works on the request (also after the body was
 * read asynchronously) and clears the MDC after, then writes one access line per request on
 * {@code openpaypro.access}: method, path (never the query), status, latency, client address, with
 * {@code requestId}/{@code merchantNo}/{@code platFormTradeNo} from the MDC. {@code /health} and {@code /metrics}
 * are logged at DEBUG so probes and scrapes do not flood. Thread-safe: per-request state is in request attributes.
 */
public final class RequestLogging implements Filter {
    private static final Logger access = LoggerFactory.getLogger("openpaypro.access");
    private static final String ID = RequestLogging.class.getName() + ".id";
    private static final String STARTED = RequestLogging.class.getName() + ".started";
    private static final String LOGGED = RequestLogging.class.getName() + ".logged";
    private static final int MAX_PATH_CHARS = 200;

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        String id = (String) request.getAttribute(ID);
        if (id == null) {
            id = RequestIds.acceptOrNew(request.getHeader(RequestIds.HEADER));
            request.setAttribute(ID, id);
            request.setAttribute(STARTED, System.nanoTime());
            response.setHeader(RequestIds.HEADER, id);
        }
        MDC.put(RequestIds.REQUEST_ID, id);
        try {
            chain.doFilter(request, response);
            if (!request.isAsyncStarted()) {
                logOnce(request, response);
            } else if (request.getDispatcherType() == DispatcherType.REQUEST) {
                request.getAsyncContext().addListener(new Completion(request, response));
            }
        } finally {
            MDC.clear();
        }
    }

    /** The access line of a request answered without a dispatch back (a body that timed out or broke). */
    private static final class Completion implements AsyncListener {
        private final HttpServletRequest request;
        private final HttpServletResponse response;

        Completion(HttpServletRequest request, HttpServletResponse response) {
            this.request = request;
            this.response = response;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            MDC.put(RequestIds.REQUEST_ID, (String) request.getAttribute(ID));
            try {
                logOnce(request, response);
            } finally {
                MDC.clear();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    private static void logOnce(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(LOGGED) != null) {
            return;
        }
        request.setAttribute(LOGGED, Boolean.TRUE);
        String path = request.getRequestURI();
        boolean probe = path.equals("/health") || path.equals("/metrics");
        if (probe ? !access.isDebugEnabled() : !access.isInfoEnabled()) {
            return;
        }
        if (path.length() > MAX_PATH_CHARS) {
            path = path.substring(0, MAX_PATH_CHARS) + "...";
        }
        long latencyMs = (System.nanoTime() - (Long) request.getAttribute(STARTED)) / 1_000_000;
        String method = request.getMethod();
        int status = response.getStatus();
        String client = request.getRemoteAddr();
        var line = (probe ? access.atDebug() : access.atInfo())
                .addKeyValue("method", method).addKeyValue("path", path).addKeyValue("status", status)
                .addKeyValue("latencyMs", latencyMs).addKeyValue("client", client);
        line.log("{} {} {} {}ms from {}", method, path, status, latencyMs, client);
    }
}
