package org.openpaypro.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpaypro.protocol.Signer;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/** The allow-list behind a trusted proxy: a gateway whose loopback peer is in OPENPAYPRO_TRUSTED_PROXIES. */
class TrustedProxyIT {
    private static final String BALANCE = "/v1/paypro/queryBalance";
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.startNew(Map.of("OPENPAYPRO_TRUSTED_PROXIES", "127.0.0.1/32,::1"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String code(TestMerchant merchant, Map<String, String> headers, boolean wantMsg) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", Long.toString(System.currentTimeMillis()));
        body.put("sign", Signer.sign(body, merchant.secret()));
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("merchantNo", merchant.merchantNo());
        TestGateway.Answer answer = gateway.post(BALANCE, all, TestGateway.json(body));
        return wantMsg ? answer.msg() : answer.code();
    }

    @Test
    void x_forwarded_for_from_a_trusted_proxy_names_the_client_and_forwarded_or_x_real_ip_never_do() {
        TestMerchant merchant = gateway.createMerchant();
        gateway.admin("PUT", "/admin/v1/merchants/" + merchant.merchantNo() + "/ip-allowlist",
                Map.of("cidrs", List.of("198.51.100.0/24")));
        assertThat(code(merchant, Map.of("X-Forwarded-For", "198.51.100.7"), false)).isEqualTo("0000");
        assertThat(code(merchant, Map.of("X-Forwarded-For", "203.0.113.9, 198.51.100.7"), false))
                .isEqualTo("0000");
        assertThat(code(merchant, Map.of("X-Forwarded-For", "198.51.100.7, 203.0.113.5"), true))
                .isEqualTo("request from 203.0.113.5 is not in the merchant's IP allow-list");
        assertThat(code(merchant, Map.of("Forwarded", "for=198.51.100.7"), true))
                .isEqualTo("request from 127.0.0.1 is not in the merchant's IP allow-list");
        assertThat(code(merchant, Map.of("X-Real-IP", "198.51.100.7"), true))
                .isEqualTo("request from 127.0.0.1 is not in the merchant's IP allow-list");
        assertThat(code(merchant, Map.of("X-Forwarded-For", "not-an-address"), true))
                .isEqualTo("request from 127.0.0.1 is not in the merchant's IP allow-list");
    }
}
