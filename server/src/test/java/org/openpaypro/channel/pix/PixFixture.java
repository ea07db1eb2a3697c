package org.openpaypro.channel.pix;

import java.util.HashMap;
import java.util.Map;
import org.openpaypro.channel.ChannelSettings;
import org.openpaypro.fakes.pix.FakePixPsp;
import org.openpaypro.fakes.pix.PixTestPki;

/** Channel settings that reach a {@link FakePixPsp}: its URLs, key, OAuth client, client certificate and CA. */
public final class PixFixture {
    private PixFixture() {
    }

    /** The config of a {@code PIX_BCB} channel on the fake, with Efí payouts. */
    public static Map<String, String> config(FakePixPsp psp) {
        Map<String, String> config = new HashMap<>();
        config.put("baseUrl", psp.baseUrl());
        config.put("oauthUrl", psp.oauthUrl());
        config.put("pixKey", FakePixPsp.PIX_KEY);
        config.put("payoutApi", "EFI");
        return config;
    }

    /** The credentials for the fake: OAuth client, client certificate (mutual TLS) and the fake's CA. */
    public static Map<String, String> credentials(FakePixPsp psp) {
        Map<String, String> credentials = new HashMap<>();
        credentials.put("clientId", FakePixPsp.CLIENT_ID);
        credentials.put("clientSecret", FakePixPsp.CLIENT_SECRET);
        credentials.put("clientCertificateP12", psp.pki().clientP12Base64());
        credentials.put("clientCertificatePassword", PixTestPki.CLIENT_P12_PASSWORD);
        credentials.put("trustCertificatePem", psp.pki().caPem());
        return credentials;
    }

    public static ChannelSettings settings(FakePixPsp psp) {
        return new ChannelSettings(config(psp), credentials(psp));
    }
}
