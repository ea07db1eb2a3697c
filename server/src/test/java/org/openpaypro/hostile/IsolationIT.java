package org.openpaypro.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpaypro.protocol.Signer;
import org.openpaypro.testing.ScenarioIT;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Merchant isolation (DESIGN §11): merchant B can neither read nor touch merchant A's trades or money with any mix
 * of headers and secrets; a correctly signed request is refused once its timestamp is out of the window; the
 * merchant secret is shown once at creation and nowhere else (admin reads, merchant answers, database rows).
 */
class IsolationIT extends ScenarioIT {
    private static final String NOTIFY = "https://merchant.example/notify";
    private static final List<String> PREFIXES = List.of("", "/brz-pay");

    private TestMerchant merchantA;
    private TestMerchant merchantB;
    private String payinTradeNo;
    private String payoutTradeNo;
    private String payinPlatformNo;
    private String payoutPlatformNo;
    private final List<Answer> merchantAnswers = new ArrayList<>();
    private static long totalSent;

    @AfterAll
    static void print_count() {
        System.out.println("IsolationIT: " + totalSent + " cross-merchant, replayed or secret-probing requests sent");
    }

    @BeforeEach
    void merchant_a_has_a_pay_in_and_a_payout() {
        merchantA = fundedMerchant("1000.00", Map.of());
        merchantB = fundedMerchant(null, Map.of());
        payinTradeNo = tradeNo();
        payoutTradeNo = tradeNo();
        Answer payin = keep(gateway.signed("/v1/paypro/payin", merchantA.merchantNo(), merchantA.secret(),
                Map.of("tradeNo", payinTradeNo, "amount", "150.00", "name", "Maria Souza", "identityType", "CPF",
                        "userIdentity", "12345678909", "notifyUrl", NOTIFY, "remark", "a's pay-in")));
        assertThat(payin.code()).as(payin.body()).isEqualTo("0000");
        payinPlatformNo = payin.json().get("data").get("platFormTradeNo").asText();
        Answer payout = keep(gateway.signed("/v1/paypro/payout", merchantA.merchantNo(), merchantA.secret(),
                payoutFields(payoutTradeNo)));
        assertThat(payout.code()).as(payout.body()).isEqualTo("0000");
        payoutPlatformNo = payout.json().get("data").get("platFormTradeNo").asText();
    }

