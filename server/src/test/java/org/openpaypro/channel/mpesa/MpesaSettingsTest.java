package org.openpaypro.channel.mpesa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpaypro.channel.ChannelSettings;
import org.openpaypro.channel.ConnectorContext;
import org.openpaypro.channel.InvalidChannelSetting;

/** Config validation in open(): a bad value is refused with a message naming the field; the rail is never called. */
class MpesaSettingsTest {
    private static final ConnectorContext LIVE = context(false);
    private static final ConnectorContext SANDBOX = context(true);

    private static ConnectorContext context(boolean sandbox) {
        return new ConnectorContext("mpesa", "https://gw.example/channels/v1/mpesa/tok_0123456789abcdef", sandbox,
                Clock.systemUTC(), Duration.ofSeconds(5));
    }

    private static Map<String, String> config() {
        Map<String, String> config = new HashMap<>(Map.of("baseUrl", "https://api.safaricom.co.ke",
                "shortCode", "174379", "transactionType", "CustomerPayBillOnline", "b2cShortCode", "600992",
                "initiatorName", "testapi", "commandId", "BusinessPayment"));
        return config;
    }

    private static Map<String, String> credentials() {
        return new HashMap<>(Map.of("consumerKey", "key", "consumerSecret", "secret", "passkey", "bfb279f9",
                "securityCredential", "c2VjcmV0"));
    }

    private static String refusal(Map<String, String> config, Map<String, String> credentials,
                                  ConnectorContext context) {
        try {
            new MpesaDarajaType().open(new ChannelSettings(config, credentials), context);
            return null;
        } catch (InvalidChannelSetting e) {
            return e.getMessage();
        }
    }

    @Test
    void a_complete_config_opens_and_a_pay_in_only_channel_needs_no_b2c_fields() {
        assertThat(refusal(config(), credentials(), LIVE)).isNull();
        Map<String, String> payinOnly = new HashMap<>(Map.of("baseUrl", "https://api.safaricom.co.ke",
                "shortCode", "174379"));
        Map<String, String> keys = credentials();
        keys.remove("securityCredential");
        assertThat(refusal(payinOnly, keys, LIVE)).isNull();
    }

    @Test
    void plain_http_is_refused_in_live_mode_and_allowed_in_sandbox_mode() {
        Map<String, String> config = config();
        config.put("baseUrl", "http://127.0.0.1:9");
        assertThat(refusal(config, credentials(), LIVE))
                .isEqualTo("config.baseUrl must be an https:// URL (http:// is allowed in sandbox mode only)");
        assertThat(refusal(config, credentials(), SANDBOX)).isNull();
    }

    @Test
    void each_bad_field_is_named_in_the_refusal() {
        assertThat(refusalWith("baseUrl", "https://user@api.safaricom.co.ke")).startsWith("config.baseUrl ");
        assertThat(refusalWith("baseUrl", "not a url")).startsWith("config.baseUrl ");
        assertThat(refusalWith("shortCode", "17A379")).isEqualTo(
                "config.shortCode must be the M-Pesa short code (5-9 digits)");
        assertThat(refusalWith("transactionType", "CustomerPay")).isEqualTo(
                "config.transactionType must be one of CustomerBuyGoodsOnline, CustomerPayBillOnline");
        assertThat(refusalWith("commandId", "Salary")).isEqualTo(
                "config.commandId must be one of BusinessPayment, PromotionPayment, SalaryPayment");
        assertThat(refusalWith("b2cShortCode", "12")).startsWith("config.b2cShortCode ");
        assertThat(refusalWith("initiatorName", "has space")).startsWith("config.initiatorName ");
    }

    @Test
    void missing_required_settings_are_named() {
        Map<String, String> config = config();
        config.remove("shortCode");
        assertThat(refusal(config, credentials(), LIVE)).isEqualTo("config.shortCode is required");
        Map<String, String> noInitiator = config();
        noInitiator.remove("initiatorName");
        assertThat(refusal(noInitiator, credentials(), LIVE))
                .isEqualTo("config.initiatorName is required when config.b2cShortCode is set");
        Map<String, String> keys = credentials();
        keys.remove("passkey");
        assertThat(refusal(config(), keys, LIVE)).isEqualTo("credentials.passkey is required");
        Map<String, String> noCredential = credentials();
        noCredential.remove("securityCredential");
        assertThat(refusal(config(), noCredential, LIVE)).startsWith(
                "credentials.securityCredential is required when config.b2cShortCode is set");
    }

    @Test
    void a_refusal_never_carries_the_secret_value() {
        Map<String, String> keys = credentials();
        keys.put("consumerSecret", "top secret with spaces");
        String message = refusal(config(), keys, LIVE);
        assertThat(message).startsWith("credentials.consumerSecret ").doesNotContain("top secret");
        assertThatThrownBy(() -> new MpesaDarajaType().open(new ChannelSettings(config(), keys), LIVE))
                .isInstanceOf(InvalidChannelSetting.class)
                .extracting(e -> ((InvalidChannelSetting) e).field()).isEqualTo("credentials.consumerSecret");
    }

    private static String refusalWith(String field, String value) {
        Map<String, String> config = config();
        config.put(field, value);
        return refusal(config, credentials(), LIVE);
    }
}
