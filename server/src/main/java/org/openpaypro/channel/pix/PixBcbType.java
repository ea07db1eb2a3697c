package org.openpaypro.channel.pix;

import java.util.List;
import org.openpaypro.channel.ChannelSettings;
import org.openpaypro.channel.Connector;
import org.openpaypro.channel.ConnectorContext;
import org.openpaypro.channel.ConnectorType;
import org.openpaypro.channel.SettingField;

/**
 * {@code PIX_BCB}: Brazil's Pix through any PSP that implements the Banco Central "API Pix" v2, with payouts through
 * Efí's send extension when {@code payoutApi} is {@code EFI} (DESIGN §13, spec/RAILS.md §1). Stateless,
 * thread-safe.
 */
public final class PixBcbType implements ConnectorType {
    public static final String NAME = "PIX_BCB";
    /** The settings of a channel of this type; {@link PixSettings} refuses any other name. */
    static final List<SettingField> CONFIG_FIELDS = List.of(
            new SettingField("baseUrl", true, "the PSP's API Pix base URL with the version, e.g. https://psp/v2"),
            new SettingField("oauthUrl", true, "the PSP's OAuth2 token URL (client credentials)"),
            new SettingField("pixKey", true, "the receiving account's Pix key: charges and sends use it"),
            new SettingField("payoutApi", false, "EFI (Efí's PUT /gn/pix/{idEnvio}) or NONE (default)"),
            new SettingField("expirationSeconds", false, "charge lifetime (calendario.expiracao), default 3600"));
    static final List<SettingField> CREDENTIAL_FIELDS = List.of(
            new SettingField("clientId", true, "OAuth2 client id issued by the PSP"),
            new SettingField("clientSecret", true, "OAuth2 client secret issued by the PSP"),
            new SettingField("clientCertificateP12", false, "mutual TLS: the PSP's client certificate, "
                    + "PKCS#12 as base64"),
            new SettingField("clientCertificatePassword", false, "the PKCS#12 password"),
            new SettingField("trustCertificatePem", false, "a CA (PEM) trusted in addition to the defaults"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SettingField> configFields() {
        return CONFIG_FIELDS;
    }

    @Override
    public List<SettingField> credentialFields() {
        return CREDENTIAL_FIELDS;
    }

    @Override
    public Connector open(ChannelSettings settings, ConnectorContext context) {
        return new PixBcbConnector(PixSettings.of(settings, context.sandbox()), context);
    }
}
