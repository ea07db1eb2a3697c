package org.openpaypro.channel.mpesa;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ResultURL of a Transaction Status query we send: {@code {webhookUrl}/b2c/status/{ocid}/{mac}}, where the mac
 * is an HMAC-SHA256 of the OriginatorConversationID under a key derived from the channel's secret credentials (the
 * same on every node, never sent anywhere). Only Daraja, which we gave the link to, can post to a valid one, so a
 * body posted there is the rail's answer to <em>our</em> query about <em>that</em> payout. Immutable, thread-safe.
 */
final class StatusLink {
    static final String PREFIX = "/b2c/status/";
    private static final Pattern SHAPE = Pattern.compile("/b2c/status/([A-Za-z0-9_]{1,40})/([A-Za-z0-9_-]{22})");
    private final byte[] key;

    StatusLink(MpesaSettings settings) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("openpaypro mpesa status link\n".getBytes(StandardCharsets.UTF_8));
            sha256.update((settings.consumerSecret() + "\n" + settings.passkey()).getBytes(StandardCharsets.UTF_8));
            key = sha256.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    String path(String originatorConversationId) {
        return PREFIX + originatorConversationId + "/" + mac(originatorConversationId);
    }

    /** The OriginatorConversationID a sub-path was minted for, or null when it is not a valid link of ours. */
    String verify(String subPath) {
        var matcher = SHAPE.matcher(subPath);
        if (!matcher.matches()) {
            return null;
        }
        byte[] expected = mac(matcher.group(1)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = matcher.group(2).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? matcher.group(1) : null;
    }

    private String mac(String originatorConversationId) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = hmac.doFinal(originatorConversationId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
