package org.openpaypro.bench.jmh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.MapType;
import java.io.IOException;
import java.math.BigDecimal;
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
import org.openpaypro.protocol.Amounts;
import org.openpaypro.protocol.Signer;

/**
 * What the gateway does with a pay-in body before it touches the database, with what the protocol module offers
 * (the server module is not a dependency of the bench): parse the JSON into a flat map (the streaming parse of the
 * server's JsonBody, and Jackson databind for comparison), parse the amount, verify the signature.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class PayinBodyBenchmark {
    private static final JsonFactory FACTORY = new JsonFactory();
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
    public Map<String, Object> parseStreaming() throws IOException {
        return streamingParse(json);
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
    public boolean parseAndValidate() throws IOException {
        Map<String, Object> body = streamingParse(json);
        long amount = Amounts.parse((String) body.get("amount"), 2);
        return amount > 0 && Signer.verify(body, SigningBenchmark.SECRET, (String) body.get("sign"));
    }

    /** The same flat streaming parse as the server's {@code org.openpaypro.http.JsonBody}. */
    static Map<String, Object> streamingParse(byte[] body) throws IOException {
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                Object parsed = switch (value) {
                    case VALUE_STRING -> parser.getText();
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new BigDecimal(parser.getText());
                    case VALUE_TRUE -> Boolean.TRUE;
                    case VALUE_FALSE -> Boolean.FALSE;
                    case VALUE_NULL -> null;
                    default -> throw new IOException("nested value for " + key);
                };
                if (fields.containsKey(key)) {
                    throw new IOException("duplicate key " + key);
                }
                fields.put(key, parsed);
            }
            return fields;
        }
    }
}
