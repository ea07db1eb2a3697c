package org.openpaypro.logs;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Request ids and the log context (MDC) keys: an incoming {@code X-Request-Id} is kept only when it is 1–64
 * characters of {@code [A-Za-z0-9._-]} (never attacker text raw in a line), otherwise a new random id is made.
 * Thread-safe.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String REQUEST_ID = "requestId";
    public static final String MERCHANT_NO = "merchantNo";
    public static final String TRADE_NO = "platFormTradeNo";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final HexFormat HEX = HexFormat.of();

    private RequestIds() {
    }

    /** {@code incoming} when it is sane, else a new id. */
    public static String acceptOrNew(String incoming) {
        return incoming != null && SANE.matcher(incoming).matches() ? incoming : newId();
    }

    /**
     * 128 random bits in hex (32 characters). An id names a request in logs and answers; it is no secret, so it
     * comes from {@link ThreadLocalRandom}: {@code SecureRandom} (NativePRNG) serialises every caller on one lock,
     * which under load parked request threads for seconds in total (issue 15).
     */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
    }

    /** Puts the authenticated merchant in the log context of this thread (cleared with the request). */
    public static void merchant(String merchantNo) {
        MDC.put(MERCHANT_NO, merchantNo);
    }

    /** Puts the trade in the log context of this thread (cleared with the request). */
    public static void trade(String platFormTradeNo) {
        if (platFormTradeNo != null) {
            MDC.put(TRADE_NO, platFormTradeNo);
        }
    }
}
