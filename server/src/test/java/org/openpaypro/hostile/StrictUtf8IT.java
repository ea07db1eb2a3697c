package org.openpaypro.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpaypro.protocol.Signer;
import org.openpaypro.testing.ScenarioIT;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Bodies are decoded strictly as UTF-8 (issue 10, security 8): a correctly signed request whose bytes are overlong
 * UTF-8, UTF-16 or UTF-32 (with or without a byte order mark), or that carries a UTF-8 byte order mark or another
 * charset in Content-Type, is refused with its own message and changes nothing; the operator API refuses the same
 * with a 400 {@code {"error"}}.
 */
class StrictUtf8IT extends ScenarioIT {
    private static final String BALANCE = "/v1/paypro/queryBalance";
    private static final String NOT_UTF8 = "body must be UTF-8 without a byte order mark (UTF-16, UTF-32, overlong "
            + "and invalid sequences are refused)";

    private final HostileHttp http = new HostileHttp(gateway);
    private TestMerchant merchant;

    @BeforeEach
    void a_merchant() {
        merchant = gateway.createMerchant();
    }

    /** A balance request signed over {@code note}, as a lenient decoder would read the bytes. */
    private Map<String, Object> signedBalance(String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", Long.toString(System.currentTimeMillis()));
        body.put("note", note);
        body.put("sign", Signer.sign(body, merchant.secret()));
        return body;
    }

    private HostileHttp.Raw send(String contentType, byte[] body) {
        return http.send("POST", BALANCE, contentType, Map.of("merchantNo", merchant.merchantNo()), body);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void assertRefused(HostileHttp.Raw answer, String msg) {
        assertThat(HostileHttp.envelopeProblem(answer, Set.of())).as(answer.body()).isNull();
        assertThat(answer.json().get("code").asText()).isEqualTo("8000");
        assertThat(answer.json().get("msg").asText()).isEqualTo(msg);
    }

    @Test
    void a_well_formed_utf8_body_with_or_without_charset_utf8_is_accepted() {
        for (String contentType : new String[] {"application/json", "application/json; charset=utf-8",
                "application/json;charset=\"UTF-8\""}) {
            HostileHttp.Raw answer = send(contentType,
                    TestGateway.json(signedBalance("São Paulo <ok> 😀")).getBytes(StandardCharsets.UTF_8));
            assertThat(answer.json().get("code").asText()).as(contentType + " " + answer.body()).isEqualTo("0000");
        }
    }

    @Test
    void an_overlong_utf8_less_than_sign_is_refused_not_decoded_to_a_less_than_sign() {
        Map<String, Long> before = HostileHttp.quietSnapshot(gateway);
        String json = TestGateway.json(signedBalance("<script>"));
        int at = json.indexOf('<');
        byte[] body = concat(json.substring(0, at).getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC0,
                (byte) 0xBC}, json.substring(at + 1).getBytes(StandardCharsets.UTF_8));
        assertRefused(send("application/json", body), NOT_UTF8);
        byte[] encodedSurrogate = concat(json.substring(0, at).getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, json.substring(at + 1)
                        .getBytes(StandardCharsets.UTF_8));
        assertRefused(send("application/json", encodedSurrogate), NOT_UTF8);
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    @Test
    void utf16_and_utf32_bodies_and_byte_order_marks_are_refused_even_when_correctly_signed() {
        Map<String, Long> before = HostileHttp.quietSnapshot(gateway);
        for (String charset : new String[] {"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32", "UTF-32LE"}) {
            byte[] body = TestGateway.json(signedBalance("x")).getBytes(Charset.forName(charset));
            assertRefused(send("application/json", body), NOT_UTF8);
        }
        byte[] bom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                TestGateway.json(signedBalance("x")).getBytes(StandardCharsets.UTF_8));
        assertRefused(send("application/json", bom), NOT_UTF8);
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    @Test
    void a_charset_other_than_utf8_in_content_type_is_refused() {
        Map<String, Long> before = HostileHttp.quietSnapshot(gateway);
        for (String charset : new String[] {"utf-16", "iso-8859-1", "utf8", "", "\"utf-16\""}) {
            byte[] body = TestGateway.json(signedBalance("x")).getBytes(StandardCharsets.UTF_8);
            assertRefused(send("application/json; charset=" + charset, body), "Content-Type charset must be utf-8");
        }
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    @Test
    void the_operator_api_refuses_the_same_with_a_400_error() {
        Map<String, Long> before = HostileHttp.quietSnapshot(gateway);
        Map<String, String> auth = Map.of("Authorization", "Bearer " + gateway.app().adminToken());
        String json = "{\"name\":\"Loja <x>\",\"country\":\"BR\"}";
        int at = json.indexOf('<');
        byte[] overlong = concat(json.substring(0, at).getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC0,
                (byte) 0xBC}, json.substring(at + 1).getBytes(StandardCharsets.UTF_8));
        for (byte[] body : new byte[][] {overlong, json.getBytes(StandardCharsets.UTF_16),
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, json.getBytes(StandardCharsets.UTF_8))}) {
            HostileHttp.Raw answer = http.send("POST", "/admin/v1/merchants", "application/json", auth, body);
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).isEqualTo(NOT_UTF8);
        }
        HostileHttp.Raw wrongCharset = http.send("POST", "/admin/v1/merchants", "application/json; charset=utf-16",
                auth, json.getBytes(StandardCharsets.UTF_8));
        assertThat(wrongCharset.status()).isEqualTo(400);
        assertThat(wrongCharset.json().get("error").asText()).isEqualTo("Content-Type charset must be utf-8");
        assertThat(gateway.snapshot()).isEqualTo(before);
    }
}
