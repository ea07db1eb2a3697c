package org.openpaypro.http;

import io.javalin.http.HttpResponseException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openpaypro.error.Rejection;
import org.openpaypro.json.Json;
import org.openpaypro.protocol.Envelope;

/**
 * Reads every request body <em>before</em> a handler runs, without holding a thread while the bytes trickle in
 * (servlet non-blocking input), within a total deadline and a size limit. A client that sends headers and then a
 * byte now and then costs a socket and a small buffer, not one of the worker threads that {@code /health} and
 * merchants need; when the deadline passes it gets 408 and its connection is closed. Bodies over the size limit
 * (also chunked ones, which carry no Content-Length) get 413 through the usual exception mapping. A body that has
 * already arrived whole is taken at once, on the request's own thread ({@link #arrived}).
 *
 * <p>Thread-safe: one instance serves every request; per-request state lives in the request's own reader.
 */
final class BodyBuffering implements Filter {
    private static final String BODY = BodyBuffering.class.getName() + ".body";
    private static final byte[] TOO_LARGE = new byte[0];

    private final int maxBodyBytes;
    private final Duration deadline;

    BodyBuffering(int maxBodyBytes, Duration deadline) {
        this.maxBodyBytes = maxBodyBytes;
        this.deadline = deadline;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        if (request.getDispatcherType() == DispatcherType.ASYNC && request.getAttribute(BODY) instanceof byte[] body) {
            chain.doFilter(new BufferedRequest(request, body, maxBodyBytes), response);
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST || !hasBody(request)
                || request.getContentLengthLong() > maxBodyBytes) {
            chain.doFilter(request, response); // no body, or one Javalin refuses (413) from its Content-Length
            return;
        }
        byte[] arrived = arrived(request);
        if (arrived != null) {
            chain.doFilter(new BufferedRequest(request, arrived, maxBodyBytes), response);
        } else {
            AsyncContext async = request.startAsync();
            async.setTimeout(deadline.toMillis());
            Reader reader = new Reader(async, request.getInputStream());
            async.addListener(reader);
            reader.input.setReadListener(reader);
        }
    }

    /**
     * The common case costs no async dispatch (a second pass through the filters on another thread): when the whole
     * body, as its Content-Length announces it, already sits in the connection's buffer, it is copied out at once.
     * {@code available()} never blocks and reads that much from the current content chunk do not either, so no
     * thread ever waits for bytes here; anything else (chunked, not yet arrived, 100-continue) takes the
     * non-blocking path. Null when the body is not all there.
     */
    private static byte[] arrived(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        if (length <= 0) {
            return null;
        }
        ServletInputStream input = request.getInputStream();
        if (input.available() < length) {
            return null;
        }
        byte[] body = new byte[(int) length];
        int read = 0;
        while (read < body.length) {
            int n = input.read(body, read, body.length - read);
            if (n < 0) {
                throw new IOException("the body ended before its Content-Length");
            }
            read += n;
        }
        return body;
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0
                || (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null);
    }

    /** Collects one body as it arrives; exactly one of dispatch, too-large dispatch or a 408/400 answer happens. */
    private final class Reader implements ReadListener, AsyncListener {
        private final AsyncContext async;
        private final ServletInputStream input;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[8192];
        private final AtomicBoolean finished = new AtomicBoolean();

        Reader(AsyncContext async, ServletInputStream input) {
            this.async = async;
            this.input = input;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!finished.get() && input.isReady()) {
                int read = input.read(buffer);
                if (read < 0) {
                    return;
                }
                body.write(buffer, 0, read);
                if (body.size() > maxBodyBytes) {
                    dispatch(TOO_LARGE);
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            dispatch(body.toByteArray());
        }

        private void dispatch(byte[] bytes) {
            if (finished.compareAndSet(false, true)) {
                async.getRequest().setAttribute(BODY, bytes);
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable failure) {
            answer(400, "bad request: the body could not be read");
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            answer(408, null);
        }

        private void answer(int status, String error) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            HttpServletRequest request = (HttpServletRequest) async.getRequest();
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            String slow = String.format(Rejection.BODY_TOO_SLOW.template(), deadline.toMillis() % 1000 == 0
                    ? deadline.toSeconds() + " seconds" : deadline.toMillis() + " ms");
            Object json = !Http.isMerchantPath(request.getRequestURI()) ? Map.of("error", error != null ? error : slow)
                    : Envelope.reject(Rejection.BODY_TOO_SLOW.code(), error != null ? error : slow);
            try {
                response.setStatus(status);
                response.setHeader("Connection", "close");
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("Cache-Control", "no-store");
                response.setContentType("application/json");
                response.getOutputStream().write(Json.MAPPER.writeValueAsString(json)
                        .getBytes(StandardCharsets.UTF_8));
            } catch (IOException | IllegalStateException ignored) {
                // the client is gone or the answer was already started: closing is all that is left
            } finally {
                async.complete();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            // nothing to release
        }

        @Override
        public void onError(AsyncEvent event) {
            answer(400, "bad request: the body could not be read");
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not re-started
        }
    }

    /** The request as the handler sees it: the buffered body (or a 413 when it was too large). */
    private static final class BufferedRequest extends HttpServletRequestWrapper {
        private final byte[] body;
        private final int maxBodyBytes;

        BufferedRequest(HttpServletRequest request, byte[] body, int maxBodyBytes) {
            super(request);
            this.body = body;
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    tooLarge();
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    tooLarge();
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body is already buffered");
                }
            };
        }

        private void tooLarge() {
            if (body == TOO_LARGE) {
                throw new HttpResponseException(413, "Content Too Large (over " + maxBodyBytes + " bytes)");
            }
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
