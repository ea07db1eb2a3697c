package org.openpaypro.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.openpaypro.error.ApiException;
import org.openpaypro.http.JsonBody;
import org.openpaypro.protocol.Signer;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Generated hostile bodies against random merchant endpoints, signed and unsigned: never a 5xx, always the
 * envelope with code 8000, or 0000 only when the generated body happens to be a valid request; nothing is written
 * unless the request was accepted. The merchant has no money, so a generated payout can never be accepted.
 */
class HostileInputPropertiesIT {
    private static final List<String> FIELD_NAMES = List.of("timestamp", "tradeNo", "amount", "name",
            "identityType", "userIdentity", "notifyUrl", "returnUrl", "remark", "email", "mobile", "bankType",
            "bankNumber", "sign", "merchantNo");
    private static final AtomicLong SENT = new AtomicLong();
    private static final AtomicLong ACCEPTED = new AtomicLong();

    private static TestGateway gateway;
    private static TestMerchant merchant;
    private static HostileHttp http;

    private static synchronized void start() {
        if (gateway == null) {
            gateway = TestGateway.get();
            merchant = gateway.createMerchant();
            http = new HostileHttp(gateway);
        }
    }

    @AfterContainer
    static void print_count() {
        System.out.println("HostileInputPropertiesIT: " + SENT.get() + " hostile requests sent, " + ACCEPTED.get()
                + " of them accepted as valid");
    }

    @Property(tries = 150)
    void generated_json_bodies_get_the_envelope_and_write_only_when_accepted(
            @ForAll("paths") String path, @ForAll("jsonObjects") String json, @ForAll boolean signed) {
        start();
        String body = json;
        Map<String, String> headers = Map.of("merchantNo", merchant.merchantNo());
        if (signed) {
            try {
                Map<String, Object> parsed = JsonBody.parse(HostileHttp.utf8(json));
                headers = Map.of("merchantNo", merchant.merchantNo(), "sign", Signer.sign(parsed, merchant.secret()));
            } catch (ApiException | IllegalArgumentException unsignable) {
                // refused before the signature is even looked at; send it as it is
            }
        }
        check(path, headers, HostileHttp.utf8(body));
    }

    @Property(tries = 100)
    void random_bytes_get_the_envelope_and_write_nothing(@ForAll("paths") String path,
                                                         @ForAll("bytes") byte[] body) {
        start();
        check(path, Map.of("merchantNo", merchant.merchantNo()), body);
    }

    private void check(String path, Map<String, String> headers, byte[] body) {
        Map<String, Long> before = gateway.snapshot();
        HostileHttp.Raw answer = http.send("POST", path, "application/json", headers, body);
        SENT.incrementAndGet();
        JsonNode json = answer.json();
        boolean accepted = answer.status() == 200 && json != null && "0000".equals(json.path("code").asText());
        if (accepted) {
            ACCEPTED.incrementAndGet();
            if (!Set.of("success").contains(json.path("msg").asText()) || !json.path("success").asBoolean()) {
                throw new AssertionError("accepted without msg success: " + answer.body());
            }
            return;
        }
        String problem = HostileHttp.envelopeProblem(answer, Set.of(413));
        if (problem != null) {
            throw new AssertionError(HostileHttp.describe(path, answer, problem));
        }
        Map<String, Long> after = gateway.snapshot();
        if (!after.equals(before)) {
            throw new AssertionError("refused request changed the database: " + before + " -> " + after);
        }
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of(HostileHttp.MERCHANT_PATHS);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        byte[] jsonChars = "{}[]\":,\\ 0123456789eE.-+ntrufals".getBytes(StandardCharsets.US_ASCII);
        Arbitrary<Byte> jsonish = Arbitraries.integers().between(0, jsonChars.length - 1).map(i -> jsonChars[i]);
        Arbitrary<Byte> anyByte = Arbitraries.bytes();
        return Arbitraries.oneOf(anyByte, jsonish, jsonish).list().ofMaxSize(300).map(list -> {
            byte[] bytes = new byte[list.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = list.get(i);
            }
            return bytes;
        });
    }

    @Provide
    Arbitrary<String> jsonObjects() {
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(FIELD_NAMES), oddStrings().ofMaxLength(12));
        Arbitrary<String> entry = Combinators.combine(key, value(2)).as((k, v) -> quote(k) + ":" + v);
        return entry.list().ofMaxSize(12).map(entries -> "{" + String.join(",", entries) + "}");
    }

    private Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                oddStrings().ofMaxLength(40).map(HostileInputPropertiesIT::quote),
                plausibleValues().map(HostileInputPropertiesIT::quote),
                numbers(),
                Arbitraries.of("true", "false", "null"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> array = value(depth - 1).list().ofMaxSize(3).map(items -> "[" + String.join(",", items)
                + "]");
        Arbitrary<String> object = Combinators.combine(oddStrings().ofMaxLength(6), value(depth - 1))
                .as((k, v) -> "{" + quote(k) + ":" + v + "}");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, scalar), net.jqwik.api.Tuple.of(1, array),
                net.jqwik.api.Tuple.of(1, object));
    }

    /** Strings with arbitrary unicode: controls, surrogates (paired and lone), RTL marks, emoji, NUL. */
    private static net.jqwik.api.arbitraries.StringArbitrary oddStrings() {
        return Arbitraries.strings().all().withChars('\u0000', '\u202e', '\u200f', '\ud800', '\udc00', '\'', '"',
                '<', '>', ';', '-', '\\');
    }

    /** Values that sometimes pass a field check, so some generated bodies get deep into validation. */
    private static Arbitrary<String> plausibleValues() {
        return Arbitraries.oneOf(
                Arbitraries.of("CPF", "CNPJ", "EMAIL", "PHONE", "EVP", "12345678909", "12345678000195",
                        "maria@example.com", "+5511987654321", "https://merchant.example/notify", "Maria Souza",
                        "150.00", "10", "0.01", "1e3", "' OR 1=1 --", "<script>alert(1)</script>"),
                Arbitraries.longs().between(System.currentTimeMillis() - 60_000, System.currentTimeMillis() + 60_000)
                        .map(Object::toString),
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(20));
    }

    private static Arbitrary<String> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.of("0", "-0", "1e3", "1E+3", "1e-3", "0.001", "9999999999999999999", "1e999999999",
                        "-1e-999999999", "1.0e64", "123456789012345678901234567890123456789012345678901234567890",
                        "1.5", "-1", "1e65", "1e-65"),
                Arbitraries.bigDecimals().ofScale(3).map(Object::toString),
                Arbitraries.longs().map(Object::toString));
    }

    private static String quote(String text) {
        return TestGateway.json(text);
    }
}
