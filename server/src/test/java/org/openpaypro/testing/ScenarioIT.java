package org.openpaypro.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.testing.TestGateway.TestMerchant;

/** Base of scenario tests: the shared gateway, SDK clients, and the ledger check after every test. */
public abstract class ScenarioIT {
    protected final TestGateway gateway = TestGateway.get();

    @AfterEach
    void ledger_check_is_ok_after_the_scenario() {
        gateway.assertLedgerOk();
    }

    protected PayProClient client(TestMerchant merchant) {
        return PayProClient.builder().baseUrl(gateway.baseUrl()).merchantNo(merchant.merchantNo())
                .secretKey(merchant.secret()).build();
    }

    protected TestMerchant fundedMerchant(String amount, Map<String, String> fees) {
        java.util.Map<String, String> body = new java.util.HashMap<>(fees);
        body.put("name", "Loja Teste");
        body.put("country", "BR");
        TestMerchant merchant = gateway.createMerchant(body);
        if (amount != null) {
            Funding.fund(gateway::admin, merchant.merchantNo(), amount);
        }
        return merchant;
    }

    protected JsonNode complete(String platformTradeNo, Map<String, String> body) {
        TestGateway.Answer answer = gateway.admin("POST", "/sandbox/v1/trades/" + platformTradeNo + "/complete", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    protected JsonNode trade(String platformTradeNo) {
        return gateway.admin("GET", "/admin/v1/trades/" + platformTradeNo, null).json();
    }

    protected static String tradeNo() {
        return "T" + System.nanoTime() + "_" + (int) (Math.random() * 1000);
    }
}
