package org.openpaypro.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal blocking HTTP/1.1 client over one keep-alive socket: what a load generator on a 2-core machine can
 * afford (no selector thread, no executor hand-off, one write and a few reads per request). Reads Content-Length
 * and chunked bodies; reconnects after {@code Connection: close} or an I/O error. Not thread-safe: one per client
 * thread.
 */
final class RawHttpConnection implements Closeable {
    /** Status and body of one answer. */
    record Response(int status, String body) {
    }

    private static final int TIMEOUT_MILLIS = 30_000;
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final String host;
    private final int port;
    private final String hostHeader;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttpConnection(String host, int port) {
        this.host = host;
        this.port = port;
        this.hostHeader = host + ":" + port;
    }

    /** POST with a JSON body; {@code extraHeaders} are complete lines ending in CRLF (may be empty). */
    Response post(String path, String extraHeaders, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(160 + extraHeaders.length());
        head.append("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(hostHeader)
                .append("\r\nContent-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n")
                .append(extraHeaders).append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return exchange(request);
    }

    private Response exchange(byte[] request) throws IOException {
        boolean reused = socket != null;
        try {
            return send(request);
        } catch (IOException e) {
            close();
            if (!reused) {
                throw e;
            }
            // A kept-alive connection the server closed meanwhile: once more on a fresh one.
            try {
                return send(request);
            } catch (IOException again) {
                close();
                throw again;
            }
        }
    }

    private Response send(byte[] request) throws IOException {
        connectIfNeeded();
        out.write(request);
        out.flush();
        return readResponse();
    }

    private void connectIfNeeded() throws IOException {
        if (socket != null) {
            return;
        }
        Socket fresh = new Socket();
        fresh.setTcpNoDelay(true);
        fresh.setSoTimeout(TIMEOUT_MILLIS);
        fresh.connect(new InetSocketAddress(host, port), 5_000);
        socket = fresh;
        in = new BufferedInputStream(fresh.getInputStream(), 16 * 1024);
        out = fresh.getOutputStream();
    }

    private Response readResponse() throws IOException {
        String statusLine = readLine(in);
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = statusLine.startsWith("HTTP/1.0");
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                default -> {
                }
            }
        }
        byte[] body;
        if (chunked) {
            body = readChunked(in);
        } else if (contentLength >= 0) {
            if (contentLength > MAX_BODY_BYTES) {
                throw new IOException("answer body of " + contentLength + " bytes is too large");
            }
            body = in.readNBytes((int) contentLength);
            if (body.length != contentLength) {
                throw new EOFException("connection closed inside the body");
            }
        } else {
            body = in.readNBytes(MAX_BODY_BYTES);
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Response(status, new String(body, StandardCharsets.UTF_8));
    }

    static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY_BYTES) {
                throw new IOException("chunked answer body is too large");
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new EOFException("connection closed inside a chunk");
            }
            body.write(chunk);
            readLine(in);
        }
    }

    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (next == '\n') {
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return line.toString();
            }
            if (line.length() > 16 * 1024) {
                throw new IOException("header line too long");
            }
            line.append((char) next);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
