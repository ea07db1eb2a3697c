package org.openpaypro.notify;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.openpaypro.logs.RequestIds;

/**
 * POSTs one callback over HTTP/1.1 and judges the answer (spec §4, {@link MerchantText#isOk}). It connects to the
 * address {@link NotifyUrlPolicy#resolve} approved, never resolving the name again (DNS rebinding), and still sends
 * the URL's own {@code Host} header; for https it sends that host name as SNI and verifies the certificate against
 * it (endpoint identification "HTTPS"). Redirects are not followed; the connect timeout bounds the TCP connect, the
 * read timeout bounds the whole exchange after it (TLS handshake and answer), so a trickling answer cannot hold a
 * worker longer. At most 4 KiB of the answer is read; 512 characters of it, escaped, are kept for the log.
 * Thread-safe (stateless apart from its immutable settings).
 */
public final class CallbackSender {
    static final int KEPT_BYTES = 512;
    private static final int READ_LIMIT = 4096;
    private static final int HEAD_LIMIT = 8192;

    private final NotifyUrlPolicy policy;
    private final int connectTimeoutMillis;
    private final long readTimeoutNanos;
    private final SSLSocketFactory tls;

    public CallbackSender(NotifyUrlPolicy policy, Duration connectTimeout, Duration readTimeout) {
        this(policy, connectTimeout, readTimeout, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** {@code tls}: the TLS client (the JVM's trust store in production). */
    public CallbackSender(NotifyUrlPolicy policy, Duration connectTimeout, Duration readTimeout, SSLSocketFactory tls) {
        this.policy = policy;
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
        this.readTimeoutNanos = readTimeout.toNanos();
        this.tls = tls;
    }

    /** The longest one attempt can take: the connect timeout plus the read timeout. */
    public Duration longestAttempt() {
        return Duration.ofMillis(connectTimeoutMillis).plusNanos(readTimeoutNanos);
    }

    /** Resolves a callback URL once: the target {@link #send(NotifyUrlPolicy.Target, String, byte[])} connects to. */
    public NotifyUrlPolicy.Target resolve(String url) {
        return policy.resolve(url);
    }

    /** Resolves and sends (one resolution). */
    public AttemptOutcome send(String url, String merchantNo, byte[] body) {
        return send(policy.resolve(url), merchantNo, body);
    }

    /** Sends to the address of an already resolved target. */
    public AttemptOutcome send(NotifyUrlPolicy.Target target, String merchantNo, byte[] body) {
        return send(target, merchantNo, body, null);
    }

    /** Sends to the address of an already resolved target, with {@code X-Request-Id: requestId} unless null. */
    public AttemptOutcome send(NotifyUrlPolicy.Target target, String merchantNo, byte[] body, String requestId) {
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        String url = target.uri() == null ? "" : target.uri().toString();
        if (target.verdict() != NotifyUrlPolicy.Verdict.OK) {
            return failure(url, started, startNanos, null, null, "refused: notifyUrl is "
                    + target.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + target.reason(),
                    "refused");
        }
        if (target.address() == null) {
            return failure(url, started, startNanos, null, null, "UnknownHostException: " + target.host(),
                    "connect_error");
        }
        try (Socket socket = connect(target)) {
            long deadline = System.nanoTime() + readTimeoutNanos;
            Answer answer = exchange(socket, target, merchantNo, body, requestId, deadline);
            String head = MerchantText.escape(answer.body(), KEPT_BYTES);
            boolean ok2xx = answer.status() >= 200 && answer.status() < 300;
            if (ok2xx && MerchantText.isOk(answer.body())) {
                return new AttemptOutcome(url, started, Duration.ofNanos(System.nanoTime() - startNanos),
                        answer.status(), head, null, true, "delivered");
            }
            String error = ok2xx ? "answer is not OK" : "HTTP " + answer.status();
            return failure(url, started, startNanos, answer.status(), head, error, ok2xx ? "bad_answer" : "http_error");
        } catch (SocketTimeoutException e) {
            return failure(url, started, startNanos, null, null, "timeout: " + e.getMessage(), "timeout");
        } catch (IOException | RuntimeException e) {
            return failure(url, started, startNanos, null, null, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    "connect_error");
        }
    }

    private Socket connect(NotifyUrlPolicy.Target target) throws IOException {
        URI uri = target.uri();
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(target.address(), port), connectTimeoutMillis);
            socket.setSoTimeout((int) Math.max(1, readTimeoutNanos / 1_000_000));
            if (!https) {
                return socket;
            }
            String host = tlsHost(target.host());
            SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, true);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (!host.contains(":") && NotifyUrlPolicy.ipv4(host) == null) {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            }
            ssl.setSSLParameters(parameters);
            ssl.startHandshake();
            return ssl;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static String tlsHost(String host) {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The status and (de-chunked, bounded) body of the answer; 1xx interim answers are skipped. */
    private static Answer exchange(Socket socket, NotifyUrlPolicy.Target target, String merchantNo, byte[] body,
                                   String requestId, long deadline) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(requestHead(target.uri(), merchantNo, requestId, body.length));
        out.write(body);
        out.flush();
        DeadlineInput in = new DeadlineInput(socket, deadline);
        while (true) {
            List<String> head = in.head();
            int status = status(head.get(0));
            if (status >= 100 && status < 200) {
                continue;
            }
            return new Answer(status, in.body(head));
        }
    }

    private static byte[] requestHead(URI uri, String merchantNo, String requestId, int length) {
        URI ascii = URI.create(uri.toASCIIString());
        String target = (ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath())
                + (ascii.getRawQuery() == null ? "" : "?" + ascii.getRawQuery());
        String head = "POST " + target + " HTTP/1.1\r\n"
                + "Host: " + ascii.getRawAuthority() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "merchantNo: " + merchantNo + "\r\n"
                + (requestId == null ? "" : RequestIds.HEADER + ": " + RequestIds.acceptOrNew(requestId) + "\r\n")
                + "Content-Length: " + length + "\r\n"
                + "Connection: close\r\n"
                + "User-Agent: OpenPayPro-notify\r\n\r\n";
        return head.getBytes(StandardCharsets.US_ASCII);
    }

    private static int status(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[0-9]{3}")) {
            throw new IOException("not an HTTP/1.x answer");
        }
        return Integer.parseInt(parts[1]);
    }

    private static AttemptOutcome failure(String url, Instant started, long startNanos, Integer status, String head,
                                          String error, String kind) {
        return new AttemptOutcome(url, started, Duration.ofNanos(System.nanoTime() - startNanos), status, head,
                MerchantText.escape(error, 500), false, kind);
    }

    private record Answer(int status, byte[] body) {
    }

    /** Reads an HTTP/1.x answer with one deadline for all of it. Not thread-safe (one per exchange). */
    private static final class DeadlineInput {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;

        DeadlineInput(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.deadline = deadline;
        }

        int read() throws IOException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("answer not complete within the read timeout");
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            return in.read();
        }

        /** The status line and header lines, up to the empty line. */
        List<String> head() throws IOException {
            List<String> lines = new java.util.ArrayList<>();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int total = 0;
            while (true) {
                int b = read();
                if (b < 0) {
                    throw new IOException(lines.isEmpty() && line.size() == 0 ? "connection closed without an answer"
                            : "answer ended inside its header");
                }
                if (++total > HEAD_LIMIT) {
                    throw new IOException("answer header longer than " + HEAD_LIMIT + " bytes");
                }
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
                line.reset();
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
            }
        }

        /** At most READ_LIMIT bytes of the body: by Content-Length, chunked, or up to the end of the stream. */
        byte[] body(List<String> head) throws IOException {
            long length = -1;
            boolean chunked = false;
            for (String line : head.subList(1, head.size())) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                readChunks(body);
            } else {
                copy(body, length < 0 ? READ_LIMIT : Math.min(length, READ_LIMIT));
            }
            return body.toByteArray();
        }

        private void readChunks(ByteArrayOutputStream body) throws IOException {
            while (body.size() < READ_LIMIT) {
                String sizeLine = line();
                int semicolon = sizeLine.indexOf(';');
                String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
                if (!hex.matches("[0-9a-fA-F]{1,7}")) {
                    throw new IOException("bad chunk size");
                }
                int size = Integer.parseInt(hex, 16);
                if (size == 0) {
                    return;
                }
                copy(body, Math.min(size, READ_LIMIT - body.size()));
                if (body.size() < READ_LIMIT) {
                    line();
                }
            }
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = read(); b != '\n'; b = read()) {
                if (b < 0 || line.size() > 256) {
                    throw new IOException("bad chunked answer");
                }
                line.write(b);
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        private void copy(ByteArrayOutputStream body, long count) throws IOException {
            for (long i = 0; i < count; i++) {
                int b = read();
                if (b < 0) {
                    return;
                }
                body.write(b);
            }
        }
    }
}
