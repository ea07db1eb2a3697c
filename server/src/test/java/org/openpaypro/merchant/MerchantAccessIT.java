package org.openpaypro.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openpaypro.protocol.HmacSignature;
import org.openpaypro.protocol.Signer;
import org.openpaypro.sdk.ApiResult;
import org.openpaypro.sdk.BalanceData;
import org.openpaypro.sdk.NotifyVerifier;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.CallbackReceiver;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/** IP allow-list, merchant status and settings, and the opt-in HMAC-SHA256 signature over the real API. */
class MerchantAccessIT {
    private static final String BALANCE = "/v1/paypro/queryBalance";
    private final TestGateway gateway = TestGateway.get();
    private final TestMerchant merchant = gateway.createMerchant();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void ledger_is_consistent() {
        assertThat(gateway.admin("GET", "/admin/v1/ledger/check", null).json().get("ok").asBoolean()).isTrue();
    }

    private Answer allow(Object body) {
        return gateway.admin("PUT", "/admin/v1/merchants/" + merchant.merchantNo() + "/ip-allowlist", body);
    }

    private Answer patch(Object body) {
        return gateway.admin("PATCH", "/admin/v1/merchants/" + merchant.merchantNo(), body);
    }

    private Answer balance(Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("merchantNo", merchant.merchantNo());
        return gateway.post(BALANCE, all, signedBody());
    }

