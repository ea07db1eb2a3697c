package org.openpaypro.bench.jmh;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openpaypro.protocol.Signer;

/**
 * MD5 signing of a typical Brazil pay-in body (spec §2): 8 fields + timestamp, as the SDK signs a request and the
 * gateway signs a callback; and verifying it, as the gateway does for every merchant request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class SigningBenchmark {
    static final String SECRET = "c0e15e9521d6357423d0ab33fb1f9688";

    private Map<String, Object> body;
    private Map<String, Object> signedBody;
    private String sign;

    /** The body of a Brazil PIX pay-in as the SDK sends it, before {@code sign}. */
    static Map<String, Object> payinBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tradeNo", "pi-m3x7k2-1a2b3c");
        body.put("amount", "150.00");
        body.put("name", "Maria Souza");
        body.put("identityType", "CPF");
        body.put("userIdentity", "12345678909");
        body.put("notifyUrl", "https://merchant.example.com/paypro/notify");
        body.put("returnUrl", "https://merchant.example.com/paid");
        body.put("remark", "order 4711");
        body.put("timestamp", "1795658177601");
        return body;
    }

    @Setup
    public void setUp() {
        body = payinBody();
        sign = Signer.sign(body, SECRET);
        signedBody = new LinkedHashMap<>(body);
        signedBody.put("sign", sign);
    }

    @Benchmark
    public String sign() {
        return Signer.sign(body, SECRET);
    }

    @Benchmark
    public boolean verify() {
        return Signer.verify(signedBody, SECRET, sign);
    }

    @Benchmark
    public String canonical() {
        return Signer.canonical(body);
    }
}
