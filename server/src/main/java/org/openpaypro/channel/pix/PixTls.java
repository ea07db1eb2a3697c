package org.openpaypro.channel.pix;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.openpaypro.channel.InvalidChannelSetting;

/**
 * The TLS a Pix channel talks with (DESIGN §13): the default trust store, plus the CA of
 * {@code trustCertificatePem} when given, and the PKCS#12 client certificate of {@code clientCertificateP12} for
 * mutual TLS when given. Host names are verified by the HTTP client (never switched off). Stateless.
 */
final class PixTls {
    private PixTls() {
    }

    /** An SSL context from the optional credentials; throws {@link InvalidChannelSetting} naming a bad one. */
    static SSLContext context(Optional<String> p12Base64, Optional<String> p12Password, Optional<String> trustPem) {
        KeyManager[] keys = p12Base64.map(p12 -> keyManagers(p12, p12Password.orElse(""))).orElse(null);
        TrustManager[] trust = trustManagers(trustPem.map(PixTls::certificates).orElse(Collections.emptyList()));
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    private static KeyManager[] keyManagers(String p12Base64, String password) {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(p12Base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidChannelSetting("credentials.clientCertificateP12", "must be base64 (a PKCS#12 file)");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password.toCharArray());
            if (!hasKey(store)) {
                throw new InvalidChannelSetting("credentials.clientCertificateP12",
                        "holds no private key with its certificate");
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password.toCharArray());
            return factory.getKeyManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidChannelSetting("credentials.clientCertificateP12",
                    "cannot be opened as PKCS#12 with credentials.clientCertificatePassword");
        }
    }

    private static boolean hasKey(KeyStore store) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return true;
            }
        }
        return false;
    }

    private static Collection<? extends Certificate> certificates(String pem) {
        try {
            Collection<? extends Certificate> found = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (found.isEmpty()) {
                throw new InvalidChannelSetting("credentials.trustCertificatePem", "holds no certificate");
            }
            return found;
        } catch (GeneralSecurityException e) {
            throw new InvalidChannelSetting("credentials.trustCertificatePem", "must be a PEM X.509 certificate");
        }
    }

    /** The default trust anchors, plus {@code extra}. */
    private static TrustManager[] trustManagers(Collection<? extends Certificate> extra) {
        try {
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            if (extra.isEmpty()) {
                return defaults.getTrustManagers();
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int n = 0;
            for (TrustManager manager : defaults.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate anchor : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("default-" + n++, anchor);
                    }
                }
            }
            for (Certificate certificate : extra) {
                store.setCertificateEntry("channel-" + n++, certificate);
            }
            TrustManagerFactory merged = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            merged.init(store);
            return merged.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the trust store", e);
        }
    }
}
