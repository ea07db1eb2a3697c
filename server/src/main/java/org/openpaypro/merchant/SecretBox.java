package org.openpaypro.merchant;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts merchant secrets at rest with AES-256-GCM under the master key. The ciphertext is
 * {@code iv(12) || ciphertext+tag}; the merchant number is the associated data, so a secret copied onto another
 * merchant's row does not decrypt. Thread-safe (a new {@link Cipher} per call).
 */
public final class SecretBox {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public SecretBox(String masterKeyHex) {
        this.key = new SecretKeySpec(HexFormat.of().parseHex(masterKeyHex), "AES");
    }

    /**
     * A key for one {@code purpose} (e.g. "voucher"), derived from the master key as SHA-256 of
     * {@code purpose + "|" + masterKeyHex}: a feature that needs a key of its own gets this, never the master key.
     */
    public static byte[] derivedKey(String masterKeyHex, String purpose) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((purpose + "|" + masterKeyHex).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] seal(String secret, String merchantNo) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, iv, secret.getBytes(StandardCharsets.UTF_8), merchantNo);
        byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
        return out;
    }

    public String open(byte[] sealed, String merchantNo) {
        byte[] iv = Arrays.copyOf(sealed, IV_BYTES);
        byte[] body = Arrays.copyOfRange(sealed, IV_BYTES, sealed.length);
        return new String(crypt(Cipher.DECRYPT_MODE, iv, body, merchantNo), StandardCharsets.UTF_8);
    }

    private byte[] crypt(int mode, byte[] iv, byte[] input, String merchantNo) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(merchantNo.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("merchant secret of " + merchantNo + " cannot be decrypted with the "
                    + "configured OPENPAYPRO_MASTER_KEY", e);
        }
    }

    public static String newSecret() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static String newMasterKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
