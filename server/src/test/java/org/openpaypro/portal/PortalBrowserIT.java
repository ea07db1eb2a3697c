package org.openpaypro.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;
import org.openpaypro.web.Browser;

/**
 * The merchant portal in a real browser (issue 14): a person logs in, changes the first password, reads and rotates
 * the key, works with trades and callbacks; every page is checked by {@link Browser} (no console error, no request
 * outside the gateway, screenshot saved).
 */
class PortalBrowserIT {
    private static TestGateway gateway;
    private static Browser browser;

    @BeforeAll
    static void start() {
        gateway = TestGateway.startNew(Map.of());
        browser = Browser.start(gateway.baseUrl(), "portal");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    /** A merchant with one user of {@code role}; returns the user's temporary password. */
    static String newUser(TestMerchant merchant, String email, String role) {
        var answer = gateway.admin("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/users",
                Map.of("email", email, "role", role));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("temporaryPassword").asText();
    }

    static void logIn(String email, String password) {
        browser.open("/portal/login").fill("Email", email).fill("Password", password).press("Log in");
    }

    static void logOut() {
        if (browser.hasButton("Log out")) {
            browser.press("Log out");
        }
    }

    @Test
    void a_wrong_password_is_refused_and_repeated_failures_block_the_account_for_a_while() {
        TestMerchant merchant = gateway.createMerchant();
        String email = "wrong-" + merchant.merchantNo() + "@example.com";
        String temporary = newUser(merchant, email, "OWNER");

        logIn(email, "not the password at all");
        assertThat(browser.text()).contains("The email, password or code is not right");
        assertThat(browser.hasButton("Log out")).isFalse();
        for (int i = 0; i < 4; i++) {
            logIn(email, "still not the password " + i);
        }
        logIn(email, temporary);
        assertThat(browser.text()).contains("Too many failed attempts");
        assertThat(browser.hasButton("Log out")).as("even the right password waits").isFalse();
    }

    @Test
    void the_first_login_asks_for_a_new_password_and_then_shows_the_merchant_number() {
        TestMerchant merchant = gateway.createMerchant();
        String email = "first-" + merchant.merchantNo() + "@example.com";
        String temporary = newUser(merchant, email, "OWNER");

        logIn(email, temporary);
        assertThat(browser.path()).isEqualTo("/portal/password");
        browser.open("/portal");
        assertThat(browser.path()).as("nothing else before the password is changed").isEqualTo("/portal/password");
        browser.fill("New password", "a long new password 1").fill("Repeat new password", "a different one 22")
                .press("Save the new password");
        assertThat(browser.text()).contains("The two passwords are not the same");
        browser.fill("New password", "a long new password 1").fill("Repeat new password", "a long new password 1")
                .press("Save the new password");
        assertThat(browser.path()).startsWith("/portal");
        assertThat(browser.text()).contains("Your new password is saved").contains(merchant.merchantNo());
        logOut();
        assertThat(browser.text()).contains("You are logged out");
        logIn(email, "a long new password 1");
        assertThat(browser.textOf("merchant-no")).isEqualTo(merchant.merchantNo());
        logOut();
    }
}
