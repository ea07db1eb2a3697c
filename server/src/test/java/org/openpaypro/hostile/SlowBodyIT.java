package org.openpaypro.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.openpaypro.protocol.Signer;
import org.openpaypro.testing.ScenarioIT;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Slow request bodies (issue 10, security 2): 300 unauthenticated connections send their headers with a
 * Content-Length and then trickle the body a byte at a time. While they are all still open, {@code /health} and a
 * signed merchant request are answered; afterwards the gateway closes every attacker with 408 at the body deadline.
 */
class SlowBodyIT extends ScenarioIT {
    private static final int ATTACKERS = 300;

    /** One attacker: its socket, and when and how the gateway ended it. */
    private static final class Attacker {
        final Socket socket;
        volatile long closedAtNanos;
        volatile String statusLine = "";

        Attacker(Socket socket) {
            this.socket = socket;
        }
    }

    @Test
    void trickled_bodies_on_300_connections_leave_health_and_signed_requests_answered_until_the_deadline_closes_them()
            throws Exception {
        TestMerchant merchant = gateway.createMerchant();
        List<Attacker> attackers = new ArrayList<>();
        CountDownLatch closed = new CountDownLatch(ATTACKERS);
        AtomicBoolean trickling = new AtomicBoolean(true);
        try {
            for (int i = 0; i < ATTACKERS; i++) {
                Attacker attacker = new Attacker(new Socket(InetAddress.getLoopbackAddress(), gateway.app().port()));
                attacker.socket.getOutputStream().write(("POST /v1/paypro/queryBalance HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\n"
                        + "merchantNo: " + merchant.merchantNo() + "\r\nContent-Length: 4000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                attackers.add(attacker);
                watchForClose(attacker, closed);
            }
            Thread trickle = new Thread(() -> trickle(attackers, trickling), "trickle");
            trickle.setDaemon(true);
            trickle.start();

            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                    + "/health")).timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> balance = client.send(signedBalance(merchant), HttpResponse.BodyHandlers.ofString());
            long answeredAtNanos = System.nanoTime();

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
            assertThat(balance.body()).contains("\"code\":\"0000\"");
            assertThat(closed.getCount()).as("attackers still open when both answers came back")
                    .isEqualTo(ATTACKERS);

            assertThat(closed.await(60, TimeUnit.SECONDS)).as("every attacker closed by the body deadline").isTrue();
            List<String> statusLines = new CopyOnWriteArrayList<>();
            long firstCloseNanos = Long.MAX_VALUE;
            for (Attacker attacker : attackers) {
                statusLines.add(attacker.statusLine);
                firstCloseNanos = Math.min(firstCloseNanos, attacker.closedAtNanos);
            }
            assertThat(answeredAtNanos).isLessThan(firstCloseNanos);
            assertThat(statusLines).allMatch(line -> line.startsWith("HTTP/1.1 408"));
        } finally {
            trickling.set(false);
            for (Attacker attacker : attackers) {
                attacker.socket.close();
            }
        }
    }

    @Test
    void a_client_that_waits_for_100_continue_is_answered_within_the_deadline() throws Exception {
        TestMerchant merchant = gateway.createMerchant();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", Long.toString(System.currentTimeMillis()));
        body.put("sign", Signer.sign(body, merchant.secret()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/paypro/queryBalance"))
                .timeout(Duration.ofSeconds(8)).expectContinue(true).header("Content-Type", "application/json")
                .header("merchantNo", merchant.merchantNo())
                .POST(HttpRequest.BodyPublishers.ofString(TestGateway.json(body))).build();
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body()).contains("\"code\":\"0000\"");
    }

    private HttpRequest signedBalance(TestMerchant merchant) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", Long.toString(System.currentTimeMillis()));
        body.put("sign", Signer.sign(body, merchant.secret()));
        return HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/paypro/queryBalance"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("merchantNo", merchant.merchantNo())
                .POST(HttpRequest.BodyPublishers.ofString(TestGateway.json(body))).build();
    }

    /** Reads what the gateway sends the attacker until it closes the connection, keeping the status line. */
    private static void watchForClose(Attacker attacker, CountDownLatch closed) {
        Thread watcher = new Thread(() -> {
            StringBuilder answer = new StringBuilder();
            try {
                InputStream in = attacker.socket.getInputStream();
                for (int b = in.read(); b >= 0; b = in.read()) {
                    answer.append((char) b);
                }
            } catch (IOException e) {
                answer.append(" (").append(e.getMessage()).append(')');
            }
            attacker.statusLine = answer.toString().split("\r\n", 2)[0];
            attacker.closedAtNanos = System.nanoTime();
            closed.countDown();
        }, "attacker-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** One more space of the body on every open connection, each 200 ms: never fast, never idle. */
    private static void trickle(List<Attacker> attackers, AtomicBoolean trickling) {
        while (trickling.get()) {
            for (Attacker attacker : attackers) {
                try {
                    OutputStream out = attacker.socket.getOutputStream();
                    out.write(' ');
                    out.flush();
                } catch (IOException closedByServer) {
                    // the watcher records it
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
