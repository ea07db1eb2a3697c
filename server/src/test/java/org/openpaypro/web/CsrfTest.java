package org.openpaypro.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsrfTest {
    private final Csrf csrf = new Csrf("00".repeat(32));

    @Test
    void a_token_matches_only_its_own_binding_and_under_the_same_master_key() {
        String token = csrf.tokenFor("PORTAL:cookie-a");
        assertThat(csrf.matches(token, "PORTAL:cookie-a")).isTrue();
        assertThat(csrf.matches(token, "PORTAL:cookie-b")).isFalse();
        assertThat(csrf.matches(token, "CONSOLE:cookie-a")).isFalse();
        assertThat(new Csrf("11".repeat(32)).matches(token, "PORTAL:cookie-a")).isFalse();
    }

    @Test
    void a_missing_token_or_binding_never_matches() {
        assertThat(csrf.matches(null, "PORTAL:cookie-a")).isFalse();
        assertThat(csrf.matches("", "PORTAL:cookie-a")).isFalse();
        assertThat(csrf.matches(csrf.tokenFor("x"), null)).isFalse();
    }

    @Test
    void session_cookies_are_http_only_same_site_strict_and_secure_only_behind_https() {
        WebSessions plain = new WebSessions(null, java.time.Duration.ofMinutes(30), false, csrf,
                java.time.Clock.systemUTC());
        WebSessions https = new WebSessions(null, java.time.Duration.ofMinutes(30), true, csrf,
                java.time.Clock.systemUTC());
        var cookie = plain.cookie(Area.PORTAL, "value", -1);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo(io.javalin.http.SameSite.STRICT);
        assertThat(cookie.getPath()).isEqualTo("/portal");
        assertThat(cookie.getSecure()).isFalse();
        assertThat(https.cookie(Area.CONSOLE, "value", -1).getSecure()).isTrue();
        assertThat(https.cookie(Area.CONSOLE, "value", -1).getPath()).isEqualTo("/console");
    }
}
