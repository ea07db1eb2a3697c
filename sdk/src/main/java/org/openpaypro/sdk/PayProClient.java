package org.openpaypro.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openpaypro.protocol.HmacSignature;
import org.openpaypro.protocol.Signer;

/**
 * Merchant-side client of a PayPro gateway (spec §1-§3). Every call is a signed JSON POST to
 * {@code baseUrl + basePath + family + "/" + endpointName} with the {@code merchantNo} header; the answer is mapped
 * to an {@link ApiResult}, whose two layers the caller must read as spec §1.6 says.
 *
 * <p>A network failure, a timeout or an answer that is not an envelope throws {@link PayProException}. For
 * {@link #payin} and {@link #payout} that means the outcome is unknown: query by {@code tradeNo} before creating the
 * order again. The client never retries on its own.
 *
 * <p>Requests are signed with PayPro's MD5 {@code sign} by default; {@link Builder#hmacSignature(boolean)} switches
 * to OpenPayPro's stronger {@code X-OpenPayPro-Signature} header (HMAC-SHA256 over method, path, time and the
 * exact body bytes), which a merchant that opted in must use.
 *
 * <p>Immutable and thread-safe: share one instance per merchant account.
 */
public final class PayProClient {
    /**
     * The last timestamp this JVM signed with: each request gets a later one, so two requests with the same fields
     * never carry the same sign (the gateway serves a sign once within its window).
     */
    private static final java.util.concurrent.atomic.AtomicLong LAST_TIMESTAMP =
            new java.util.concurrent.atomic.AtomicLong();


    public static final String DEFAULT_FAMILY = "/v1/paypro";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Larger answers are refused; real envelopes are a few hundred bytes. */
    public static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private final String baseUrl;
    private final String endpointPrefix;
    private final String merchantNo;
    private final String secretKey;
    private final HttpClient httpClient;
    private final Duration timeout;
    private final boolean signInHeader;
    private final boolean hmacSignature;
    private final Country country;

