package org.openpaypro.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.openpaypro.access.AuditLog;
import org.openpaypro.merchant.MerchantUsers.LoginResult;
import org.openpaypro.merchant.MerchantUsers.PasswordChange;
import org.openpaypro.testing.MutableClock;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Merchant users against the real database: creation through the operator API, then the login service the portal
 * will call, with a controllable clock for throttling windows and TOTP steps.
 */
class MerchantUsersIT {
    private static final String NEW_PASSWORD = "correct horse battery staple";
    private final TestGateway gateway = TestGateway.get();
    private final TestMerchant merchant = gateway.createMerchant();
    private final Jdbi jdbi = gateway.app().database().jdbi();
    private final MutableClock clock = new MutableClock(Instant.now());
    private final MerchantService merchants = new MerchantService(jdbi,
            new MerchantRepository(new SecretBox(gateway.masterKey())), clock, new AuditLog());
    private final MerchantUsers users = new MerchantUsers(jdbi, merchants, new SecretBox(gateway.masterKey()),
            new AuditLog(), clock);

    private static String email(String name) {
        return name + "-" + System.nanoTime() + "@Shop.Example";
    }

    private Answer createUser(String email, String role) {
        return gateway.admin("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/users",
                Map.of("email", email, "role", role));
    }

    private String temporaryPassword(String email, String role) {
        Answer answer = createUser(email, role);
        assertThat(answer.status()).isEqualTo(201);
        return answer.json().get("temporaryPassword").asText();
    }

