package org.openpaypro.bench;

import io.javalin.Javalin;
import java.time.Duration;
import java.util.Map;
import org.openpaypro.http.Http;
import org.openpaypro.protocol.Envelope;

/**
 * The HTTP floor (issue 15): the server's own Jetty/Javalin set-up ({@link Http#create}) answering every merchant
 * endpoint with a fixed success envelope ({@link Http#answerJson}), no database, no signature check; its own process.
 */
public final class HttpFloor {
    private HttpFloor() {
    }

    public static void main(String[] args) {
        // the server's defaults (OPENPAYPRO_MAX_BODY_BYTES, OPENPAYPRO_BODY_DEADLINE)
        Javalin app = Http.create(65_536, Duration.ofSeconds(10));
        Envelope answer = Envelope.ok(Map.of("balance", "100000000.00", "currency", "BRL"));
        app.post("/v1/paypro/{operation}", ctx -> Http.answerJson(ctx, answer));
        app.get("/health", ctx -> ctx.result("UP"));
        app.start(Integer.parseInt(System.getenv("OPENPAYPRO_HTTP_PORT"))); // set by ServerUnderTest
    }
}
