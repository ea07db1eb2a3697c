package org.openpaypro.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.TestGateway;

/**
 * The idle timeout of web sessions (OPENPAYPRO_WEB_SESSION_IDLE): a session used within the timeout lives on, one
 * left alone longer ends and its next page goes to the login form; logging out ends a session at once.
 */
class SessionIdleIT {
    @Test
    void a_session_left_alone_longer_than_the_idle_timeout_ends_and_the_next_page_asks_to_log_in_again()
            throws Exception {
        try (TestGateway gateway = TestGateway.startNew(Map.of("OPENPAYPRO_WEB_SESSION_IDLE", "2s"))) {
            var merchant = gateway.createMerchant();
            String email = "idle-" + merchant.merchantNo() + "@example.com";
            var created = gateway.admin("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/users",
                    Map.of("email", email, "role", "VIEWER"));
            WebClient client = new WebClient(gateway.baseUrl());
            assertThat(client.logInToPortal(email, created.json().get("temporaryPassword").asText())
                    .headers().firstValue("Location")).hasValue("/portal/password");
            assertThat(client.get("/portal/password").statusCode()).isEqualTo(200);
            Thread.sleep(2_500); // longer than the idle timeout, with no request: the session must end
            var after = client.get("/portal/password");
            assertThat(after.statusCode()).isEqualTo(302);
            assertThat(after.headers().firstValue("Location")).hasValue("/portal/login");
            var login = client.get("/portal");
            assertThat(login.headers().firstValue("Location").orElseThrow()).startsWith("/portal/login");
        }
    }

    @Test
    void logging_out_ends_the_session_at_once_even_for_a_copy_of_its_cookie() {
        try (TestGateway gateway = TestGateway.startNew(Map.of())) {
            var merchant = gateway.createMerchant();
            String email = "out-" + merchant.merchantNo() + "@example.com";
            var created = gateway.admin("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/users",
                    Map.of("email", email, "role", "VIEWER"));
            WebClient client = new WebClient(gateway.baseUrl());
            var login = client.logInToPortal(email, created.json().get("temporaryPassword").asText());
            String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("opp_portal="))
                    .findFirst().orElseThrow().split(";")[0];
            client.get("/portal/password");
            assertThat(client.submit("/portal/logout", Map.of()).headers().firstValue("Location"))
                    .hasValue("/portal/login?notice=out");
            var copy = java.net.http.HttpClient.newHttpClient();
            var replay = java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.baseUrl()
                    + "/portal/password")).header("Cookie", cookie).build();
            var answer = send(copy, replay);
            assertThat(answer.statusCode()).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location")).hasValue("/portal/login");
        }
    }

    private static java.net.http.HttpResponse<String> send(java.net.http.HttpClient client,
                                                           java.net.http.HttpRequest request) {
        try {
            return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