    private PayProClient(Builder builder, String baseUrl, HttpClient httpClient) {
        this.country = builder.country;
        this.baseUrl = baseUrl;
        this.endpointPrefix = builder.basePath + builder.family + "/";
        this.merchantNo = builder.merchantNo;
        this.secretKey = builder.secretKey;
        this.httpClient = httpClient;
        this.timeout = builder.timeout;
        this.signInHeader = builder.signInHeader;
        this.hmacSignature = builder.hmacSignature;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates a pay-in (Brazil: PIX via the hosted cashier page); endpoint {@code payin} or the country's. */
    public ApiResult<PayinData> payin(PayinRequest request) {
        requireRequest(request);
        return payin(request.toFields());
    }

    /** Creates a pay-in from the country's own fields (spec §6.2) on the country's pay-in endpoint. */
    public ApiResult<PayinData> payin(Map<String, String> fields) {
        return call(country.payinEndpoint(), fields, PayinData.class);
    }

    /** Creates a payout (Brazil: PIX transfer); endpoint {@code payout} or the country's. */
    public ApiResult<PayoutData> payout(PayoutRequest request) {
        requireRequest(request);
        return payout(request.toFields());
    }

    /** Creates a payout from the country's own fields (spec §6.2) on the country's payout endpoint. */
    public ApiResult<PayoutData> payout(Map<String, String> fields) {
        return call(country.payoutEndpoint(), fields, PayoutData.class);
    }

    /** State of a pay-in by the merchant's {@code tradeNo}; endpoint {@code queryPayInResult} or the country's. */
    public ApiResult<TradeResult> queryPayin(String tradeNo) {
        RequestFields.require(tradeNo, "tradeNo");
        return call(country.queryPayinEndpoint(), Map.of("tradeNo", tradeNo), TradeResult.class);
    }

    /** State of a payout by the merchant's {@code tradeNo}; endpoint {@code queryPayOutResult} or the country's. */
    public ApiResult<TradeResult> queryPayout(String tradeNo) {
        RequestFields.require(tradeNo, "tradeNo");
        return call(country.queryPayoutEndpoint(), Map.of("tradeNo", tradeNo), TradeResult.class);
    }

    /**
     * Bangladesh: hands in the payer's wallet transaction id for a pay-in named by its {@code platFormTradeNo}, as
     * the white-label brand documents it; {@code data} is {@code true} when the submission was taken (the result
     * follows by callback and query). Endpoint {@code payinSubmit}.
     */
    public ApiResult<Boolean> payinSubmit(String platFormTradeNo, String trxId) {
        RequestFields.require(platFormTradeNo, "platFormTradeNo");
        RequestFields.require(trxId, "trxId");
        return call("payinSubmit", Map.of("platFormTradeNo", platFormTradeNo, "trxId", trxId), Boolean.class);
    }

    /** Balances of the merchant account; endpoint {@code queryBalance}. */
    public ApiResult<BalanceData> queryBalance() {
        return call("queryBalance", Map.of(), BalanceData.class);
    }

    /** Like {@link #call(String, Map, Class)} with {@code data} as a map of the JSON values. */
    public ApiResult<Map<String, Object>> call(String endpointName, Map<String, ?> fields) {
        return exchange(endpointName, fields, Json.FIELD_MAP);
    }

    /**
     * Signs and sends any endpoint of the family (country variants, e.g. {@code "payIn"} with extra fields).
     * Values are sent as JSON strings; null values are left out; {@code timestamp} is added unless present.
     *
     * @throws IllegalArgumentException for a bad endpoint name, a {@code sign} field or a nested value
     * @throws PayProException on network failure or an answer that is not an envelope
     */
    public <T> ApiResult<T> call(String endpointName, Map<String, ?> fields, Class<T> dataType) {
        if (dataType == null) {
            throw new IllegalArgumentException("dataType is required");
        }
        return exchange(endpointName, fields, Json.MAPPER.constructType(dataType));
    }

    /**
     * Posts {@code body} exactly as given (values keep their JSON types, no {@code timestamp} is added) to
     * {@code baseUrl + path}, for tests and odd inputs. With {@code sign}, the signature over the body (minus any
     * {@code sign} it holds) is placed in the body or header as configured. The answer is not interpreted.
     *
     * @throws PayProException on network failure
     */
    public RawResponse send(String path, Map<String, ?> body, boolean sign) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/' but was " + path);
        }
        if (body == null) {
            throw new IllegalArgumentException("body is required (use an empty map for none)");
        }
        return post(path, new LinkedHashMap<>(body), sign);
    }

    private <T> ApiResult<T> exchange(String endpointName, Map<String, ?> fields, JavaType dataType) {
        if (endpointName == null || endpointName.isBlank() || endpointName.startsWith("/")) {
            throw new IllegalArgumentException("endpointName must be a name like 'payin' but was " + endpointName);
        }
        String path = endpointPrefix + endpointName;
        RawResponse response = post(path, stringFields(fields), true);
        return EnvelopeReader.read(baseUrl + path, response, dataType);
    }

    private static Map<String, Object> stringFields(Map<String, ?> fields) {
        if (fields == null) {
            throw new IllegalArgumentException("fields are required (use an empty map for none)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : fields.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key == null || key.isEmpty() || "sign".equals(key)) {
                throw new IllegalArgumentException("field name '" + key + "' is not allowed; the client signs");
            }
            if (value instanceof Map<?, ?> || value instanceof Collection<?>
                    || (value != null && value.getClass().isArray())) {
                throw new IllegalArgumentException("field '" + key + "' is nested; PayPro bodies are flat");
            }
            if (value != null) {
                body.put(key, value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString());
            }
        }
        body.putIfAbsent("timestamp", Long.toString(nextTimestamp()));
        return body;
    }

    /** Now in epoch millis, or one more than the last timestamp handed out when that is not earlier. */
    static long nextTimestamp() {
        long now = System.currentTimeMillis();
        return LAST_TIMESTAMP.updateAndGet(last -> Math.max(now, last + 1));
    }

    private RawResponse post(String path, Map<String, Object> body, boolean sign) {
        String signature = null;
        if (sign && !hmacSignature) {
            body.remove("sign");
            signature = Signer.sign(body, secretKey);
            if (!signInHeader) {
                body.put("sign", signature);
            }
        }
        String url = baseUrl + path;
        URI uri = toUri(url);
        byte[] bytes = toJson(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("merchantNo", merchantNo)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (signature != null && signInHeader) {
            request.header("sign", signature);
        }
        if (sign && hmacSignature) {
            request.header(HmacSignature.HEADER, HmacSignature.header(secretKey,
                    Long.toString(System.currentTimeMillis()), "POST", uri.getRawPath(), bytes));
        }
        try {
            HttpResponse<InputStream> response =
                    httpClient.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new RawResponse(response.statusCode(), readLimited(url, response.body()));
        } catch (IOException e) {
            throw new PayProException("POST " + url + " failed (" + e + "); whether the gateway processed it is"
                    + " unknown, query by tradeNo before repeating an order", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PayProException("interrupted while waiting for POST " + url
                    + "; whether the gateway processed it is unknown", e);
        }
    }

    private static String readLimited(String url, InputStream in) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new PayProException("answer of POST " + url + " is larger than " + MAX_RESPONSE_BYTES
                        + " bytes; refusing to read it", null);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static byte[] toJson(Map<String, Object> body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static URI toUri(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + url, e);
        }
    }

    private static void requireRequest(Object request) {
        if (request == null) {
            throw new IllegalArgumentException("request is required");
        }
    }

    /**
     * Collects the settings and checks them once in {@link #build()}, failing with a message that names the setting.
     *
     * <p>Not thread-safe; use it from one thread, then share the built client.
     */
    public static final class Builder {

        private String baseUrl;
        private String merchantNo;
        private String secretKey;
        private HttpClient httpClient;
        private Duration timeout = DEFAULT_TIMEOUT;
        private boolean signInHeader;
        private boolean hmacSignature;
        private String family = DEFAULT_FAMILY;
        private String basePath = "";
        private Country country = Country.BRAZIL;

        private Builder() {
        }

        /**
         * Speaks the given country's flavour: its family prefix and endpoint names (spec §6.1). Sets the family
         * only; call {@link #basePath} too when the gateway is reached through the country base path.
         */
        public Builder country(Country country) {
            this.country = java.util.Objects.requireNonNull(country, "country");
            this.family = country.family();
            return this;
        }

        /** Scheme, host and port of the gateway, e.g. {@code https://sandbox-api.paypro.tech}. Required. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** Sent in the {@code merchantNo} header of every request. Required. */
        public Builder merchantNo(String merchantNo) {
            this.merchantNo = merchantNo;
            return this;
        }

        /** The merchant key used to sign; never sent. Required. */
        public Builder secretKey(String secretKey) {
            this.secretKey = secretKey;
            return this;
        }

        /** Client to send with; default: a new one with {@link #timeout} as connect timeout. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** Time limit of each request; default 30 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** True: {@code sign} goes in the header and not in the body (some Brazil pages, OP-1). Default false. */
        public Builder signInHeader(boolean signInHeader) {
            this.signInHeader = signInHeader;
            return this;
        }

        /**
         * True: sign with the {@code X-OpenPayPro-Signature} header (HMAC-SHA256 over method, path, timestamp and
         * the exact body bytes) instead of the MD5 {@code sign}; required by an OpenPayPro merchant that opted in
         * to it, not understood by other PayPro gateways. Default false.
         */
        public Builder hmacSignature(boolean hmacSignature) {
            this.hmacSignature = hmacSignature;
            return this;
        }

        /** API family prefix, default {@code /v1/paypro} ({@code /api} for Kenya, {@code /v1/payproPK}, ...). */
        public Builder family(String family) {
            this.family = family;
            return this;
        }

        /** Country path prefix between base URL and family, e.g. {@code /brz-pay}; default empty. */
        public Builder basePath(String basePath) {
            this.basePath = basePath;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting to fix */
        public PayProClient build() {
            String normalizedBaseUrl = checkBaseUrl(baseUrl);
            requireText(merchantNo, "merchantNo");
            requireText(secretKey, "secretKey");
            if (timeout == null || timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive but was " + timeout);
            }
            checkPathPrefix(basePath, "basePath");
            checkPathPrefix(family, "family");
            HttpClient client = httpClient != null
                    ? httpClient
                    : HttpClient.newBuilder().connectTimeout(timeout).build();
            return new PayProClient(this, normalizedBaseUrl, client);
        }

        private static String checkBaseUrl(String url) {
            requireText(url, "baseUrl");
            String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            URI uri;
            try {
                uri = new URI(trimmed);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("baseUrl is not a valid URL: " + url, e);
            }
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!http || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(
                        "baseUrl must look like https://host[:port][/path] without query, but was " + url);
            }
            return trimmed;
        }

        private static void checkPathPrefix(String prefix, String name) {
            boolean valid = prefix != null
                    && (prefix.isEmpty() || (prefix.startsWith("/") && !prefix.endsWith("/")));
            if (!valid) {
                throw new IllegalArgumentException(
                        name + " must be empty or start with '/' and not end with '/', e.g. '/brz-pay', but was "
                                + (prefix == null ? "null" : "'" + prefix + "'"));
            }
        }

        private static void requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " is required");
            }
        }
    }
}
