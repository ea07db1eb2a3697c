package org.openpaypro.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpaypro.access.AuditLog;
import org.openpaypro.error.ApiException;
import org.openpaypro.error.Rejection;
import org.openpaypro.http.ClientAddress;
import org.openpaypro.http.MerchantAuth;
import org.openpaypro.http.ReplayGuard;
import org.openpaypro.protocol.Signer;
import org.openpaypro.sdk.InvalidNotificationException;
import org.openpaypro.sdk.NotifyVerifier;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.testing.Await;
import org.openpaypro.testing.CallbackReceiver;
import org.openpaypro.testing.MutableClock;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/** Key rotation with overlap (DESIGN §14) over the real API, plus its exact end with a controllable clock. */
class KeyRotationIT {
    private static final String BALANCE = "/v1/paypro/queryBalance";
    private static CallbackReceiver receiver;
    private final TestGateway gateway = TestGateway.get();

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new CallbackReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private Answer rotate(TestMerchant merchant, Object body) {
        return gateway.admin("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/secret/rotate", body);
    }

    private String balanceCode(TestMerchant merchant, String secret) {
        return gateway.signed(BALANCE, merchant.merchantNo(), secret, Map.of()).code();
    }

    private String balanceMsg(TestMerchant merchant, String secret) {
        return gateway.signed(BALANCE, merchant.merchantNo(), secret, Map.of()).msg();
    }

    @Test
    void after_a_rotation_both_keys_verify_at_once_and_the_answer_shows_the_new_key_and_the_end_of_the_old() {
        TestMerchant merchant = gateway.createMerchant();
        assertThat(balanceCode(merchant, merchant.secret())).isEqualTo("0000"); // now cached on this node
        Instant before = Instant.now();
        Answer answer = rotate(merchant, Map.of("graceHours", 24));
        assertThat(answer.status()).isEqualTo(200);
        String newKey = answer.json().get("secretKey").asText();
        Instant until = Instant.parse(answer.json().get("previousValidUntil").asText());
        assertThat(newKey).matches("[0-9a-f]{32}").isNotEqualTo(merchant.secret());
        assertThat(until).isBetween(before.plus(Duration.ofHours(24)).minusSeconds(1),
                Instant.now().plus(Duration.ofHours(24)));
        assertThat(balanceCode(merchant, newKey)).isEqualTo("0000");
        assertThat(balanceCode(merchant, merchant.secret())).isEqualTo("0000");
        assertThat(gateway.auditRows("merchant.secret.rotate", merchant.merchantNo())).isEqualTo(1);
        Answer view = gateway.admin("GET", "/admin/v1/merchants/" + merchant.merchantNo(), null);
        assertThat(view.body()).doesNotContain(newKey).doesNotContain(merchant.secret());
    }

    @Test
    void grace_zero_stops_the_old_key_at_once_and_the_default_grace_is_24_hours() {
        TestMerchant merchant = gateway.createMerchant();
        assertThat(balanceCode(merchant, merchant.secret())).isEqualTo("0000");
        Answer answer = rotate(merchant, Map.of("graceHours", 0));
        String newKey = answer.json().get("secretKey").asText();
        assertThat(Instant.parse(answer.json().get("previousValidUntil").asText())).isBefore(Instant.now()
                .plusSeconds(1));
        assertThat(balanceMsg(merchant, merchant.secret())).isEqualTo("sign mismatch");
        assertThat(balanceCode(merchant, newKey)).isEqualTo("0000");

        Answer byDefault = rotate(merchant, null);
        assertThat(Instant.parse(byDefault.json().get("previousValidUntil").asText()))
                .isAfter(Instant.now().plus(Duration.ofHours(23)));
    }

    @Test
    void a_further_rotation_ends_the_older_key_at_once_so_at_most_two_keys_are_valid() {
        TestMerchant merchant = gateway.createMerchant();
        String second = rotate(merchant, Map.of("graceHours", 24)).json().get("secretKey").asText();
        String third = rotate(merchant, Map.of("graceHours", 24)).json().get("secretKey").asText();
        assertThat(balanceMsg(merchant, merchant.secret())).isEqualTo("sign mismatch");
        assertThat(balanceCode(merchant, second)).isEqualTo("0000");
        assertThat(balanceCode(merchant, third)).isEqualTo("0000");
    }

    @Test
    void during_the_grace_the_hmac_header_verifies_with_either_key() {
        TestMerchant merchant = gateway.createMerchant();
        String newKey = rotate(merchant, Map.of("graceHours", 1)).json().get("secretKey").asText();
        for (String key : List.of(merchant.secret(), newKey)) {
            PayProClient client = PayProClient.builder().baseUrl(gateway.baseUrl())
                    .merchantNo(merchant.merchantNo()).secretKey(key).hmacSignature(true).build();
            assertThat(client.queryBalance().code()).isEqualTo("0000");
        }
        PayProClient stranger = PayProClient.builder().baseUrl(gateway.baseUrl()).merchantNo(merchant.merchantNo())
                .secretKey("f".repeat(32)).hmacSignature(true).build();
        assertThat(stranger.queryBalance().msg()).isEqualTo("X-OpenPayPro-Signature mismatch");
    }

