package org.openpaypro.channel.pix;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.openpaypro.channel.ChannelSettings;
import org.openpaypro.channel.InvalidChannelSetting;
import org.openpaypro.channel.SettingField;

/**
 * A {@code PIX_BCB} channel's settings once validated (DESIGN §13): the API base (major version included), the
 * token URL, the receiver's Pix key, whether sends go through Efí's extension, the charge lifetime, the OAuth
 * client and the TLS to use. Immutable; {@link #toString()} never shows the secret.
 */
record PixSettings(URI baseUrl, URI oauthUrl, String pixKey, boolean efiPayouts, int expirationSeconds,
                   String clientId, String clientSecret, SSLContext tls) {
    /** The names {@link PixBcbType} declares: the one list of this type's settings. */
    private static final Set<String> CONFIG = names(PixBcbType.CONFIG_FIELDS);
    private static final Set<String> CREDENTIALS = names(PixBcbType.CREDENTIAL_FIELDS);
    static final int DEFAULT_EXPIRATION_SECONDS = 3600;
    private static final int MAX_EXPIRATION_SECONDS = 2_592_000;
    private static final int PIX_KEY_MAX = 77;

    /** Validates every field in a fixed order and throws {@link InvalidChannelSetting} for the first bad one. */
    static PixSettings of(ChannelSettings settings, boolean sandbox) {
        unknownFields(settings);
        URI baseUrl = url(settings, "baseUrl", sandbox);
        URI oauthUrl = url(settings, "oauthUrl", sandbox);
        String pixKey = pixKey(settings.config("pixKey"));
        boolean efi = payoutApi(settings.optionalConfig("payoutApi").orElse("NONE"));
        int expiration = expiration(settings.optionalConfig("expirationSeconds"));
        String clientId = settings.credential("clientId");
        String clientSecret = settings.credential("clientSecret");
        Optional<String> p12 = settings.optionalCredential("clientCertificateP12");
        Optional<String> password = settings.optionalCredential("clientCertificatePassword");
        if (password.isPresent() && p12.isEmpty()) {
            throw new InvalidChannelSetting("credentials.clientCertificatePassword",
                    "is set but credentials.clientCertificateP12 is not");
        }
        SSLContext tls = PixTls.context(p12, password, settings.optionalCredential("trustCertificatePem"));
        return new PixSettings(baseUrl, oauthUrl, pixKey, efi, expiration, clientId, clientSecret, tls);
    }

    private static void unknownFields(ChannelSettings settings) {
        settings.config().keySet().stream().filter(name -> !CONFIG.contains(name)).sorted().findFirst()
                .ifPresent(name -> {
                    throw new InvalidChannelSetting("config." + name, "is not a setting of PIX_BCB");
                });
        settings.credentials().keySet().stream().filter(name -> !CREDENTIALS.contains(name)).sorted().findFirst()
                .ifPresent(name -> {
                    throw new InvalidChannelSetting("credentials." + name, "is not a credential of PIX_BCB");
                });
    }

    private static Set<String> names(List<SettingField> fields) {
        return fields.stream().map(SettingField::name).collect(Collectors.toUnmodifiableSet());
    }

    private static URI url(ChannelSettings settings, String name, boolean sandbox) {
        String field = "config." + name;
        String text = settings.config(name).trim();
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new InvalidChannelSetting(field, "must be an https:// URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidChannelSetting(field,
                    "must be an https:// URL with a host and no user, query or fragment");
        }
        if (scheme.equals("http") && !sandbox) {
            throw new InvalidChannelSetting(field, "must use https:// (http:// is allowed in sandbox mode only)");
        }
        return uri;
    }

    private static String pixKey(String key) {
        if (key.length() > PIX_KEY_MAX || !key.equals(key.strip()) || key.chars().anyMatch(c -> c < 0x21)) {
            throw new InvalidChannelSetting("config.pixKey", "must be a Pix key of 1-77 characters without spaces");
        }
        return key;
    }

    private static boolean payoutApi(String value) {
        return switch (value) {
            case "EFI" -> true;
            case "NONE" -> false;
            default -> throw new InvalidChannelSetting("config.payoutApi", "must be EFI or NONE");
        };
    }

    private static int expiration(Optional<String> value) {
        if (value.isEmpty()) {
            return DEFAULT_EXPIRATION_SECONDS;
        }
        try {
            int seconds = Integer.parseInt(value.get().trim());
            if (seconds >= 1 && seconds <= MAX_EXPIRATION_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidChannelSetting("config.expirationSeconds", "must be a whole number of seconds from 1 to "
                + MAX_EXPIRATION_SECONDS);
    }

    @Override
    public String toString() {
        return "PixSettings[baseUrl=" + baseUrl + ", oauthUrl=" + oauthUrl + ", pixKey=" + pixKey + ", efiPayouts="
                + efiPayouts + ", expirationSeconds=" + expirationSeconds + ", clientId=" + clientId + "]";
    }
}
