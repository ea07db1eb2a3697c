package org.openpaypro.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openpaypro.sdk.ApiResult;
import org.openpaypro.sdk.Country;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Base of the per-country end-to-end tests: merchants of a country, SDK clients speaking its flavour (through the
 * country base path or the bare family path), a real callback receiver, sandbox completion, settlement, and the
 * ledger check after every test (from {@link ScenarioIT}).
 */
public abstract class CountryScenarioIT extends ScenarioIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    protected static CallbackReceiver receiver;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new CallbackReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    /** A merchant of {@code country}, funded with {@code available} (null: not funded), with these fees. */
    protected TestMerchant merchant(Country country, String available, Map<String, String> fees) {
        Map<String, String> body = new HashMap<>(fees);
        body.put("name", "Merchant " + country.code());
        body.put("country", country.code());
        TestMerchant merchant = gateway.createMerchant(body);
        if (available != null) {
            assertThat(gateway.admin("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/adjustments",
                    Map.of("amount", available, "reason", "test funding")).status()).isEqualTo(201);
        }
        return merchant;
    }

    /** Through the country base path ({@code /kenya-pay/api/...}). */
    protected PayProClient client(Country country, TestMerchant merchant) {
        return PayProClient.builder().baseUrl(gateway.baseUrl()).country(country).basePath(country.basePath())
                .merchantNo(merchant.merchantNo()).secretKey(merchant.secret()).build();
    }

    /** Through the bare family path ({@code /api/...}), resolved by the merchant's country. */
    protected PayProClient bareClient(Country country, TestMerchant merchant) {
        return PayProClient.builder().baseUrl(gateway.baseUrl()).country(country)
                .merchantNo(merchant.merchantNo()).secretKey(merchant.secret()).build();
    }

    /** A fresh receiver URL for one test. */
    protected static String notifyUrl(String name) {
        return receiver.url("/" + name + "-" + System.nanoTime());
    }

    /** The one callback that arrives at {@code url} (waits up to 10 s, then checks no second one came). */
    protected JsonNode awaitCallback(String url) throws InterruptedException, IOException {
        String path = java.net.URI.create(url).getPath();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (receiver.received(path).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no callback at " + url);
            }
            Thread.sleep(50);
        }
        Thread.sleep(300);
        List<CallbackReceiver.Received> received = receiver.received(path);
        assertThat(received).as("callbacks at " + path).hasSize(1);
        return JSON.readTree(received.get(0).body());
    }

    /** Settles everything due within the next ten days (T+N at local midnight). */
    protected void settleAll() {
        assertThat(gateway.admin("POST", "/admin/v1/settlement/run",
                Map.of("asOf", Instant.now().plus(Duration.ofDays(10)).toString())).status()).isEqualTo(200);
    }

    /** Asserts a refusal with exactly {@code msg}, and (with {@code before}) that nothing was written. */
    protected void assertRejected(ApiResult<?> result, String msg, Map<String, Long> before) {
        assertThat(result.code()).as(result.msg()).isEqualTo("8000");
        assertThat(result.success()).isFalse();
        assertThat(result.data()).isNull();
        assertThat(result.msg()).isEqualTo(msg);
        if (before != null) {
            assertThat(gateway.snapshot()).isEqualTo(before);
        }
    }

    protected static String tradeNo(String prefix) {
        return prefix + System.nanoTime();
    }
}
