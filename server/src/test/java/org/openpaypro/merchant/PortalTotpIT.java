package org.openpaypro.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.web.WebClient;

/**
 * Two-factor authentication in the portal (issue 14): a user enrols a TOTP secret from the portal page and then
 * needs a code to log in; a code is good once. (In this package to read the secret as the app would, Base32.)
 */
class PortalTotpIT {
    @Test
    void a_user_who_enrolled_totp_in_the_portal_needs_a_fresh_code_to_log_in() {
        try (TestGateway gateway = TestGateway.startNew(Map.of())) {
            var merchant = gateway.createMerchant();
            String email = "totp-" + merchant.merchantNo() + "@example.com";
            String password = "totp user password 1";
            var created = gateway.admin("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/users",
                    Map.of("email", email, "role", "DEVELOPER"));
            WebClient client = new WebClient(gateway.baseUrl());
            client.logInToPortal(email, created.json().get("temporaryPassword").asText());
            client.get("/portal/password");
            client.submit("/portal/password", Map.of("newPassword", password, "repeatPassword", password));
            client.get("/portal/totp");
            String page = client.submit("/portal/totp/start", Map.of()).body();
            Matcher secret = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<").matcher(page);
            assertThat(secret.find()).as(page).isTrue();
            byte[] key = Base32.decode(secret.group(1));
            long step = Totp.step(Instant.now().getEpochSecond());
            assertThat(client.submit("/portal/totp/confirm", Map.of("code", "000000")).body())
                    .contains("That code is not right");
            assertThat(client.submit("/portal/totp/confirm", Map.of("code", Totp.code(key, step, 6)))
                    .headers().firstValue("Location")).hasValue("/portal?notice=totp");
            client.get("/portal");
            client.submit("/portal/logout", Map.of());

            WebClient again = new WebClient(gateway.baseUrl());
            assertThat(again.logInToPortal(email, password).body()).contains("Enter the code from your authenticator");
            assertThat(again.submit("/portal/login", Map.of("email", email, "password", password,
                    "code", Totp.code(key, step, 6))).statusCode()).as("a code is good once").isEqualTo(401);
            var in = again.submit("/portal/login", Map.of("email", email, "password", password,
                    "code", Totp.code(key, step + 1, 6)));
            assertThat(in.statusCode()).isEqualTo(302);
            assertThat(in.headers().firstValue("Location")).hasValue("/portal");
        }
    }
}
