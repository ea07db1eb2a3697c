package org.openpaypro.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.openpaypro.protocol.Signer;

/**
 * The merchant request bodies of the scenarios (Brazil, PIX), signed with the protocol's {@link Signer} exactly as the
 * SDK signs them, with a fresh timestamp each. Thread-safe.
 */
final class Requests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, AtomicLong> LAST_MILLIS = new ConcurrentHashMap<>();
    private static final String PAYIN_AMOUNT = "10.00";
    private static final String PAYOUT_AMOUNT = "1.00";
    private static final String NAME = "Ana Souza";
    private static final String CPF = "12345678909";
    private static final String EMAIL = "ana@example.com";
    private static final String MOBILE = "+5511987654321";
    private static final String REMARK = "bench";

    private final String notifyUrl;

    Requests(String notifyUrl) {
        this.notifyUrl = notifyUrl;
    }

    Map<String, String> payinFields(String tradeNo) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("tradeNo", tradeNo);
        fields.put("amount", PAYIN_AMOUNT);
        fields.put("name", NAME);
        fields.put("identityType", "CPF");
        fields.put("userIdentity", CPF);
        fields.put("notifyUrl", notifyUrl);
        fields.put("remark", REMARK);
        return fields;
    }

    Map<String, String> payoutFields(String tradeNo) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("tradeNo", tradeNo);
        fields.put("amount", PAYOUT_AMOUNT);
        fields.put("name", NAME);
        fields.put("email", EMAIL);
        fields.put("mobile", MOBILE);
        fields.put("bankType", "CPF");
        fields.put("bankNumber", CPF);
        fields.put("identityType", "CPF");
        fields.put("userIdentity", CPF);
        fields.put("notifyUrl", notifyUrl);
        fields.put("remark", REMARK);
        return fields;
    }

    /** Adds {@code timestamp} and {@code sign} and writes the JSON body. */
    static byte[] signedBody(Map<String, String> fields, String secret) {
        fields.put("timestamp", Long.toString(uniqueMillis(secret)));
        fields.put("sign", Signer.sign(fields, secret));
        try {
            return JSON.writeValueAsBytes(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The gateway serves each sign once (replay guard), so two identical bodies of one merchant in the same
     * millisecond (a balance query, the same trade queried twice) must differ: each merchant's timestamps strictly
     * increase. At the bench's per-merchant rates (well under 1,000/s, except creates, whose tradeNo already differs)
     * they stay on the clock.
     */
    private static long uniqueMillis(String merchantSecret) {
        long now = System.currentTimeMillis();
        return LAST_MILLIS.computeIfAbsent(merchantSecret, key -> new AtomicLong())
                .updateAndGet(last -> Math.max(now, last + 1));
    }
}
