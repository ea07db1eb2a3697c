package org.openpaypro.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.MapType;
import java.io.IOException;
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
import org.openpaypro.http.JsonBody;
import org.openpaypro.protocol.Amounts;
import org.openpaypro.protocol.Signer;

/**
 * What the gateway does with a typical Brazil PIX pay-in body (spec §2: 8 fields + timestamp) before it touches the
 * database, with the server's own classes: MD5 signing as the SDK signs a request and the gateway a callback, and
 * verifying it; parsing with {@link JsonBody} (Jackson databind for comparison), parsing the amount, and all of it
 * together. Per-thread state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class PayinBenchmark {
    private static final String SECRET = "c0e15e9521d6357423d0ab33fb1f9688";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final MapType MAP = MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class,
            Object.class);

    private final Map<String, Object> body = new LinkedHashMap<>();
    private Map<String, Object> signedBody;
    private String sign;
    private byte[] json;

    @Setup
    public void setUp() throws IOException {
        String[] fields = {"tradeNo", "pi-m3x7k2-1a2b3c", "amount", "150.00", "name", "Maria Souza", "identityType",
            "CPF", "userIdentity", "12345678909", "notifyUrl", "https://merchant.example.com/paypro/notify",
            "returnUrl", "https://merchant.example.com/paid", "remark", "order 4711", "timestamp", "1795658177601"};
        for (int i = 0; i < fields.length; i += 2) {
            body.put(fields[i], fields[i + 1]);
        }
        sign = Signer.sign(body, SECRET);
        signedBody = new LinkedHashMap<>(body);
        signedBody.put("sign", sign);
        json = MAPPER.writeValueAsBytes(signedBody);
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

    @Benchmark
    public Map<String, Object> parseJsonBody() {
        return JsonBody.parse(json);
    }

    @Benchmark
    public Map<String, Object> parseDatabind() throws IOException {
        return MAPPER.readValue(json, MAP);
    }

    @Benchmark
    public long parseAmount() {
        return Amounts.parse("150.00", 2);
    }

    /** Parse, amount, signature: the CPU part of accepting a pay-in. */
    @Benchmark
    public boolean parseAndValidate() {
        Map<String, Object> parsed = JsonBody.parse(json);
        long amount = Amounts.parse((String) parsed.get("amount"), 2);
        return amount > 0 && Signer.verify(parsed, SECRET, (String) parsed.get("sign"));
    }
}
