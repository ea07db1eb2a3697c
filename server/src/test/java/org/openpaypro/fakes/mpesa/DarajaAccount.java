package org.openpaypro.fakes.mpesa;

/**
 * The credentials and numbers Safaricom issues to one Daraja app, as the fake checks them: the consumer key and
 * secret (OAuth), the Lipa na M-Pesa short code and passkey (STK Password), the B2C short code, the API initiator
 * and its encrypted password (SecurityCredential). {@link #sandbox()} uses Daraja's published sandbox short code
 * 174379 and its passkey. Immutable.
 */
public record DarajaAccount(String consumerKey, String consumerSecret, String shortCode, String passkey,
                            String b2cShortCode, String initiatorName, String securityCredential) {
    public static DarajaAccount sandbox() {
        return new DarajaAccount("fake-consumer-key", "fake-consumer-secret", "174379",
                "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919", "600992", "testapi",
                "ZmFrZS1lbmNyeXB0ZWQtaW5pdGlhdG9yLXBhc3N3b3Jk");
    }
}
