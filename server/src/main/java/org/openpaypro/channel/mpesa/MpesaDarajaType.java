package org.openpaypro.channel.mpesa;

import java.util.List;
import org.openpaypro.channel.ChannelSettings;
import org.openpaypro.channel.Connector;
import org.openpaypro.channel.ConnectorContext;
import org.openpaypro.channel.ConnectorType;
import org.openpaypro.channel.SettingField;

/**
 * The {@code MPESA_DARAJA} connector type (DESIGN §13): declares its config and credential fields and opens a
 * {@link MpesaConnector} after validating all of them (a bad value throws
 * {@link org.openpaypro.channel.InvalidChannelSetting} naming the field). Opening never calls the rail. Stateless,
 * thread-safe.
 */
public final class MpesaDarajaType implements ConnectorType {
    public static final String NAME = "MPESA_DARAJA";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SettingField> configFields() {
        return List.of(
                new SettingField("baseUrl", true, "Daraja base URL: https://api.safaricom.co.ke (live) or "
                        + "https://sandbox.safaricom.co.ke"),
                new SettingField("shortCode", true, "Lipa na M-Pesa Online (STK push) short code, 5-9 digits"),
                new SettingField("transactionType", false,
                        "CustomerPayBillOnline (default) or CustomerBuyGoodsOnline"),
                new SettingField("b2cShortCode", false, "B2C short code for payouts; without it no payouts"),
                new SettingField("initiatorName", false, "API initiator user name (required with b2cShortCode)"),
                new SettingField("commandId", false, "BusinessPayment (default), SalaryPayment or PromotionPayment"));
    }

    @Override
    public List<SettingField> credentialFields() {
        return List.of(
                new SettingField("consumerKey", true, "Daraja app consumer key"),
                new SettingField("consumerSecret", true, "Daraja app consumer secret"),
                new SettingField("passkey", true, "Lipa na M-Pesa Online passkey of shortCode"),
                new SettingField("securityCredential", false,
                        "initiator password encrypted with Safaricom's certificate, base64 (required with "
                                + "b2cShortCode)"));
    }

    @Override
    public Connector open(ChannelSettings settings, ConnectorContext context) {
        return new MpesaConnector(MpesaSettings.from(settings, context), context);
    }
}
