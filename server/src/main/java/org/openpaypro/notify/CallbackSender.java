package org.openpaypro.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * POSTs one callback and judges the answer (spec §4): delivered = HTTP 2xx and trimmed body {@code OK}, any case.
 * Redirects are not followed; connect and read timeouts are real socket timeouts; at most 4 KiB of the answer is
 * read (512 bytes are kept for the log). Thread-safe (stateless apart from its immutable settings).
 */
public final class CallbackSender {
    static final int KEPT_BYTES = 512;
    private static final int READ_LIMIT = 4096;

    private final NotifyUrlPolicy policy;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    public CallbackSender(NotifyUrlPolicy policy, Duration connectTimeout, Duration readTimeout) {
        this.policy = policy;
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
        this.readTimeoutMillis = (int) readTimeout.toMillis();
    }

    public AttemptOutcome send(String url, String merchantNo, byte[] body) {
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        NotifyUrlPolicy.Verdict verdict = policy.check(url);
        if (verdict != NotifyUrlPolicy.Verdict.OK) {
            return failure(url, started, startNanos, null, null, "refused: notifyUrl is "
                    + verdict.name().toLowerCase(Locale.ROOT).replace('_', ' '), "refused");
        }
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setRequestProperty("merchantNo", merchantNo);
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            byte[] answer = stream == null ? new byte[0] : readBounded(stream);
            String text = new String(answer, StandardCharsets.UTF_8);
            String head = text.length() > KEPT_BYTES ? text.substring(0, KEPT_BYTES) : text;
            boolean ok2xx = status >= 200 && status < 300;
            boolean delivered = ok2xx && text.trim().equalsIgnoreCase("OK");
            long latency = System.nanoTime() - startNanos;
            if (delivered) {
                return new AttemptOutcome(url, started, Duration.ofNanos(latency), status, head, null, true, "delivered");
            }
            String error = ok2xx ? "answer is not OK" : "HTTP " + status;
            return failure(url, started, startNanos, status, head, error, ok2xx ? "bad_answer" : "http_error");
        } catch (SocketTimeoutException e) {
            return failure(url, started, startNanos, null, null, "timeout: " + e.getMessage(), "timeout");
        } catch (IOException | IllegalArgumentException e) {
            return failure(url, started, startNanos, null, null, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    "connect_error");
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static byte[] readBounded(InputStream stream) throws IOException {
        try (stream) {
            return stream.readNBytes(READ_LIMIT);
        }
    }

    private static AttemptOutcome failure(String url, Instant started, long startNanos, Integer status, String head,
                                          String error, String kind) {
        return new AttemptOutcome(url, started, Duration.ofNanos(System.nanoTime() - startNanos), status, head,
                error.length() > 500 ? error.substring(0, 500) : error, false, kind);
    }
}
