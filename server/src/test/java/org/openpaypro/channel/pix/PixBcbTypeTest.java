package org.openpaypro.channel.pix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpaypro.channel.ChannelSettings;
import org.openpaypro.channel.ConnectorContext;
import org.openpaypro.channel.InvalidChannelSetting;
import org.openpaypro.fakes.pix.FakePixPsp;

/** PIX_BCB's settings are validated when a channel opens; a bad one is named, and the rail is never called. */
class PixBcbTypeTest {
    private static FakePixPsp psp;

    @BeforeAll
    static void start() {
        psp = FakePixPsp.start();
    }

    @AfterAll
    static void stop() {
        psp.close();
    }

    private static void open(boolean sandbox, Consumer<Map<String, String>> config,
                             Consumer<Map<String, String>> credentials) {
        Map<String, String> c = new HashMap<>(PixFixture.config(psp));
        Map<String, String> k = new HashMap<>(PixFixture.credentials(psp));
        config.accept(c);
        credentials.accept(k);
        new PixBcbType().open(new ChannelSettings(c, k), new ConnectorContext("pix-a",
                "https://gw.example/channels/v1/pix-a/abcdefghijklmnop", sandbox, Clock.systemUTC(),
                Duration.ofSeconds(5)));
    }

    private static void refusedConfig(String expected, Consumer<Map<String, String>> config) {
        assertThatThrownBy(() -> open(false, config, k -> { }))
                .isInstanceOf(InvalidChannelSetting.class).hasMessage(expected);
    }

    private static void refusedCredentials(String expected, Consumer<Map<String, String>> credentials) {
        assertThatThrownBy(() -> open(false, c -> { }, credentials))
                .isInstanceOf(InvalidChannelSetting.class).hasMessage(expected);
    }

    @Test
    void aCompleteHttpsChannelOpensWithoutCallingTheRail() {
        open(false, c -> { }, k -> { });

        assertThat(psp.requests(FakePixPsp.Op.TOKEN, "")).isZero();
        assertThat(new PixBcbType().name()).isEqualTo("PIX_BCB");
        assertThat(new PixBcbType().configFields()).extracting("name")
                .containsExactly("baseUrl", "oauthUrl", "pixKey", "payoutApi", "expirationSeconds");
    }

    @Test
    void missingRequiredSettingsAreNamed() {
        refusedConfig("config.baseUrl is required", c -> c.remove("baseUrl"));
        refusedConfig("config.oauthUrl is required", c -> c.remove("oauthUrl"));
        refusedConfig("config.pixKey is required", c -> c.remove("pixKey"));
        refusedCredentials("credentials.clientId is required", k -> k.remove("clientId"));
        refusedCredentials("credentials.clientSecret is required", k -> k.remove("clientSecret"));
    }

    @Test
    void plainHttpIsAllowedInSandboxModeOnly() {
        refusedConfig("config.baseUrl must use https:// (http:// is allowed in sandbox mode only)",
                c -> c.put("baseUrl", "http://127.0.0.1:1/v2"));
        refusedConfig("config.oauthUrl must use https:// (http:// is allowed in sandbox mode only)",
                c -> c.put("oauthUrl", "http://127.0.0.1:1/oauth/token"));
        open(true, c -> c.put("baseUrl", "http://127.0.0.1:1/v2"), k -> { });
    }

    @Test
    void malformedUrlsAndValuesAreNamed() {
        refusedConfig("config.baseUrl must be an https:// URL with a host and no user, query or fragment",
                c -> c.put("baseUrl", "ftp://psp.example/v2"));
        refusedConfig("config.baseUrl must be an https:// URL with a host and no user, query or fragment",
                c -> c.put("baseUrl", "https://user:pw@psp.example/v2"));
        refusedConfig("config.payoutApi must be EFI or NONE", c -> c.put("payoutApi", "efi"));
        refusedConfig("config.expirationSeconds must be a whole number of seconds from 1 to 2592000",
                c -> c.put("expirationSeconds", "1h"));
        refusedConfig("config.expirationSeconds must be a whole number of seconds from 1 to 2592000",
                c -> c.put("expirationSeconds", "0"));
        refusedConfig("config.pixKey must be a Pix key of 1-77 characters without spaces",
                c -> c.put("pixKey", "a key"));
        refusedConfig("config.webhookUrl is not a setting of PIX_BCB", c -> c.put("webhookUrl", "x"));
    }

    @Test
    void badCertificatesAreNamedWithoutShowingThem() {
        refusedCredentials("credentials.clientCertificateP12 must be base64 (a PKCS#12 file)",
                k -> k.put("clientCertificateP12", "***not base64***"));
        refusedCredentials("credentials.clientCertificateP12 cannot be opened as PKCS#12 with "
                + "credentials.clientCertificatePassword", k -> k.put("clientCertificatePassword", "wrong"));
        refusedCredentials("credentials.clientCertificatePassword is set but credentials.clientCertificateP12 is not",
                k -> k.remove("clientCertificateP12"));
        refusedCredentials("credentials.trustCertificatePem must be a PEM X.509 certificate",
                k -> k.put("trustCertificatePem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
        refusedCredentials("credentials.apiKey is not a credential of PIX_BCB", k -> k.put("apiKey", "x"));
    }
}
