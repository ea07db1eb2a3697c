package org.openpaypro.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;
import org.slf4j.LoggerFactory;

/**
 * The access log in-process: exactly one line per request whether its body was read asynchronously, never
 * arrived (408) or there was none; probes at DEBUG; the request id echoed is the line's.
 */
class AccessLogIT {
    private static final Logger ACCESS = (Logger) LoggerFactory.getLogger("openpaypro.access");
    private static TestGateway gateway;
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeAll
    static void start() {
        gateway = TestGateway.startNew(Map.of("OPENPAYPRO_BODY_DEADLINE", "1s"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void a_signed_request_a_body_that_never_arrives_and_a_probe_each_get_one_line_with_their_echoed_id()
            throws Exception {
        TestMerchant merchant = gateway.createMerchant();
        lines.start();
        ACCESS.addAppender(lines);
        Level before = ACCESS.getLevel();
        ACCESS.setLevel(Level.DEBUG);
        String health;
        String slow;
        try {
            Answer balance = gateway.signed("/v1/paypro/queryBalance", merchant.merchantNo(), merchant.secret(),
                    Map.of());
            assertThat(balance.code()).isEqualTo("0000");
            health = rawRequest(
                    "GET /health HTTP/1.1\r\nHost: x\r\nX-Request-Id: probe-1\r\nConnection: close\r\n\r\n");
            slow = rawRequest("POST /v1/paypro/queryBalance HTTP/1.1\r\nHost: x\r\nX-Request-Id: slow-1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 50\r\n\r\n{");
            awaitLine("slow-1");
        } finally {
            ACCESS.detachAppender(lines);
            ACCESS.setLevel(before);
        }
        assertThat(health).startsWith("HTTP/1.1 200").contains("X-Request-Id: probe-1");
        assertThat(slow).startsWith("HTTP/1.1 408").contains("X-Request-Id: slow-1");

        List<ILoggingEvent> signed = lines.list.stream()
                .filter(line -> merchant.merchantNo().equals(line.getMDCPropertyMap().get("merchantNo"))).toList();
        assertThat(signed).as("one line for the signed request, though its body was read asynchronously").hasSize(1);
        assertThat(field(signed.get(0), "status")).isEqualTo(200);
        assertThat(signed.get(0).getMDCPropertyMap().get("requestId")).matches("[0-9a-f]{32}");
        assertThat(signed.get(0).getLevel()).isEqualTo(Level.INFO);

        ILoggingEvent probe = only("probe-1");
        assertThat(probe.getLevel()).isEqualTo(Level.DEBUG);
        assertThat(field(probe, "path")).isEqualTo("/health");
        ILoggingEvent timedOut = only("slow-1");
        assertThat(field(timedOut, "status")).isEqualTo(408);
        assertThat((Long) field(timedOut, "latencyMs")).isGreaterThanOrEqualTo(900L);
        assertThat(timedOut.getLevel()).isEqualTo(Level.INFO);
    }

    private ILoggingEvent only(String requestId) {
        List<ILoggingEvent> matching = lines.list.stream()
                .filter(line -> requestId.equals(line.getMDCPropertyMap().get("requestId"))).toList();
        assertThat(matching).as("access lines of " + requestId).hasSize(1);
        return matching.get(0);
    }

    private static Object field(ILoggingEvent line, String key) {
        return line.getKeyValuePairs().stream().filter(pair -> pair.key.equals(key)).map(pair -> pair.value)
                .findFirst().orElse(null);
    }

    /** The line of a request is written just after its answer: wait for it (bounded). */
    private void awaitLine(String requestId) {
        Await.until("the access log line of " + requestId, Duration.ofSeconds(10), () -> lines.list.stream()
                .anyMatch(line -> requestId.equals(line.getMDCPropertyMap().get("requestId"))));
    }

    private static String rawRequest(String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.app().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[400];
            int read = in.readNBytes(head, 0, head.length);
            return new String(head, 0, read, StandardCharsets.US_ASCII);
        }
    }
}
