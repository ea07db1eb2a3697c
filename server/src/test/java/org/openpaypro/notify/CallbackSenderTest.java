package org.openpaypro.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * The callback sender against raw local servers on 127.0.0.1: where it connects, what it sends, how it reads and
 * judges answers. Names are resolved by a stub; no connection leaves the machine.
 */
class CallbackSenderTest {
    private static final byte[] BODY = "{\"status\":\"0000\"}".getBytes(StandardCharsets.UTF_8);

    /** A one-connection-at-a-time HTTP server that records each request and answers with a fixed reply. */
    private static final class RawServer implements AutoCloseable {
        final ServerSocket socket;
        final List<String> requests = new CopyOnWriteArrayList<>();
        final List<String> serverNames = new CopyOnWriteArrayList<>();
        private final Thread thread;

        RawServer(ServerSocket socket, Answerer answerer) {
            this.socket = socket;
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept()) {
                        if (client instanceof SSLSocket ssl) {
                            ssl.startHandshake();
                            for (SNIServerName name : ((ExtendedSSLSession) ssl.getSession())
                                    .getRequestedServerNames()) {
                                serverNames.add(((SNIHostName) name).getAsciiName());
                            }
                        }
                        requests.add(readRequest(client.getInputStream()));
                        answerer.answer(client.getOutputStream());
                    } catch (IOException ignored) {
                        // closed, or the client gave up
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        static RawServer answering(byte[] reply) throws IOException {
            return new RawServer(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), out -> out.write(reply));
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @FunctionalInterface
    private interface Answerer {
        void answer(OutputStream out) throws IOException;
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = Integer.parseInt(text.replaceAll("(?s).*Content-Length: ([0-9]+).*", "$1"));
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static byte[] http(String head, byte[] body) {
        byte[] start = (head + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[start.length + body.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
    }

    private static CallbackSender sandboxSender(NotifyUrlPolicy.Resolver resolver, Duration readTimeout) {
        return new CallbackSender(new NotifyUrlPolicy(true, resolver, Set::of), Duration.ofSeconds(1), readTimeout);
    }

    private static NotifyUrlPolicy.Resolver loopbackOnce(AtomicInteger lookups) {
        return host -> {
            if (lookups.incrementAndGet() > 1) {
                return new InetAddress[] {InetAddress.getByName("10.255.255.1")}; // a rebinding answer
            }
            return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        };
    }

    @Test
    void the_sender_resolves_once_connects_to_that_address_and_sends_the_urls_own_host_header() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        try (RawServer server = RawServer.answering(http("HTTP/1.1 200 OK", "OK".getBytes(StandardCharsets.UTF_8)))) {
            AttemptOutcome outcome = sandboxSender(loopbackOnce(lookups), Duration.ofSeconds(2))
                    .send("http://Merchant.Example.:" + server.port() + "/cb/n?x=1&y=%20", "M1", BODY);
            assertThat(outcome.delivered()).as(outcome.error()).isTrue();
            assertThat(lookups).hasValue(1);
            String request = server.requests.get(0);
            assertThat(request).startsWith("POST /cb/n?x=1&y=%20 HTTP/1.1\r\n")
                    .contains("\r\nHost: Merchant.Example.:" + server.port() + "\r\n")
                    .contains("\r\nContent-Type: application/json\r\n").contains("\r\nmerchantNo: M1\r\n")
                    .endsWith("{\"status\":\"0000\"}");
        }
    }

    @Test
    void a_refused_target_is_not_contacted_and_says_which_registry_block_refused_it() {
        CallbackSender live = new CallbackSender(new NotifyUrlPolicy(false, host -> {
            throw new AssertionError("numeric hosts are not resolved");
        }, Set::of), Duration.ofSeconds(1), Duration.ofSeconds(1));
        AttemptOutcome outcome = live.send("http://198.18.0.1:9/n", "M1", BODY);
        assertThat(outcome.kind()).isEqualTo("refused");
        assertThat(outcome.error()).isEqualTo("refused: notifyUrl is forbidden address: 198.18.0.1 is 198.18.0.0/15 "
                + "Benchmarking");
        assertThat(outcome.httpStatus()).isNull();
    }

    @Test
    void nul_control_characters_and_invalid_utf8_in_an_answer_are_kept_escaped_and_not_ok() throws Exception {
        byte[] answer = {'O', 'K', 0, '\n', 'E', 'R', 'R', (byte) 0xc0, (byte) 0xbc};
        try (RawServer server = RawServer.answering(http("HTTP/1.1 200 OK", answer))) {
            AttemptOutcome outcome = sandboxSender(host -> InetAddress.getAllByName("127.0.0.1"), Duration.ofSeconds(2))
                    .send("http://127.0.0.1:" + server.port() + "/", "M1", BODY);
            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.kind()).isEqualTo("bad_answer");
            assertThat(outcome.responseHead()).isEqualTo("OK\\u0000\\u000aERR\\xc0\\xbc");
        }
    }

    @Test
    void a_chunked_ok_is_delivered_and_an_http_500_is_a_failure_with_its_answer() throws Exception {
        byte[] chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nO\r\n3\r\nK\r\n\r\n0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        try (RawServer ok = RawServer.answering(chunked);
             RawServer boom = RawServer.answering(http("HTTP/1.1 500 Oops", "boom".getBytes(StandardCharsets.UTF_8)))) {
            CallbackSender sender = sandboxSender(host -> InetAddress.getAllByName("127.0.0.1"), Duration.ofSeconds(2));
            assertThat(sender.send("http://127.0.0.1:" + ok.port() + "/", "M1", BODY).delivered()).isTrue();
            AttemptOutcome failed = sender.send("http://127.0.0.1:" + boom.port() + "/", "M1", BODY);
            assertThat(failed.httpStatus()).isEqualTo(500);
            assertThat(failed.responseHead()).isEqualTo("boom");
            assertThat(failed.error()).isEqualTo("HTTP 500");
        }
    }

    @Test
    void an_answer_trickled_byte_by_byte_is_cut_off_when_the_read_timeout_is_over() throws Exception {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        try (RawServer server = new RawServer(socket, out -> {
            out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 200; i++) {
                out.write('X');
                out.flush();
                sleep(50);
            }
        })) {
            long start = System.nanoTime();
            AttemptOutcome outcome = sandboxSender(host -> InetAddress.getAllByName("127.0.0.1"),
                    Duration.ofMillis(700)).send("http://127.0.0.1:" + server.port() + "/", "M1", BODY);
            assertThat(outcome.kind()).isEqualTo("timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(5000));
        }
    }

    @Test
    void https_sends_the_host_name_as_sni_and_verifies_the_certificate_against_it_not_the_address() throws Exception {
        Path dir = Files.createTempDirectory("openpaypro-tls");
        Path store = dir.resolve("merchant.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "merchant", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=merchant.example", "-ext", "SAN=dns:merchant.example", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit").inheritIO().start();
        assertThat(keytool.waitFor()).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trust.getTrustManagers(), null);
        SSLServerSocket socket = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        byte[] ok = http("HTTP/1.1 200 OK", "OK".getBytes(StandardCharsets.UTF_8));
        try (RawServer server = new RawServer(socket, out -> out.write(ok))) {
            CallbackSender sender = new CallbackSender(new NotifyUrlPolicy(true, host -> {
                if (!host.endsWith(".example")) {
                    throw new UnknownHostException(host);
                }
                return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
            }, Set::of), Duration.ofSeconds(2), Duration.ofSeconds(5), clientContext.getSocketFactory());
            AttemptOutcome good = sender.send("https://merchant.example:" + server.port() + "/n", "M1", BODY);
            assertThat(good.delivered()).as(good.error()).isTrue();
            assertThat(server.serverNames).containsExactly("merchant.example");
            assertThat(server.requests.get(0)).contains("\r\nHost: merchant.example:" + server.port() + "\r\n");

            AttemptOutcome wrongName = sender.send("https://other.example:" + server.port() + "/n", "M1", BODY);
            assertThat(wrongName.delivered()).isFalse();
            assertThat(wrongName.kind()).isEqualTo("connect_error");
            assertThat(wrongName.error()).contains("other.example");
            AttemptOutcome byAddress = sender.send("https://127.0.0.1:" + server.port() + "/n", "M1", BODY);
            assertThat(byAddress.delivered()).isFalse();
            assertThat(server.requests).hasSize(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