    private String signedBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", Long.toString(System.currentTimeMillis()));
        body.put("sign", Signer.sign(body, merchant.secret()));
        return TestGateway.json(body);
    }

    /** The same signed request to the gateway over IPv6 loopback. */
    private String balanceOverIpv6() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://[::1]:" + gateway.app().port() + BALANCE))
                .header("merchantNo", merchant.merchantNo()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(signedBody())).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void an_allow_list_refuses_other_addresses_with_8000_naming_the_address_seen_and_empty_turns_it_off()
            throws Exception {
        Answer set = allow(Map.of("cidrs", List.of("203.0.113.7/24", "2001:db8::/32")));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().get("cidrs")).hasSize(2);
        assertThat(set.json().get("cidrs").get(0).asText()).isEqualTo("203.0.113.0/24");
        Answer refused = balance(Map.of());
        assertThat(refused.code()).isEqualTo("8000");
        assertThat(refused.msg()).isEqualTo("request from 127.0.0.1 is not in the merchant's IP allow-list");
        assertThat(balanceOverIpv6()).contains("request from 0:0:0:0:0:0:0:1 is not in the merchant's IP allow-list");

        allow(Map.of("cidrs", List.of("::1/128")));
        assertThat(balanceOverIpv6()).contains("\"code\":\"0000\"");
        assertThat(balance(Map.of()).msg()).isEqualTo("request from 127.0.0.1 is not in the merchant's IP allow-list");

        allow(Map.of("cidrs", List.of("127.0.0.0/8")));
        assertThat(balance(Map.of()).code()).isEqualTo("0000");

        assertThat(allow(Map.of("cidrs", List.of())).json().get("cidrs")).isEmpty();
        assertThat(balance(Map.of()).code()).isEqualTo("0000");
        assertThat(gateway.auditRows("merchant.ip-allowlist.set", merchant.merchantNo())).isEqualTo(4);
    }

    @Test
    void forwarded_headers_are_not_believed_from_a_peer_that_is_no_trusted_proxy() {
        allow(Map.of("cidrs", List.of("198.51.100.0/24")));
        for (Map<String, String> headers : List.of(Map.of("X-Forwarded-For", "198.51.100.7"),
                Map.of("Forwarded", "for=198.51.100.7"), Map.of("X-Real-IP", "198.51.100.7"))) {
            assertThat(balance(headers).msg()).as(headers.toString())
                    .isEqualTo("request from 127.0.0.1 is not in the merchant's IP allow-list");
        }
    }

    @Test
    void a_malformed_cidr_is_refused_with_400_and_leaves_the_allow_list_as_it_was() {
        allow(Map.of("cidrs", List.of("127.0.0.0/8")));
        long audited = gateway.auditRows("merchant.ip-allowlist.set", merchant.merchantNo());
        for (Object body : List.of(Map.of("cidrs", List.of("127.0.0.0/8", "10.0.0.0/33")),
                Map.of("cidrs", List.of("localhost")), Map.of("cidrs", "127.0.0.1"), Map.of("cidrs", List.of(7)),
                Map.of(), Map.of("cidrs", List.of(), "extra", 1))) {
            Answer answer = allow(body);
            assertThat(answer.status()).as(body.toString()).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).isNotBlank();
        }
        assertThat(allow(Map.of("cidrs", List.of("10.0.0.0/33"))).json().get("error").asText())
                .contains("10.0.0.0/33");
        assertThat(gateway.admin("GET", "/admin/v1/merchants/" + merchant.merchantNo(), null).json()
                .get("ipAllowlist").get(0).asText()).isEqualTo("127.0.0.0/8");
        assertThat(gateway.auditRows("merchant.ip-allowlist.set", merchant.merchantNo())).isEqualTo(audited);
    }

    @Test
    void a_disabled_merchant_is_refused_with_8000_and_enabling_it_again_lets_it_in_at_once() {
        assertThat(balance(Map.of()).code()).isEqualTo("0000");
        Answer disabled = patch(Map.of("status", "DISABLED"));
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("status").asText()).isEqualTo("DISABLED");
        assertThat(disabled.json().has("secretKey")).isFalse();
        Answer refused = balance(Map.of());
        assertThat(refused.code()).isEqualTo("8000");
        assertThat(refused.msg()).isEqualTo("merchant is disabled");
        assertThat(patch(Map.of("status", "ACTIVE")).json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(balance(Map.of()).code()).isEqualTo("0000");
        assertThat(gateway.auditRows("merchant.update", merchant.merchantNo())).isEqualTo(2);
    }

    @Test
    void notify_url_and_fees_change_and_are_validated_like_at_creation_a_refusal_changing_nothing() {
        Answer changed = patch(Map.of("notifyUrl", "https://shop.example/notify", "payinFeeRate", "0.015",
                "payoutFeeFixed", "2.5"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("notifyUrl").asText()).isEqualTo("https://shop.example/notify");
        assertThat(changed.json().get("payinFeeRate").asText()).isEqualTo("0.015");
        assertThat(changed.json().get("payinFeeFixed").asText()).isEqualTo("0");
        assertThat(changed.json().get("payoutFeeFixed").asText()).isEqualTo("2.5");
        String before = gateway.admin("GET", "/admin/v1/merchants/" + merchant.merchantNo(), null).body();
        for (Object body : List.of(Map.of("payinFeeRate", "2"), Map.of("notifyUrl", "ftp://x"),
                Map.of("status", "PAUSED"), Map.of("payoutFeeFixed", "-1"), Map.of("name", "other"),
                Map.of("signatureScheme", "SHA1"), Map.of(), "not json", Map.of("status", "ACTIVE",
                        "payinFeeRate", "1.5"))) {
            Answer answer = patch(body);
            assertThat(answer.status()).as(body.toString()).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).isNotBlank();
        }
        assertThat(gateway.admin("GET", "/admin/v1/merchants/" + merchant.merchantNo(), null).body())
                .isEqualTo(before);
        assertThat(gateway.auditRows("merchant.update", merchant.merchantNo())).isEqualTo(1);
        assertThat(gateway.admin("PATCH", "/admin/v1/merchants/0000000000", Map.of("status", "DISABLED"))
                .status()).isEqualTo(404);
    }

    private PayProClient sdk(boolean hmac) {
        return PayProClient.builder().baseUrl(gateway.baseUrl()).merchantNo(merchant.merchantNo())
                .secretKey(merchant.secret()).hmacSignature(hmac).build();
    }

    @Test
    void once_a_merchant_opts_in_to_hmac_the_sdk_with_hmac_is_accepted_and_the_md5_sign_is_refused() {
        assertThat(sdk(true).queryBalance().code()).isEqualTo("0000"); // accepted before opting in, too
        Answer optIn = patch(Map.of("signatureScheme", "HMAC_SHA256"));
        assertThat(optIn.json().get("signatureScheme").asText()).isEqualTo("HMAC_SHA256");

        ApiResult<BalanceData> hmac = sdk(true).queryBalance();
        assertThat(hmac.code()).isEqualTo("0000");
        ApiResult<BalanceData> legacy = sdk(false).queryBalance();
        assertThat(legacy.code()).isEqualTo("8000");
        assertThat(legacy.msg()).isEqualTo("this merchant requires the X-OpenPayPro-Signature header "
                + "(HMAC-SHA256); the MD5 sign is refused");
        assertThat(balance(Map.of()).msg()).isEqualTo(legacy.msg());
    }

    @Test
    void an_hmac_signed_request_with_a_tampered_body_path_or_time_is_refused() {
        patch(Map.of("signatureScheme", "HMAC_SHA256"));
        String body = "{\"timestamp\":\"" + System.currentTimeMillis() + "\"}";
        String now = Long.toString(System.currentTimeMillis());
        String header = HmacSignature.header(merchant.secret(), now, "POST", BALANCE,
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(hmacPost(BALANCE, header, body).code()).isEqualTo("0000");

        assertThat(hmacPost(BALANCE, header, body.replace("{", "{\"x\":\"1\",")).msg())
                .isEqualTo("X-OpenPayPro-Signature mismatch");
        assertThat(hmacPost("/brz-pay" + BALANCE, header, body).msg()).isEqualTo("X-OpenPayPro-Signature mismatch");
        assertThat(hmacPost(BALANCE, header.replace("t=" + now, "t=" + (Long.parseLong(now) + 1)), body).msg())
                .isEqualTo("X-OpenPayPro-Signature mismatch");
        assertThat(hmacPost(BALANCE, "v1=abc", body).msg())
                .isEqualTo("X-OpenPayPro-Signature must be t=<10 or 13 digits>,v1=<64 hex>");
        String old = Long.toString(System.currentTimeMillis() - 3_600_000);
        assertThat(hmacPost(BALANCE, HmacSignature.header(merchant.secret(), old, "POST", BALANCE,
                body.getBytes(StandardCharsets.UTF_8)), body).msg()).startsWith("timestamp outside window");
    }

    @Test
    void a_disabled_merchants_pending_callback_is_still_delivered() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver()) {
            String path = "/disabled-" + System.nanoTime();
            String trade = sdk(false).payin(PayinRequest.brazil("D" + System.nanoTime(), "10.00", "Ana",
                    "12345678909", receiver.url(path), "r")).dataOrThrow().platFormTradeNo();
            patch(Map.of("status", "DISABLED"));
            assertThat(gateway.admin("POST", "/sandbox/v1/trades/" + trade + "/complete", Map.of("status", "0000"))
                    .status()).isEqualTo(200);
            Await.until("callback of a disabled merchant", Duration.ofSeconds(15),
                    () -> !receiver.received(path).isEmpty());
            assertThat(new NotifyVerifier(merchant.secret()).verify(receiver.received(path).get(0).body()
                    .getBytes(StandardCharsets.UTF_8)).platFormTradeNo()).isEqualTo(trade);
        }
    }

    private Answer hmacPost(String path, String header, String body) {
        return gateway.post(path, Map.of("merchantNo", merchant.merchantNo(), HmacSignature.HEADER, header), body);
    }
}
