package org.openpaypro.channel;

/**
 * Seals and opens a channel's credentials at rest (the master key, as for merchant secrets), bound to the channel's
 * name so a sealed value cannot be moved to another channel. Implementations are thread-safe.
 */
public interface CredentialBox {
    byte[] seal(String plaintext, String channelName);

    String open(byte[] sealed, String channelName);
}
