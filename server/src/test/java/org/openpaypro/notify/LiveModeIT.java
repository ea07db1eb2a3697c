package org.openpaypro.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Live mode: no sandbox API, and callback URLs that point inside the network are refused (SSRF). Every URL here is
 * refused or only accepted (no trade is finished in live mode), so no callback is ever sent.
 */
class LiveModeIT {
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.startNew(Map.of("OPENPAYPRO_MODE", "live",
                "OPENPAYPRO_MASTER_KEY", "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static Map<String, String> payin(String notifyUrl) {
        return Map.of("tradeNo", "L" + System.nanoTime(), "amount", "10.00", "name", "Ana", "identityType", "CPF",
                "userIdentity", "12345678909", "notifyUrl", notifyUrl, "remark", "r");
    }

    @Test
    void loopback_and_private_notify_urls_are_refused_at_creation_and_nothing_is_written() {
        TestMerchant merchant = gateway.createMerchant();
        var before = gateway.snapshot();
        for (String url : new String[] {"http://127.0.0.1/notify", "http://10.0.0.1/notify", "http://localhost:8080/n",
                "http://169.254.169.254/latest", "http://192.168.1.10/n", "http://[::1]/n", "http://0.0.0.0/n"}) {
            Answer answer = gateway.signed("/v1/paypro/payin", merchant.merchantNo(), merchant.secret(), payin(url));
            assertThat(answer.code()).as(url).isEqualTo("8000");
            assertThat(answer.msg()).as(url).isEqualTo("notifyUrl must not point to a loopback, private, link-local "
                    + "or multicast address");
        }
        Answer admin = gateway.admin("POST", "/admin/v1/merchants", Map.of("name", "x", "country", "BR",
                "notifyUrl", "http://127.0.0.1/notify"));
        assertThat(admin.status()).isEqualTo(400);
        assertThat(admin.json().get("error").asText()).contains("loopback");
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    @Test
    void special_purpose_blocks_embedded_ipv4_and_odd_spellings_are_refused_at_creation_and_nothing_is_written() {
        TestMerchant merchant = gateway.createMerchant();
        var before = gateway.snapshot();
        for (String url : new String[] {"http://198.18.0.1/n", "http://192.0.0.8/n", "http://240.0.0.1/n",
                "http://255.255.255.255/n", "http://100.64.0.1/n", "http://203.0.113.5/n", "http://2130706433/n",
                "http://0x7f000001/n", "http://0177.0.0.1/n", "http://LOCALHOST./n", "http://api.localhost/n",
                "http://[::ffff:127.0.0.1]/n", "http://[::ffff:a9fe:a9fe]/n", "http://[64:ff9b::7f00:1]/n",
                "http://[64:ff9b::a9fe:a9fe]/n", "http://[2002:7f00:1::]/n", "http://[::7f00:1]/n",
                "http://[2001:db8::1]/n", "http://[fec0::1]/n", "http://[ff02::1]/n"}) {
            Answer answer = gateway.signed("/v1/paypro/payin", merchant.merchantNo(), merchant.secret(), payin(url));
            assertThat(answer.code()).as(url).isEqualTo("8000");
            assertThat(answer.msg()).as(url).isEqualTo("notifyUrl must not point to a loopback, private, link-local "
                    + "or multicast address");
        }
        Answer admin = gateway.admin("POST", "/admin/v1/merchants", Map.of("name", "x", "country", "BR",
                "notifyUrl", "http://[64:ff9b::c0a8:1]/notify"));
        assertThat(admin.status()).isEqualTo(400);
        assertThat(admin.json().get("error").asText()).contains("special-purpose");
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    @Test
    void a_merchant_whose_public_host_is_reached_through_nat64_is_accepted() {
        Answer admin = gateway.admin("POST", "/admin/v1/merchants", Map.of("name", "nat64", "country", "BR",
                "notifyUrl", "http://[64:ff9b::5db8:d822]/notify"));
        assertThat(admin.status()).isEqualTo(201);
    }

    @Test
    void a_public_notify_url_passes_the_address_check_and_only_the_missing_channel_refuses_the_order() {
        TestMerchant merchant = gateway.createMerchant();
        Answer answer = gateway.signed("/v1/paypro/payin", merchant.merchantNo(), merchant.secret(),
                payin("http://93.184.216.34/notify"));
        // Live mode has no simulator (issue 10, security 1): the address is accepted, the channel check comes next.
        assertThat(answer.code()).isEqualTo("8000");
        assertThat(answer.msg()).isEqualTo("no payment channel is configured for BR payin");
    }

    @Test
    void the_sandbox_api_does_not_exist_in_live_mode() {
        Answer answer = gateway.admin("POST", "/sandbox/v1/trades/abc/complete", Map.of("status", "0000"));
        assertThat(answer.status()).isEqualTo(404);
    }
}
