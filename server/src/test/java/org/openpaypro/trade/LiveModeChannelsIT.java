package org.openpaypro.trade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.TestGateway;
import org.openpaypro.testing.TestGateway.Answer;
import org.openpaypro.testing.TestGateway.TestMerchant;

/**
 * Live mode never runs on the simulator (issue 10, security 1): with no real channel configured, every create,
 * payer submission and account check is refused with 8000 and writes nothing, and the simulator's cashier and the
 * sandbox API do not exist. Nothing is created, so the public notify URLs below are never called.
 */
class LiveModeChannelsIT {
    private static final String NOTIFY = "http://93.184.216.34/notify";
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.startNew(Map.of("OPENPAYPRO_MODE", "live",
                "OPENPAYPRO_MASTER_KEY", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static TestMerchant merchant(String country) {
        TestMerchant merchant = gateway.createMerchant(Map.of("name", "Live " + country, "country", country));
        Answer funded = gateway.admin("POST", "/admin/v1/merchants/" + merchant.merchantNo() + "/adjustments",
                Map.of("amount", "1000000", "reason", "top-up"));
        assertThat(funded.status()).as(funded.body()).isEqualTo(201);
        return merchant;
    }

    private static void assertRefusedAndNothingWritten(TestMerchant merchant, String path, Map<String, String> body,
                                                       String msg) {
        var before = gateway.snapshot();
        Answer answer = gateway.signed(path, merchant.merchantNo(), merchant.secret(), body);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.code()).as(answer.body()).isEqualTo("8000");
        assertThat(answer.msg()).isEqualTo(msg);
        assertThat(answer.json().get("data").isNull()).as(answer.body()).isTrue();
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    private static String tradeNo() {
        return "L" + System.nanoTime();
    }

    private static Map<String, String> brazilPayin() {
        return Map.of("tradeNo", tradeNo(), "amount", "10.00", "name", "Ana", "identityType", "CPF",
                "userIdentity", "12345678909", "notifyUrl", NOTIFY, "remark", "r");
    }

    @Test
    void live_mode_has_no_channel_and_refuses_to_create_a_simulator_one() {
        Answer channels = gateway.admin("GET", "/admin/v1/channels", null);
        assertThat(channels.status()).isEqualTo(200);
        assertThat(channels.json().get("channels").size()).isZero();
        Answer simulator = gateway.admin("POST", "/admin/v1/channels", Map.of("name", "sim", "type", "SIMULATOR",
                "countries", java.util.List.of("BR"), "operations", java.util.List.of("PAYIN")));
        assertThat(simulator.status()).isEqualTo(400);
        assertThat(simulator.json().get("error").asText()).contains("sandbox mode only");
        assertThat(gateway.admin("GET", "/admin/v1/channels/simulator", null).status()).isEqualTo(404);
    }

    @Test
    void payins_of_several_countries_are_refused_with_no_channel_and_nothing_is_written() {
        assertRefusedAndNothingWritten(merchant("BR"), "/v1/paypro/payin", brazilPayin(),
                "no payment channel is configured for BR payin");
        assertRefusedAndNothingWritten(merchant("BD"), "/v1/paypro/payin", Map.of("tradeNo", tradeNo(),
                "amount", "500", "notifyUrl", NOTIFY, "wayCode", "EWALLET_BKASH", "remark", "order 5"),
                "no payment channel is configured for BD payin");
        Map<String, String> indonesia = new LinkedHashMap<>(Map.of("tradeNo", tradeNo(), "amount", "75000",
                "username", "Budi Santoso", "mobile", "081234567890", "email", "budi@example.co.id",
                "channelCode", "EWALLET", "wayCode", "DANA", "notifyUrl", NOTIFY));
        indonesia.put("remark", "order 7");
        assertRefusedAndNothingWritten(merchant("ID"), "/v1/paypro/payIn", indonesia,
                "no payment channel is configured for ID payin");
    }

    @Test
    void payouts_of_funded_merchants_are_refused_with_no_channel_and_nothing_is_frozen() {
        TestMerchant brazil = merchant("BR");
        Map<String, String> pix = new LinkedHashMap<>(Map.of("tradeNo", tradeNo(), "amount", "100.00",
                "name", "Maria Souza", "email", "maria@example.com", "mobile", "+5511987654321", "bankType", "CPF",
                "bankNumber", "12345678909", "identityType", "CPF", "userIdentity", "12345678909",
                "notifyUrl", NOTIFY));
        pix.put("remark", "payout test");
        assertRefusedAndNothingWritten(brazil, "/v1/paypro/payout", pix,
                "no payment channel is configured for BR payout");
        assertRefusedAndNothingWritten(merchant("BD"), "/v1/paypro/payout", Map.of("tradeNo", tradeNo(),
                "amount", "500", "notifyUrl", NOTIFY, "walletId", "01712345678", "wayCode", "EWALLET_NAGAD",
                "remark", "cashout 2"), "no payment channel is configured for BD payout");
        Answer merchant = gateway.admin("GET", "/admin/v1/merchants/" + brazil.merchantNo(), null);
        assertThat(merchant.json().get("balances").get("availableAmount").asText()).isEqualTo("1000000.0000");
        assertThat(merchant.json().get("balances").get("freezeAmount").asText()).isEqualTo("0.0000");
    }

    @Test
    void bangladesh_payinSubmit_is_refused_whatever_trxId_it_names() {
        assertRefusedAndNothingWritten(merchant("BD"), "/v1/paypro/payinSubmit",
                Map.of("tradeNo", tradeNo(), "trxId", "8N7A6D5C4B"), "no payment channel is configured for BD "
                        + "payin_submit");
    }

    @Test
    void indonesia_accountVerify_is_refused_instead_of_inventing_a_name() {
        assertRefusedAndNothingWritten(merchant("ID"), "/v1/paypro/accountVerify",
                Map.of("bankAccountNo", "5464438554636", "bankCode", "0002"),
                "no payment channel is configured for ID account_verify");
    }

    @Test
    void request_rules_still_answer_first_with_their_precise_message() {
        Map<String, String> body = new LinkedHashMap<>(brazilPayin());
        body.remove("name");
        assertRefusedAndNothingWritten(merchant("BR"), "/v1/paypro/payin", body, "missing field: name");
    }

    @Test
    void the_simulator_cashier_and_the_sandbox_api_do_not_exist() {
        assertThat(gateway.get("/cashier/0123456789abcdef").status()).isEqualTo(404);
        Answer pay = gateway.post("/cashier/0123456789abcdef/complete", Map.of(), "{\"status\":\"0000\"}");
        assertThat(pay.status()).isEqualTo(404);
        Answer sandbox = gateway.admin("POST", "/sandbox/v1/trades/0123456789abcdef/complete",
                Map.of("status", "0000"));
        assertThat(sandbox.status()).isEqualTo(404);
    }
}
