package org.openpaypro.trade;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Indonesia's voucher link (issue 10, security 10): it carries an expiry that its HMAC covers, works for
 * {@link ExtraEndpoints#VOUCHER_LIFETIME}, and is refused once expired or when any part of it was changed.
 */
class VoucherLinkIT {
    private final TestGateway gateway = TestGateway.get();
    private TestMerchant merchant;
    private String tradeNo;

    @Test
    void a_voucher_link_expires_after_seven_days_and_a_changed_or_expired_link_is_refused() throws Exception {
        String platformTradeNo = succeededIndonesianPayin();
        URI link = voucherLink(platformTradeNo);
        Map<String, String> query = query(link);
        long expires = Long.parseLong(query.get("expires"));
        long expected = Instant.now().plus(Duration.ofDays(7)).getEpochSecond();
        assertThat(expires).isBetween(expected - 120, expected + 5);

        String path = "/voucher/" + platformTradeNo;
        assertThat(gateway.get(path + "?" + link.getRawQuery()).status()).isEqualTo(200);
        // the expiry pushed forward without the key: the token no longer matches
        assertThat(gateway.get(path + "?expires=" + (expires + 86_400) + "&token=" + query.get("token")).status())
                .isEqualTo(404);
        // the old, expiry-less form of the link
        assertThat(gateway.get(path + "?token=" + query.get("token")).status()).isEqualTo(404);
        // a link correctly signed by the gateway's key whose expiry has passed
        long past = Instant.now().minusSeconds(1).getEpochSecond();
        Answer expired = gateway.get(path + "?expires=" + past + "&token=" + token(platformTradeNo, past));
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.json().get("error").asText()).contains("expired");
        // the same key and a future expiry work: the test computes the token as the gateway does
        long future = Instant.now().plusSeconds(60).getEpochSecond();
        assertThat(gateway.get(path + "?expires=" + future + "&token=" + token(platformTradeNo, future)).status())
                .isEqualTo(200);
    }

    private String succeededIndonesianPayin() {
        TestMerchant merchant = gateway.createMerchant(Map.of("name", "Toko", "country", "ID"));
        Map<String, String> body = new LinkedHashMap<>(Map.of("tradeNo", "V" + System.nanoTime(), "amount", "75000",
                "username", "Budi Santoso", "mobile", "081234567890", "email", "budi@example.co.id",
                "channelCode", "EWALLET", "wayCode", "DANA", "notifyUrl", "http://127.0.0.1:9/notify"));
        body.put("remark", "voucher");
        Answer created = gateway.signed("/v1/paypro/payIn", merchant.merchantNo(), merchant.secret(), body);
        assertThat(created.code()).as(created.body()).isEqualTo("0000");
        String platformTradeNo = created.json().get("data").get("platFormTradeNo").asText();
        Answer completed = gateway.admin("POST", "/sandbox/v1/trades/" + platformTradeNo + "/complete",
                Map.of("status", "0000"));
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        this.merchant = merchant;
        this.tradeNo = body.get("tradeNo");
        return platformTradeNo;
    }

    private URI voucherLink(String platformTradeNo) {
        Answer voucher = gateway.signed("/v1/paypro/indonesia/query/voucher", merchant.merchantNo(),
                merchant.secret(), Map.of("tradeNo", tradeNo));
        assertThat(voucher.code()).as(voucher.body()).isEqualTo("0000");
        URI link = URI.create(voucher.json().get("data").get("url").asText());
        assertThat(link.getPath()).isEqualTo("/voucher/" + platformTradeNo);
        return link;
    }

    private static Map<String, String> query(URI link) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : link.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], parts[1]);
        }
        assertThat(query).containsOnlyKeys("expires", "token");
        return query;
    }

    /** The documented scheme: HMAC-SHA256(SHA-256("voucher|" + master key), "no|expires"), first 16 bytes, hex. */
    private String token(String platformTradeNo, long expires) throws Exception {
        String masterKey = Files.readString(gateway.app().config().dataDir().resolve("master.key")).trim();
        byte[] key = MessageDigest.getInstance("SHA-256").digest(("voucher|" + masterKey)
                .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] digest = mac.doFinal((platformTradeNo + "|" + expires).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
