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
 * What the gateway does with a pay-in body before it touches the database, with the server's own classes: parse it
 * with {@link JsonBody} (Jackson databind for comparison), parse the amount, verify the signature. Per-thread state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class PayinBodyBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final MapType MAP = MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class,
            Object.class);

    private byte[] json;

    @Setup
    public void setUp() throws IOException {
        Map<String, Object> body = SigningBenchmark.payinBody();
        body.put("sign", Signer.sign(body, SigningBenchmark.SECRET));
        json = MAPPER.writeValueAsBytes(body);
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
        Map<String, Object> body = JsonBody.parse(json);
        long amount = Amounts.parse((String) body.get("amount"), 2);
        return amount > 0 && Signer.verify(body, SigningBenchmark.SECRET, (String) body.get("sign"));
    }
}