    private static Map<String, Object> payoutFields(String tradeNo) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tradeNo", tradeNo);
        fields.put("amount", "100.00");
        fields.put("name", "Maria Souza");
        fields.put("email", "maria@example.com");
        fields.put("mobile", "+5511987654321");
        fields.put("bankType", "CPF");
        fields.put("bankNumber", "12345678909");
        fields.put("identityType", "CPF");
        fields.put("userIdentity", "12345678909");
        fields.put("notifyUrl", NOTIFY);
        fields.put("remark", "a's payout");
        return fields;
    }

    private Answer keep(Answer answer) {
        merchantAnswers.add(answer);
        HostileHttp.SENT.incrementAndGet();
        totalSent++;
        return answer;
    }

    private static void assertRejected(Answer answer, String msg) {
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.code()).as(answer.body()).isEqualTo("8000");
        assertThat(answer.json().get("success").asBoolean()).isFalse();
        assertThat(answer.json().get("data").isNull()).isTrue();
        assertThat(answer.msg()).isEqualTo(msg);
    }

    @Test
    void merchant_b_with_its_own_credentials_cannot_find_a_s_orders() {
        Map<String, Long> before = HostileHttp.quietSnapshot(gateway);
        for (String prefix : PREFIXES) {
            for (String query : List.of("queryPayInResult", "queryPayOutResult")) {
                for (String tradeNo : List.of(payinTradeNo, payoutTradeNo)) {
                    assertRejected(keep(gateway.signed(prefix + "/v1/paypro/" + query, merchantB.merchantNo(),
                            merchantB.secret(), Map.of("tradeNo", tradeNo))), "order not found");
                }
            }
        }
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    @Test
    void mixing_one_merchant_s_header_with_the_other_s_secret_is_a_sign_mismatch_on_every_endpoint() {
        Map<String, Long> before = HostileHttp.quietSnapshot(gateway);
        List<Map<String, Object>> bodies = List.of(Map.of("tradeNo", payinTradeNo), Map.of("tradeNo", payoutTradeNo),
                Map.of(), payoutFields(tradeNo()), payoutFields(payoutTradeNo));
        for (String prefix : PREFIXES) {
            for (String endpoint : HostileHttp.MERCHANT_ENDPOINTS) {
                for (Map<String, Object> body : bodies) {
                    String path = prefix + "/v1/paypro/" + endpoint;
                    assertRejected(keep(gateway.signed(path, merchantA.merchantNo(), merchantB.secret(), body)),
                            "sign mismatch");
                    assertRejected(keep(gateway.signed(path, merchantB.merchantNo(), merchantA.secret(), body)),
                            "sign mismatch");
                }
            }
        }
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    @Test
    void merchant_b_cannot_touch_a_s_orders_or_spend_a_s_money() {
        Map<String, Long> before = HostileHttp.quietSnapshot(gateway);
        // B reusing A's tradeNo creates B's own order (tradeNo is unique per merchant), never touches A's.
        assertRejected(keep(gateway.signed("/v1/paypro/payout", merchantB.merchantNo(), merchantB.secret(),
                payoutFields(payoutTradeNo))), "insufficient balance");
        assertThat(gateway.snapshot()).isEqualTo(before);

        Answer balanceB = keep(gateway.signed("/v1/paypro/queryBalance", merchantB.merchantNo(), merchantB.secret(),
                Map.of()));
        assertThat(balanceB.code()).isEqualTo("0000");
        assertThat(balanceB.json().get("data").get("availableAmount").asText()).isEqualTo("0.0000");
        assertThat(balanceB.json().get("data").get("freezeAmount").asText()).isEqualTo("0.0000");
        assertThat(balanceB.json().get("data").get("unsettledAmount").asText()).isEqualTo("0.0000");

        complete(payinPlatformNo, Map.of("status", "0000"));
        Answer balanceAfter = keep(gateway.signed("/brz-pay/v1/paypro/queryBalance", merchantB.merchantNo(),
                merchantB.secret(), Map.of()));
        assertThat(balanceAfter.json().get("data")).isEqualTo(balanceB.json().get("data"));
        Answer balanceA = keep(gateway.signed("/v1/paypro/queryBalance", merchantA.merchantNo(), merchantA.secret(),
                Map.of()));
        assertThat(balanceA.json().get("data").get("unsettledAmount").asText()).isEqualTo("150.0000");
        assertThat(balanceA.json().get("data").get("freezeAmount").asText()).isEqualTo("100.0000");

        Answer stillA = keep(gateway.signed("/v1/paypro/queryPayOutResult", merchantA.merchantNo(),
                merchantA.secret(), Map.of("tradeNo", payoutTradeNo)));
        assertThat(stillA.json().get("data").get("platFormTradeNo").asText()).isEqualTo(payoutPlatformNo);
        assertThat(stillA.json().get("data").get("status").asText()).isEqualTo("0015");
    }

    @Test
    void a_correctly_signed_request_replayed_after_the_window_is_refused() {
        Map<String, Long> before = HostileHttp.quietSnapshot(gateway);
        String sixteenMinutesAgo = Long.toString(System.currentTimeMillis() - 16 * 60 * 1000);
        String sixteenMinutesAgoSeconds = Long.toString(System.currentTimeMillis() / 1000 - 16 * 60);
        for (String timestamp : List.of(sixteenMinutesAgo, sixteenMinutesAgoSeconds)) {
            Map<String, Object> payin = new LinkedHashMap<>(Map.of("tradeNo", tradeNo(), "amount", "10.00",
                    "name", "Maria Souza", "identityType", "CPF", "userIdentity", "12345678909",
                    "notifyUrl", NOTIFY, "remark", "replay", "timestamp", timestamp));
            assertRejected(keep(gateway.signed("/v1/paypro/payin", merchantA.merchantNo(), merchantA.secret(),
                    payin)), "timestamp outside window of 15 minutes");
            Map<String, Object> payout = payoutFields(tradeNo());
            payout.put("timestamp", timestamp);
            assertRejected(keep(gateway.signed("/brz-pay/v1/paypro/payout", merchantA.merchantNo(),
                    merchantA.secret(), payout)), "timestamp outside window of 15 minutes");
            // On a query the stale timestamp says nothing about the order: 5000, not 8000 (docs/OPERATIONS.md).
            Answer query = keep(gateway.signed("/v1/paypro/queryPayInResult", merchantA.merchantNo(),
                    merchantA.secret(), Map.of("tradeNo", payinTradeNo, "timestamp", timestamp)));
            assertThat(query.code()).as(query.body()).isEqualTo("5000");
            assertThat(query.json().get("data").isNull()).isTrue();
            assertThat(query.msg()).isEqualTo("system error: nothing was looked up (timestamp outside window of 15 "
                    + "minutes), the order's status is unknown to this answer; retry the query with a fresh timestamp");
            assertRejected(keep(gateway.signed("/v1/paypro/queryBalance", merchantA.merchantNo(),
                    merchantA.secret(), Map.of("timestamp", timestamp))), "timestamp outside window of 15 minutes");
        }
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    @Test
    void the_secret_appears_nowhere_after_creation() {
        keep(gateway.signed("/v1/paypro/queryPayInResult", merchantA.merchantNo(), merchantA.secret(),
                Map.of("tradeNo", payinTradeNo)));
        keep(gateway.signed("/v1/paypro/queryPayOutResult", merchantA.merchantNo(), merchantA.secret(),
                Map.of("tradeNo", payoutTradeNo)));
        keep(gateway.signed("/v1/paypro/queryBalance", merchantA.merchantNo(), merchantA.secret(), Map.of()));
        keep(gateway.signed("/v1/paypro/queryBalance", merchantA.merchantNo(), merchantB.secret(), Map.of()));
        complete(payoutPlatformNo, Map.of("status", "00029", "message", "refused by test"));

        List<String> texts = new ArrayList<>();
        merchantAnswers.forEach(answer -> texts.add(answer.body()));
        for (TestMerchant merchant : List.of(merchantA, merchantB)) {
            Answer view = gateway.admin("GET", "/admin/v1/merchants/" + merchant.merchantNo(), null);
            assertThat(view.status()).isEqualTo(200);
            assertThat(view.json().has("secretKey")).isFalse();
            texts.add(view.body());
        }
        for (String platformNo : List.of(payinPlatformNo, payoutPlatformNo)) {
            Answer trade = gateway.admin("GET", "/admin/v1/trades/" + platformNo, null);
            assertThat(trade.status()).isEqualTo(200);
            texts.add(trade.body());
        }
        texts.add(gateway.admin("GET", "/admin/v1/ledger/check", null).body());
        texts.addAll(databaseRowsAsText());
        assertThat(texts).hasSizeGreaterThan(10);
        for (TestMerchant merchant : List.of(merchantA, merchantB)) {
            String secret = merchant.secret();
            String hexOfSecretBytes = HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8));
            for (String text : texts) {
                assertThat(text.toLowerCase()).as("no secret in " + abbreviate(text)).doesNotContain(secret)
                        .doesNotContain(hexOfSecretBytes);
            }
        }
    }

    /** Every row of every table that could hold the secret, rendered as PostgreSQL text (bytea as hex). */
    private List<String> databaseRowsAsText() {
        return gateway.app().database().jdbi().withHandle(handle -> {
            List<String> rows = new ArrayList<>();
            for (String table : List.of("merchant", "trade", "notification", "notify_attempt", "journal",
                    "posting")) {
                rows.addAll(handle.createQuery("SELECT t::text FROM " + table + " t").mapTo(String.class).list());
            }
            return rows;
        });
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }

    @Test
    void the_signature_covers_the_body_so_a_header_swap_cannot_reuse_a_signature() {
        Map<String, Long> before = HostileHttp.quietSnapshot(gateway);
        Map<String, Object> body = new LinkedHashMap<>(Map.of("tradeNo", payinTradeNo,
                "timestamp", Long.toString(System.currentTimeMillis())));
        String signOfA = Signer.sign(body, merchantA.secret());
        body.put("sign", signOfA);
        Answer replayedAsB = keep(gateway.post("/v1/paypro/queryPayInResult",
                Map.of("merchantNo", merchantB.merchantNo()), TestGateway.json(body)));
        assertRejected(replayedAsB, "sign mismatch");
        assertThat(gateway.snapshot()).isEqualTo(before);
    }
}
