package org.openpaypro.channel.mpesa;

import java.net.URI;
import java.util.Set;
import java.util.regex.Pattern;
import org.openpaypro.channel.ChannelSettings;
import org.openpaypro.channel.ConnectorContext;
import org.openpaypro.channel.InvalidChannelSetting;

/**
 * One {@code MPESA_DARAJA} channel's settings after validation (DESIGN §13): config {@code baseUrl, shortCode,
 * transactionType, b2cShortCode, initiatorName, commandId}, credentials {@code consumerKey, consumerSecret,
 * passkey, securityCredential}. The B2C fields are optional as a group: without {@code b2cShortCode} the channel
 * only takes pay-ins; with it, {@code initiatorName} and {@code securityCredential} are required. Immutable; its
 * {@link #toString()} shows no credential.
 */
record MpesaSettings(URI baseUrl, String shortCode, String transactionType, String b2cShortCode,
                     String initiatorName, String commandId, String consumerKey, String consumerSecret,
                     String passkey, String securityCredential) {
    static final Set<String> TRANSACTION_TYPES = Set.of("CustomerPayBillOnline", "CustomerBuyGoodsOnline");
    static final Set<String> COMMAND_IDS = Set.of("BusinessPayment", "SalaryPayment", "PromotionPayment");
    private static final Pattern SHORT_CODE = Pattern.compile("\\d{5,9}");
    private static final Pattern INITIATOR = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]{1,4096}");

    /** Validates every field, in declaration order; throws {@link InvalidChannelSetting} naming the first bad one. */
    static MpesaSettings from(ChannelSettings settings, ConnectorContext context) {
        URI baseUrl = baseUrl(settings.config("baseUrl"), context.sandbox());
        String shortCode = matching(settings.config("shortCode"), SHORT_CODE, "config.shortCode",
                "must be the M-Pesa short code (5-9 digits)");
        String transactionType = settings.optionalConfig("transactionType").orElse("CustomerPayBillOnline");
        oneOf(transactionType, TRANSACTION_TYPES, "config.transactionType");
        String b2cShortCode = settings.optionalConfig("b2cShortCode").orElse(null);
        String initiatorName = null;
        String commandId = settings.optionalConfig("commandId").orElse("BusinessPayment");
        oneOf(commandId, COMMAND_IDS, "config.commandId");
        if (b2cShortCode != null) {
            matching(b2cShortCode, SHORT_CODE, "config.b2cShortCode", "must be the B2C short code (5-9 digits)");
            initiatorName = settings.optionalConfig("initiatorName").orElseThrow(() -> new InvalidChannelSetting(
                    "config.initiatorName", "is required when config.b2cShortCode is set"));
            matching(initiatorName, INITIATOR, "config.initiatorName",
                    "must be the API initiator's user name (1-64 letters, digits, _ . @ -)");
        }
        String consumerKey = secret(settings.credential("consumerKey"), "credentials.consumerKey");
        String consumerSecret = secret(settings.credential("consumerSecret"), "credentials.consumerSecret");
        String passkey = secret(settings.credential("passkey"), "credentials.passkey");
        String securityCredential = settings.optionalCredential("securityCredential").orElse(null);
        if (b2cShortCode != null && securityCredential == null) {
            throw new InvalidChannelSetting("credentials.securityCredential", "is required when config.b2cShortCode"
                    + " is set (the initiator password encrypted with Safaricom's certificate, base64)");
        }
        if (securityCredential != null) {
            secret(securityCredential, "credentials.securityCredential");
        }
        return new MpesaSettings(baseUrl, shortCode, transactionType, b2cShortCode, initiatorName, commandId,
                consumerKey, consumerSecret, passkey, securityCredential);
    }

    boolean payouts() {
        return b2cShortCode != null;
    }

    private static URI baseUrl(String value, boolean sandbox) {
        URI uri;
        try {
            uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (java.net.URISyntaxException e) {
            throw new InvalidChannelSetting("config.baseUrl", "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !(sandbox && scheme.equals("http"))) {
            throw new InvalidChannelSetting("config.baseUrl", sandbox ? "must be an http:// or https:// URL"
                    : "must be an https:// URL (http:// is allowed in sandbox mode only)");
        }
        if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new InvalidChannelSetting("config.baseUrl",
                    "must be a URL with a host and no user, query or fragment, e.g. https://api.safaricom.co.ke");
        }
        return uri;
    }

    private static String matching(String value, Pattern pattern, String field, String problem) {
        if (!pattern.matcher(value).matches()) {
            throw new InvalidChannelSetting(field, problem);
        }
        return value;
    }

    private static void oneOf(String value, Set<String> allowed, String field) {
        if (!allowed.contains(value)) {
            throw new InvalidChannelSetting(field, "must be one of " + String.join(", ", new java.util.TreeSet<>(
                    allowed)));
        }
    }

    private static String secret(String value, String field) {
        if (!PRINTABLE.matcher(value).matches()) {
            throw new InvalidChannelSetting(field, "must be 1-4096 printable characters without spaces");
        }
        return value;
    }

    @Override
    public String toString() {
        return "MpesaSettings[baseUrl=" + baseUrl + ", shortCode=" + shortCode + ", b2cShortCode=" + b2cShortCode
                + ", initiatorName=" + initiatorName + "]";
    }
}
