package org.openpaypro.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.openpaypro.access.AuditLog;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;
import org.slf4j.LoggerFactory;

/**
 * Keys, passwords and TOTP secrets of merchant access appear in no log line, in no answer after the one that
 * creates them, and in no database column in clear.
 */
class SecretsStayHiddenIT {
    private final TestGateway gateway = TestGateway.get();
    private final Jdbi jdbi = gateway.app().database().jdbi();

    @Test
    void keys_passwords_and_totp_secrets_are_in_no_log_line_no_later_answer_and_no_clear_column() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        List<String> secrets = new ArrayList<>();
        List<String> laterAnswers = new ArrayList<>();
        try {
            TestMerchant merchant = gateway.createMerchant();
            secrets.add(merchant.secret());
            String no = merchant.merchantNo();
            secrets.add(gateway.admin("POST", "/admin/v1/merchants/" + no + "/secret/rotate",
                    Map.of("graceHours", 1)).json().get("secretKey").asText());
            String email = "hidden-" + System.nanoTime() + "@shop.example";
            String temporary = gateway.admin("POST", "/admin/v1/merchants/" + no + "/users",
                    Map.of("email", email, "role", "OWNER")).json().get("temporaryPassword").asText();
            secrets.add(temporary);
            MerchantUsers users = new MerchantUsers(jdbi, new MerchantService(jdbi,
                    new MerchantRepository(new SecretBox(gateway.masterKey()))),
                    new SecretBox(gateway.masterKey()), new AuditLog(), Clock.systemUTC());
            users.login(email, "a wrong password", null, "198.51.100.77");
            users.changePassword(email, temporary, "a brand new long password");
            secrets.add("a brand new long password");
            secrets.add(users.beginTotpEnrolment(email).orElseThrow().secretBase32());
            gateway.signed("/v1/paypro/queryBalance", no, "0".repeat(32), Map.of()); // refused: wrong key
            laterAnswers.add(gateway.admin("GET", "/admin/v1/merchants/" + no, null).body());
            laterAnswers.add(gateway.admin("PATCH", "/admin/v1/merchants/" + no, Map.of("status", "ACTIVE")).body());
            laterAnswers.add(gateway.admin("PUT", "/admin/v1/merchants/" + no + "/ip-allowlist",
                    Map.of("cidrs", List.of())).body());
            laterAnswers.add(gateway.admin("POST", "/admin/v1/merchants/" + no + "/users",
                    Map.of("email", email, "role", "OWNER")).body()); // 409
        } finally {
            root.detachAppender(captured);
        }
        String logs = String.join("\n", captured.list.stream().map(event -> event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .toList());
        String columns = jdbi.withHandle(handle -> String.join("\n", handle.createQuery("""
                        SELECT encode(secret_enc, 'escape') || coalesce(encode(previous_secret_enc, 'escape'), '')
                        FROM merchant UNION ALL
                        SELECT password_hash || coalesce(encode(totp_pending_enc, 'escape'), '')
                            || coalesce(encode(totp_secret_enc, 'escape'), '') FROM merchant_user UNION ALL
                        SELECT summary FROM audit_entry""").mapTo(String.class).list()));
        for (String secret : secrets) {
            assertThat(logs).doesNotContain(secret);
            assertThat(String.join("\n", laterAnswers)).doesNotContain(secret);
            assertThat(columns).doesNotContain(secret);
        }
    }
}