    @Test
    void a_user_is_created_with_a_temporary_password_once_and_its_email_is_unique_whatever_its_case() {
        String email = email("Owner");
        Answer created = createUser(email, "OWNER");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(created.json().get("role").asText()).isEqualTo("OWNER");
        String temporary = created.json().get("temporaryPassword").asText();
        assertThat(temporary).hasSize(16);

        TestMerchant other = gateway.createMerchant();
        Answer duplicate = gateway.admin("POST", "/admin/v1/merchants/" + other.merchantNo() + "/users",
                Map.of("email", email.toUpperCase(), "role", "VIEWER"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(gateway.auditRows("merchant.user.create", merchant.merchantNo())).isEqualTo(1);
        assertThat(gateway.auditRows("merchant.user.create", other.merchantNo())).isZero();

        String stored = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT password_hash FROM merchant_user WHERE email = :e").bind("e", email.toLowerCase())
                .mapTo(String.class).one());
        assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(temporary);
        String summaries = jdbi.withHandle(handle -> String.join("\n", handle.createQuery(
                "SELECT summary FROM audit_entry").mapTo(String.class).list()));
        assertThat(summaries).doesNotContain(temporary);
    }

    @Test
    void bad_user_requests_are_refused_with_400_or_404_and_create_nothing() {
        for (Map<String, String> body : List.of(Map.of("email", "no-at-sign", "role", "OWNER"),
                Map.of("email", email("a"), "role", "ADMIN"), Map.of("email", email("b")),
                Map.of("role", "VIEWER"))) {
            Answer answer = gateway.admin("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/users", body);
            assertThat(answer.status()).as(body.toString()).isEqualTo(400);
        }
        assertThat(gateway.admin("POST", "/admin/v1/merchants/0000000000/users",
                Map.of("email", email("c"), "role", "VIEWER")).status()).isEqualTo(404);
        assertThat(gateway.auditRows("merchant.user.create", merchant.merchantNo())).isZero();
    }

    @Test
    void the_temporary_password_logs_in_only_until_it_is_changed_and_then_must_change_is_cleared() {
        String email = email("dev");
        String temporary = temporaryPassword(email, "DEVELOPER");
        LoginResult first = users.login(email, temporary, null, "198.51.100.1");
        assertThat(first).isInstanceOfSatisfying(LoginResult.LoggedIn.class, in -> {
            assertThat(in.mustChangePassword()).isTrue();
            assertThat(in.user().role()).isEqualTo(MerchantUsers.Role.DEVELOPER);
        });
        assertThat(users.changePassword(email, temporary, "short")).isEqualTo(PasswordChange.TOO_SHORT);
        assertThat(users.changePassword(email, temporary, temporary)).isEqualTo(PasswordChange.UNCHANGED);
        assertThat(users.changePassword(email, "wrong password!", NEW_PASSWORD)).isEqualTo(PasswordChange.REFUSED);
        assertThat(users.changePassword(email.toUpperCase(), temporary, NEW_PASSWORD))
                .isEqualTo(PasswordChange.CHANGED);

        assertThat(users.login(email, temporary, null, "198.51.100.1")).isInstanceOf(LoginResult.Refused.class);
        assertThat(users.login(email, NEW_PASSWORD, null, "198.51.100.1"))
                .isInstanceOfSatisfying(LoginResult.LoggedIn.class, in -> assertThat(in.mustChangePassword())
                        .isFalse());
    }

    @Test
    void five_failures_block_the_account_for_15_minutes_even_with_the_right_password_then_it_works_again() {
        String email = email("blocked");
        String temporary = temporaryPassword(email, "VIEWER");
        for (int i = 0; i < MerchantUsers.ACCOUNT_FAILURE_LIMIT; i++) {
            assertThat(users.login(email, "wrong-" + i, null, "198.51.100." + (10 + i)))
                    .isInstanceOf(LoginResult.Refused.class);
        }
        assertThat(users.login(email, temporary, null, "198.51.100.99"))
                .isInstanceOfSatisfying(LoginResult.Throttled.class, t -> assertThat(t.retryAfter())
                        .isAfter(clock.instant().plus(Duration.ofMinutes(14))));
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(users.login(email, temporary, null, "198.51.100.99")).isInstanceOf(LoginResult.LoggedIn.class);
    }

    @Test
    void one_address_failing_twenty_times_is_throttled_for_every_account_while_other_addresses_still_log_in() {
        String email = email("victim");
        String temporary = temporaryPassword(email, "VIEWER");
        String attacker = "203.0.113." + (System.nanoTime() % 200);
        for (int i = 0; i < MerchantUsers.ADDRESS_FAILURE_LIMIT; i++) {
            assertThat(users.login("nobody-" + i + "@x.example", "guess", null, attacker))
                    .isInstanceOf(LoginResult.Refused.class);
        }
        assertThat(users.login(email, temporary, null, attacker)).isInstanceOf(LoginResult.Throttled.class);
        assertThat(users.login(email, temporary, null, "198.51.100.200")).isInstanceOf(LoginResult.LoggedIn.class);
    }

    @Test
    void with_totp_a_login_needs_the_current_code_and_each_code_works_once() {
        String email = email("totp");
        String temporary = temporaryPassword(email, "OWNER");
        MerchantUsers.TotpEnrolment enrolment = users.beginTotpEnrolment(email).orElseThrow();
        byte[] secret = Base32.decode(enrolment.secretBase32());
        assertThat(enrolment.otpauthUri()).startsWith("otpauth://totp/OpenPayPro:").contains("period=30");
        assertThat(users.confirmTotp(email, "000000".equals(code(secret)) ? "111111" : "000000")).isFalse();
        assertThat(users.confirmTotp(email, code(secret))).isTrue();
        byte[] stored = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT totp_secret_enc FROM merchant_user WHERE email = :e").bind("e", email.toLowerCase())
                .mapTo(byte[].class).one());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(enrolment.secretBase32());

        clock.advance(Duration.ofSeconds(30));
        assertThat(users.login(email, temporary, null, "198.51.100.3"))
                .isInstanceOf(LoginResult.SecondFactorRequired.class);
        String code = code(secret);
        assertThat(users.login(email, temporary, code, "198.51.100.3")).isInstanceOf(LoginResult.LoggedIn.class);
        assertThat(users.login(email, temporary, code, "198.51.100.3")).isInstanceOf(LoginResult.Refused.class);
        clock.advance(Duration.ofSeconds(30));
        assertThat(users.login(email, "wrong password", code(secret), "198.51.100.3"))
                .isInstanceOf(LoginResult.Refused.class);
        assertThat(users.login(email, temporary, code(secret), "198.51.100.3"))
                .isInstanceOf(LoginResult.LoggedIn.class);
    }

    @Test
    void an_owner_can_require_totp_for_the_merchant_and_then_users_without_it_must_enrol() {
        String owner = email("boss");
        String viewer = email("viewer");
        temporaryPassword(owner, "OWNER");
        String viewerPassword = temporaryPassword(viewer, "VIEWER");
        assertThat(users.setTotpRequired(viewer, true)).isFalse();
        assertThat(users.login(viewer, viewerPassword, null, "198.51.100.4"))
                .isInstanceOfSatisfying(LoginResult.LoggedIn.class, in -> assertThat(in.mustEnrolTotp()).isFalse());
        assertThat(users.setTotpRequired(owner, true)).isTrue();
        assertThat(merchants.find(merchant.merchantNo()).orElseThrow().totpRequired()).isTrue();
        assertThat(users.login(viewer, viewerPassword, null, "198.51.100.4"))
                .isInstanceOfSatisfying(LoginResult.LoggedIn.class, in -> assertThat(in.mustEnrolTotp()).isTrue());
    }

    private String code(byte[] secret) {
        return Totp.code(secret, Totp.step(clock.instant().getEpochSecond()), Totp.DIGITS);
    }
}