    @Test
    void a_bad_grace_is_refused_with_400_and_changes_nothing() {
        TestMerchant merchant = gateway.createMerchant();
        for (Object body : List.of(Map.of("graceHours", 169), Map.of("graceHours", -1), Map.of("graceHours", "24"),
                Map.of("graceHours", 1.5), Map.of("grace", 1), "[]")) {
            Answer answer = rotate(merchant, body);
            assertThat(answer.status()).as(body.toString()).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).isNotBlank();
        }
        assertThat(gateway.admin("POST", "/admin/v1/merchants/0000000000/secret/rotate", Map.of()).status())
                .isEqualTo(404);
        assertThat(balanceCode(merchant, merchant.secret())).isEqualTo("0000");
        assertThat(gateway.auditRows("merchant.secret.rotate", merchant.merchantNo())).isZero();
    }

    @Test
    void the_old_key_is_accepted_one_millisecond_before_previous_valid_until_and_refused_from_that_instant() {
        TestMerchant merchant = gateway.createMerchant();
        Answer answer = rotate(merchant, Map.of("graceHours", 1));
        String newKey = answer.json().get("secretKey").asText();
        Instant until = Instant.parse(answer.json().get("previousValidUntil").asText());
        MutableClock clock = new MutableClock(until.minusMillis(1));
        MerchantService merchants = new MerchantService(gateway.app().database().jdbi(),
                new MerchantRepository(new SecretBox(gateway.masterKey())), clock, new AuditLog());
        MerchantAuth auth = new MerchantAuth(merchants, null, new ClientAddress(List.of()),
                new ReplayGuard(gateway.app().database().jdbi(), null));

        assertThat(merchants.find(merchant.merchantNo()).orElseThrow().callbackKeyAt(clock.instant()))
                .isEqualTo(merchant.secret());
        assertThat(authenticate(auth, merchant, merchant.secret()).merchant().merchantNo())
                .isEqualTo(merchant.merchantNo());
        clock.set(until);
        assertThatThrownBy(() -> authenticate(auth, merchant, merchant.secret()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.rejection())
                        .isEqualTo(Rejection.SIGN_MISMATCH));
        assertThat(merchants.find(merchant.merchantNo()).orElseThrow().callbackKeyAt(clock.instant()))
                .isEqualTo(newKey);
        assertThat(authenticate(auth, merchant, newKey).merchant().merchantNo()).isEqualTo(merchant.merchantNo());
    }

    private static MerchantAuth.Authenticated authenticate(MerchantAuth auth, TestMerchant merchant, String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tradeNo", "T1");
        body.put("sign", Signer.sign(body, key));
        return auth.authenticate(merchant.merchantNo(), "application/json", null,
                TestGateway.json(body).getBytes(StandardCharsets.UTF_8), false,
                new MerchantAuth.Origin("POST", BALANCE, "127.0.0.1", null, null));
    }

    @Test
    void callbacks_are_signed_with_the_previous_key_until_the_merchant_signs_a_request_with_the_new_one()
            throws Exception {
        TestMerchant merchant = gateway.createMerchant();
        String path = "/rotation-" + System.nanoTime();
        String newKey = rotate(merchant, Map.of("graceHours", 24)).json().get("secretKey").asText();

        String first = payinSignedWith(merchant, merchant.secret(), path);
        complete(first);
        assertThat(callbackOf(path, first)).satisfies(body -> {
            assertThat(verifies(body, merchant.secret())).isTrue();
            assertThat(verifies(body, newKey)).isFalse();
        });

        assertThat(balanceCode(merchant, newKey)).isEqualTo("0000");
        String second = payinSignedWith(merchant, merchant.secret(), path);
        complete(second);
        assertThat(callbackOf(path, second)).satisfies(body -> {
            assertThat(verifies(body, newKey)).isTrue();
            assertThat(verifies(body, merchant.secret())).isFalse();
        });
    }

    private String payinSignedWith(TestMerchant merchant, String key, String path) {
        PayProClient client = PayProClient.builder().baseUrl(gateway.baseUrl()).merchantNo(merchant.merchantNo())
                .secretKey(key).build();
        return client.payin(PayinRequest.brazil("R" + System.nanoTime(), "10.00", "Ana", "12345678909",
                receiver.url(path), "r")).dataOrThrow().platFormTradeNo();
    }

    private void complete(String platformTradeNo) {
        assertThat(gateway.admin("POST", "/sandbox/v1/trades/" + platformTradeNo + "/complete",
                Map.of("status", "0000")).status()).isEqualTo(200);
    }

    private String callbackOf(String path, String platformTradeNo) throws InterruptedException {
        Await.until("callback of " + platformTradeNo, Duration.ofSeconds(15), () -> receiver.received(path).stream()
                .anyMatch(r -> r.body().contains(platformTradeNo)));
        return receiver.received(path).stream().filter(r -> r.body().contains(platformTradeNo)).findFirst()
                .orElseThrow().body();
    }

    private static boolean verifies(String body, String key) {
        try {
            new NotifyVerifier(key).verify(body.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (InvalidNotificationException e) {
            return false;
        }
    }
}
