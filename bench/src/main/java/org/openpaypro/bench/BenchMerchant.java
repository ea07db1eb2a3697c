package org.openpaypro.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.openpaypro.sdk.PayProClient;

/**
 * A merchant the driver created: its number and secret, and an SDK client built on first use (SDK transport only).
 * Thread-safe.
 */
final class BenchMerchant {
    private final int index;
    private final String merchantNo;
    private final String secret;
    private final AtomicReference<PayProClient> sdkClient = new AtomicReference<>();

    BenchMerchant(int index, String merchantNo, String secret) {
        this.index = index;
        this.merchantNo = merchantNo;
        this.secret = secret;
    }

    int index() {
        return index;
    }

    String merchantNo() {
        return merchantNo;
    }

    String secret() {
        return secret;
    }

    PayProClient sdkClient(Calls.Target target) {
        PayProClient client = sdkClient.get();
        if (client == null) {
            client = PayProClient.builder().baseUrl(target.baseUrl()).merchantNo(merchantNo).secretKey(secret)
                    .httpClient(target.sharedClient()).timeout(Duration.ofSeconds(30)).build();
            if (!sdkClient.compareAndSet(null, client)) {
                client = sdkClient.get();
            }
        }
        return client;
    }
}
