package org.openpaypro.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal blocking HTTP/1.1 client on one keep-alive socket: no selector thread, no hand-off (the JDK's HttpClient
 * cost 4 to 8 times the driver CPU per request, docs/PERFORMANCE.md). Content-Length and chunked bodies; reconnects
 * after {@code Connection: close} or an I/O error on a reused connection. Not thread-safe: one per client thread.
 */
final class RawHttpConnection implements Closeable {
    /** Status and body of one answer. */
    record Response(int status, String body) {
    }

    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;

    /** {@code timeoutMillis}: how long one answer may take. */
    RawHttpConnection(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /** {@code extraHeaders} are complete lines ending in CRLF (may be empty); a body is sent as JSON. */
    Response send(String method, String path, String extraHeaders, byte[] body) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream(256 + body.length);
        request.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + (body.length == 0 ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                + extraHeaders + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(body);
        // a kept-alive connection the server closed meanwhile fails once: then once more on a fresh one
        for (boolean reused = socket != null; ; reused = false) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(timeoutMillis);
                    socket.connect(new InetSocketAddress(host, port), 5_000);
                    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                }
                socket.getOutputStream().write(request.toByteArray());
                return read();
            } catch (IOException e) {
                close();
                if (!reused) {
                    throw e;
                }
            }
        }
    }

    private Response read() throws IOException {
        String statusLine = readLine(in);
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = statusLine.startsWith("HTTP/1.0");
        for (String line; !(line = readLine(in)).isEmpty(); ) {
            String lower = line.toLowerCase(Locale.ROOT);
            String value = lower.substring(lower.indexOf(':') + 1).trim();
            length = lower.startsWith("content-length:") ? Long.parseLong(value) : length;
            chunked |= lower.startsWith("transfer-encoding:") && value.contains("chunked");
            closeAfter |= lower.startsWith("connection:") && value.equals("close");
        }
        if (length > MAX_BODY_BYTES) {
            throw new IOException("answer body of " + length + " bytes is too large");
        }
        byte[] body = chunked ? readChunked(in) : in.readNBytes(length < 0 ? MAX_BODY_BYTES : (int) length);
        if (length >= 0 && body.length != length) {
            throw new EOFException("connection closed inside the body");
        }
        if (closeAfter || (length < 0 && !chunked)) {
            close();
        }
        return new Response(Integer.parseInt(statusLine.substring(9, 12)), new String(body, StandardCharsets.UTF_8));
    }

    static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size; (size = Integer.parseInt(readLine(in).split(";", 2)[0].trim(), 16)) > 0; readLine(in)) {
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size || body.size() + size > MAX_BODY_BYTES) {
                throw new IOException("chunked body cut short or too large");
            }
            body.write(chunk);
        }
        while (!readLine(in).isEmpty()) {
            // trailers
        }
        return body.toByteArray();
    }

    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int next; (next = in.read()) != '\n'; line.append((char) next)) {
            if (next < 0) {
                throw new EOFException("connection closed by the server");
            } else if (line.length() > 16 * 1024) {
                throw new IOException("header line too long");
            }
        }
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        socket = null;
    }
}
