package org.openpaypro.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Failed operator authentication is throttled per client address (20 a minute here, the default), and a valid token
 * is never throttled. The calls come from their own 127/8 source addresses so the counts of other tests do not meet.
 */
class ThrottleIT {
    private final AccessGateway access = new AccessGateway();

    @Test
    void the_twenty_first_failure_within_a_minute_is_a_429_but_valid_tokens_still_pass_from_that_address() {
        String address = "127.0.0.2";
        for (int i = 0; i < 20; i++) {
            AccessGateway.Raw wrong = access.callFrom(address, "GET", "/admin/v1/ledger/check", "wrong-token-" + i);
            assertThat(wrong.status()).as("attempt " + (i + 1) + " " + wrong.answer().body()).isEqualTo(401);
        }
        AccessGateway.Raw throttled = access.callFrom(address, "GET", "/admin/v1/ledger/check", "wrong-token-21");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.answer().json().get("error").asText())
                .contains("too many failed authentication attempts from " + address);
        assertThat(throttled.head()).containsPattern("(?i)\r\nRetry-After: [1-6]?[0-9]\r\n");
        AccessGateway.Raw missing = access.callFrom(address, "POST", "/admin/v1/settlement/run", null);
        assertThat(missing.status()).as("no token counts as a failure too").isEqualTo(429);

        assertThat(access.callFrom(address, "GET", "/admin/v1/ledger/check", access.bootstrap()).status())
                .isEqualTo(200);
        AccessGateway.Operator support = access.operator(Role.SUPPORT);
        assertThat(access.callFrom(address, "GET", "/admin/v1/ledger/check", support.token()).status())
                .isEqualTo(200);
        assertThat(access.callFrom("127.0.0.3", "GET", "/admin/v1/ledger/check", "wrong").status())
                .as("another address is not throttled").isEqualTo(401);
    }

    @Test
    void the_audit_records_the_peer_address_a_change_came_from() {
        AccessGateway.Operator owner = access.operator(Role.OWNER);
        long audit = access.lastAuditId();
        AccessGateway.Raw revoke = access.callFrom("127.0.0.5", "DELETE", "/admin/v1/operators/" + owner.email()
                + "/tokens/main", access.bootstrap());
        assertThat(revoke.status()).as(revoke.answer().body()).isEqualTo(200);
        assertThat(access.auditSince(audit)).singleElement()
                .satisfies(row -> assertThat(row.get("address")).isEqualTo("127.0.0.5"));
    }
}
