package org.openpaypro.access;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;
import org.slf4j.LoggerFactory;

/**
 * Operators and their personal tokens: emails are case-insensitive and URL-encoded in paths; a token is shown once,
 * works until revoked, records its last use; neither a token nor a temporary password shows up in any later answer,
 * any log line or any database column in clear.
 */
class OperatorsIT {
    private final AccessGateway access = new AccessGateway();

    @Test
    void an_owner_creates_an_operator_by_a_mixed_case_email_and_it_is_found_by_any_case_url_encoded() {
        String email = AccessGateway.unique("Maria.Silva+") + "@Ops.Example";
        Answer created = access.asBootstrap("POST", "/admin/v1/operators", Map.of("email", email, "role", "FINANCE"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(created.json().get("role").asText()).isEqualTo("FINANCE");
        assertThat(created.json().get("temporaryPassword").asText()).hasSize(16);
        String encoded = email.toUpperCase().replace("@", "%40").replace("+", "%2B");
        Answer token = access.asBootstrap("POST", "/admin/v1/operators/" + encoded + "/tokens", Map.of("name", "cli"));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        assertThat(token.json().get("token").asText()).startsWith("opp_").hasSize(47);
        Answer list = access.asBootstrap("GET", "/admin/v1/operators", null);
        assertThat(list.json().get("operators").findValuesAsText("email")).contains(email.toLowerCase());
        assertThat(list.body()).doesNotContain("temporaryPassword").doesNotContain("argon2")
                .doesNotContain(created.json().get("temporaryPassword").asText());
        assertThat(access.asBootstrap("POST", "/admin/v1/operators", Map.of("email", email.toUpperCase(),
                "role", "ADMIN")).status()).isEqualTo(409);
    }

    @Test
    void a_token_works_records_its_last_use_and_is_a_401_from_the_moment_it_is_revoked() {
        AccessGateway.Operator support = access.operator(Role.SUPPORT);
        String path = "/admin/v1/operators/" + support.email() + "/tokens";
        assertThat(access.asBootstrap("GET", path, null).json().get("tokens").get(0).get("lastUsedAt").isNull())
                .isTrue();
        Instant before = Instant.now().minusSeconds(2);
        assertThat(access.call("GET", "/admin/v1/ledger/check", null, support.token()).status()).isEqualTo(200);
        Answer tokens = access.asBootstrap("GET", path, null);
        assertThat(Instant.parse(tokens.json().get("tokens").get(0).get("lastUsedAt").asText())).isAfter(before);
        assertThat(tokens.body()).doesNotContain(support.token()).contains("\"name\":\"main\"");

        Answer revoked = access.asBootstrap("DELETE", path + "/main", null);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("revokedAt").isNull()).isFalse();
        Answer refused = access.call("GET", "/admin/v1/ledger/check", null, support.token());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(access.asBootstrap("DELETE", path + "/main", null).status()).isEqualTo(404);
        Answer again = access.asBootstrap("POST", path, Map.of("name", "main"));
        assertThat(again.status()).as("a revoked name can be used again").isEqualTo(201);
        assertThat(access.call("GET", "/admin/v1/ledger/check", null, again.json().get("token").asText()).status())
                .isEqualTo(200);
        assertThat(access.asBootstrap("GET", path, null).json().get("tokens")).hasSize(2);
    }

    @Test
    void unknown_and_malformed_tokens_are_a_401_also_right_after_the_valid_token_on_the_same_connection() {
        AccessGateway.Operator admin = access.operator(Role.ADMIN);
        for (String token : List.of("opp_" + "A".repeat(43), admin.token() + "x", admin.token().substring(0, 46),
                "opp_", admin.token().toUpperCase(), access.bootstrap().toUpperCase())) {
            assertThat(access.call("GET", "/admin/v1/ledger/check", null, admin.token()).status()).isEqualTo(200);
            assertThat(access.call("GET", "/admin/v1/ledger/check", null, access.bootstrap()).status())
                    .isEqualTo(200);
            Answer answer = access.call("GET", "/admin/v1/ledger/check", null, token);
            assertThat(answer.status()).as(token + " " + answer.body()).isEqualTo(401);
            assertThat(answer.json().get("error").asText()).isEqualTo("missing or wrong bearer token");
        }
    }

    @Test
    void tokens_and_temporary_passwords_appear_in_no_later_answer_no_log_line_and_no_column_in_clear() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        List<String> secrets = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        try {
            String email = AccessGateway.unique("secret.") + "@ops.example";
            Answer created = access.asBootstrap("POST", "/admin/v1/operators", Map.of("email", email, "role", "OWNER"));
            String password = created.json().get("temporaryPassword").asText();
            secrets.add(password);
            String token = access.asBootstrap("POST", "/admin/v1/operators/" + email + "/tokens",
                    Map.of("name", "laptop")).json().get("token").asText();
            secrets.add(token);
            TestMerchant merchant = access.merchant("BR");
            secrets.add(merchant.secret());
            answers.add(access.call("POST", "/admin/v1/operators/" + email + "/tokens", Map.of("name", "ci"), token)
                    .body());
            answers.add(access.call("GET", "/admin/v1/operators", null, token).body());
            answers.add(access.call("GET", "/admin/v1/operators/" + email + "/tokens", null, token).body());
            answers.add(access.call("GET", "/admin/v1/audit?limit=500", null, token).body());
            answers.add(access.call("GET", "/admin/v1/merchants/" + merchant.merchantNo(), null, token).body());
            answers.add(access.call("GET", "/admin/v1/ledger/check", null, token + "x").body());
            answers.add(access.call("DELETE", "/admin/v1/operators/" + email + "/tokens/ci", null, token).body());
            String hash = access.gateway.app().database().jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT password_hash FROM operator WHERE email = :email").bind("email", email)
                    .mapTo(String.class).one());
            assertThat(Passwords.verify(password, hash)).as("the stored hash verifies the shown password").isTrue();
        } finally {
            root.detachAppender(logs);
        }
        List<String> columns = access.gateway.app().database().jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT row_to_json(o)::text FROM operator o
                        UNION ALL SELECT row_to_json(t)::text FROM operator_token t
                        UNION ALL SELECT encode(token_sha256, 'escape') FROM operator_token
                        UNION ALL SELECT row_to_json(a)::text FROM audit_entry a
                        UNION ALL SELECT row_to_json(r)::text FROM adjustment_request r""")
                .mapTo(String.class).list());
        List<String> lines = logs.list.stream().map(event -> event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .toList();
        for (String secret : secrets) {
            assertThat(answers).noneMatch(answer -> answer.contains(secret));
            assertThat(lines).noneMatch(line -> line.contains(secret));
            assertThat(columns).noneMatch(column -> column.contains(secret));
        }
        assertThat(answers).hasSize(7);
    }
}
