package org.openpaypro.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * The web foundation over plain HTTP (issue 14, DESIGN §15): every page, asset and form answer carries the security
 * headers; the session cookie is {@code HttpOnly; SameSite=Strict}; a form posted without its CSRF token or with a
 * wrong one is refused with a readable page and changes nothing; errors are pages without stack traces. Walks the
 * route table, so pages added later (the console's too) are covered without being listed here.
 */
class WebSecurityIT {
    private static TestGateway gateway;
    private static TestMerchant merchant;
    private static String email;
    private static final String PASSWORD = "the portal password 1";

    @BeforeAll
    static void start() {
        gateway = TestGateway.startNew(Map.of());
        merchant = gateway.createMerchant();
        email = "web-" + merchant.merchantNo() + "@example.com";
        var created = gateway.admin("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/users",
                Map.of("email", email, "role", "OWNER"));
        WebClient first = new WebClient(gateway.baseUrl());
        first.logInToPortal(email, created.json().get("temporaryPassword").asText());
        first.get("/portal/password");
        assertThat(first.submit("/portal/password", Map.of("newPassword", PASSWORD, "repeatPassword", PASSWORD))
                .statusCode()).isEqualTo(302);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void every_page_and_asset_sends_the_security_headers_signed_in_or_not() {
        WebClient signedIn = new WebClient(gateway.baseUrl());
        assertThat(signedIn.logInToPortal(email, PASSWORD).statusCode()).isEqualTo(302);
        WebClient anonymous = new WebClient(gateway.baseUrl());
        List<String> pages = webGetRoutes();
        assertThat(pages).contains("/portal/login", "/portal", "/favicon.ico");
        for (String path : pages) {
            for (WebClient client : List.of(signedIn, anonymous)) {
                HttpResponse<String> answer = client.get(path);
                assertThat(answer.statusCode()).as(path).isIn(200, 302, 303, 404);
                assertSecurityHeaders(path, answer);
            }
        }
        assertSecurityHeaders("unknown page", anonymous.get("/portal/no-such-page"));
    }

    @Test
    void the_session_cookie_is_http_only_and_same_site_strict_and_scoped_to_the_portal() {
        WebClient client = new WebClient(gateway.baseUrl());
        HttpResponse<String> form = client.get("/portal/login");
        assertThat(form.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("opp_form=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict"));
        HttpResponse<String> login = client.submit("/portal/login", Map.of("email", email, "password", PASSWORD));
        assertThat(login.statusCode()).isEqualTo(302);
        String session = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("opp_portal="))
                .findFirst().orElseThrow();
        assertThat(session).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/portal")
                .as("plain HTTP here: Secure only behind HTTPS").doesNotContain("Secure");
    }

    @Test
    void a_login_without_its_csrf_token_or_with_a_wrong_one_is_refused_and_starts_no_session() {
        WebClient client = new WebClient(gateway.baseUrl());
        client.get("/portal/login");
        for (Map<String, String> form : List.of(Map.of("email", email, "password", PASSWORD),
                Map.of("email", email, "password", PASSWORD, "csrf", "not-the-token"),
                Map.of("email", email, "password", PASSWORD, "csrf", ""))) {
            HttpResponse<String> answer = client.post("/portal/login", form);
            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(answer.body()).contains("This form was not accepted").contains("Nothing was changed")
                    .doesNotContain("Exception");
            assertThat(answer.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("opp_portal="));
            assertSecurityHeaders("refused login", answer);
        }
    }

    @Test
    void every_form_of_a_signed_in_session_refuses_a_missing_or_foreign_token_and_changes_nothing() {
        WebClient client = new WebClient(gateway.baseUrl());
        client.logInToPortal(email, PASSWORD);
        client.get("/portal");
        WebClient other = new WebClient(gateway.baseUrl());
        other.get("/portal/login");
        String foreignToken = other.csrf();
        String keyBefore = keyShownTo(client);
        for (String path : webPostRoutes()) {
            for (Map<String, String> form : List.of(Map.of("password", PASSWORD, "graceHours", "0"),
                    Map.of("password", PASSWORD, "graceHours", "0", "csrf", foreignToken))) {
                HttpResponse<String> answer = client.post(path, form);
                assertThat(answer.statusCode()).as(path).isEqualTo(403);
                assertThat(answer.body()).as(path).contains("This form was not accepted");
                assertSecurityHeaders(path, answer);
            }
        }
        assertThat(keyShownTo(client)).as("no rotation went through").isEqualTo(keyBefore);
        assertThat(client.get("/portal").statusCode()).as("still signed in: logout was refused too").isEqualTo(200);
    }

    @Test
    void a_page_that_does_not_exist_is_an_html_page_without_internals() {
        HttpResponse<String> answer = new WebClient(gateway.baseUrl()).get("/portal/no-such-page");
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(answer.body()).contains("There is no page at this address").doesNotContain("Exception")
                .doesNotContain("at org.");
    }

    @Test
    void the_gateway_serves_its_own_icon_stylesheet_and_script() {
        WebClient client = new WebClient(gateway.baseUrl());
        assertThat(client.get("/favicon.ico").headers().firstValue("Content-Type").orElseThrow())
                .startsWith("image/x-icon");
        assertThat(client.get("/static/app.css").body()).contains("font");
        assertThat(client.get("/static/app.js").body()).contains("data-confirm");
        assertThat(client.get("/static/../pom.xml").statusCode()).isIn(400, 404);
    }

    private static String keyShownTo(WebClient client) {
        client.get("/portal");
        HttpResponse<String> shown = client.submit("/portal/key/reveal", Map.of("password", PASSWORD));
        assertThat(shown.statusCode()).isEqualTo(200);
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("id=\"merchant-key\">([^<]+)<")
                .matcher(shown.body());
        assertThat(key.find()).as(shown.body()).isTrue();
        return key.group(1);
    }

    static void assertSecurityHeaders(String what, HttpResponse<?> answer) {
        var headers = answer.headers();
        assertThat(headers.firstValue("Content-Security-Policy")).as(what + " CSP").hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'").contains("script-src 'self'")
                        .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
        assertThat(headers.firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).as(what).hasValue("DENY");
    }

    private static List<String> webGetRoutes() {
        return gateway.app().routes().stream().filter(route -> route.startsWith("GET "))
                .map(route -> route.substring(4)).filter(WebSecurityIT::isWebPage).toList();
    }

    private static List<String> webPostRoutes() {
        return gateway.app().routes().stream().filter(route -> route.startsWith("POST "))
                .map(route -> route.substring(5)).filter(WebSecurityIT::isWebPage)
                .filter(path -> !path.contains("{")).toList();
    }

    private static boolean isWebPage(String path) {
        return (Web.isWebPath(path)) && !path.contains("{");
    }
}
