package org.openpaypro.fakes.pix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made at test time for the Pix fake's mutual TLS: a CA, a server certificate for {@code 127.0.0.1}
 * and {@code localhost} signed by it, and a client certificate (PKCS#12) signed by it, as a PSP issues to its
 * customer. {@link #strangerClientP12()} is a client certificate from another CA, which the fake must refuse.
 * Immutable once built; thread-safe.
 */
public final class PixTestPki {
    public static final String CLIENT_P12_PASSWORD = "fake-pix-client";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate caCertificate;
    private final KeyStore serverKeyStore;
    private final byte[] clientP12;
    private final byte[] strangerClientP12;
    private final X509Certificate serverCertificate;

    private PixTestPki(boolean localNames) throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair caKeys = newKeys();
        X500Name caName = new X500Name("CN=Fake Pix PSP Test CA");
        caCertificate = sign(caName, caKeys, caName, caKeys.getPublic(), Role.CA);
        KeyPair serverKeys = newKeys();
        serverCertificate = sign(caName, caKeys, new X500Name(localNames ? "CN=localhost" : "CN=pix.example.test"),
                serverKeys.getPublic(), localNames ? Role.SERVER : Role.FOREIGN_SERVER);
        serverKeyStore = keyStore("server", serverKeys.getPrivate(), serverCertificate, caCertificate);
        KeyPair clientKeys = newKeys();
        X509Certificate client = sign(caName, caKeys, new X500Name("CN=openpaypro-test-client"),
                clientKeys.getPublic(), Role.CLIENT);
        clientP12 = toBytes(keyStore("client", clientKeys.getPrivate(), client, caCertificate));
        KeyPair strangerCaKeys = newKeys();
        X500Name strangerCaName = new X500Name("CN=Some Other CA");
        X509Certificate strangerCa = sign(strangerCaName, strangerCaKeys, strangerCaName,
                strangerCaKeys.getPublic(), Role.CA);
        KeyPair strangerKeys = newKeys();
        X509Certificate stranger = sign(strangerCaName, strangerCaKeys, new X500Name("CN=stranger"),
                strangerKeys.getPublic(), Role.CLIENT);
        strangerClientP12 = toBytes(keyStore("client", strangerKeys.getPrivate(), stranger, strangerCa));
    }

    public static PixTestPki generate() {
        return generate(true);
    }

    /**
     * With {@code localNames} false the server certificate names only {@code pix.example.test}, so a client that
     * verifies host names must refuse it on 127.0.0.1.
     */
    public static PixTestPki generate(boolean localNames) {
        try {
            return new PixTestPki(localNames);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate test certificates", e);
        }
    }

    /** The CA that signed the server and client certificates, PEM: what {@code trustCertificatePem} takes. */
    public String caPem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(caCertificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The customer's client certificate and key as PKCS#12, base64: what {@code clientCertificateP12} takes. */
    public String clientP12Base64() {
        return Base64.getEncoder().encodeToString(clientP12);
    }

    /** A well-formed client certificate the fake does not trust (another CA), PKCS#12 base64, same password. */
    public String strangerClientP12Base64() {
        return Base64.getEncoder().encodeToString(strangerClientP12);
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** TLS for the fake's server side: its own certificate, trusting only this CA for client certificates. */
    SSLContext serverContext() throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(serverKeyStore, CLIENT_P12_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trustOnlyCa().getTrustManagers(), RANDOM);
        return context;
    }

    /** TLS for the fake's own test client: presents the client certificate and trusts only this CA. */
    public SSLContext clientContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new java.io.ByteArrayInputStream(clientP12), CLIENT_P12_PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, CLIENT_P12_PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trustOnlyCa().getTrustManagers(), RANDOM);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private TrustManagerFactory trustOnlyCa() throws GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try {
            trust.load(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        trust.setCertificateEntry("ca", caCertificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        return factory;
    }

    private enum Role { CA, SERVER, FOREIGN_SERVER, CLIENT }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256, RANDOM);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Name issuer, KeyPair issuerKeys, X500Name subject,
                                        java.security.PublicKey subjectKey, Role role)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                subjectKey);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(role == Role.CA));
        if (role == Role.CA) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    role == Role.CLIENT ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth));
        }
        if (role == Role.SERVER) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        if (role == Role.FOREIGN_SERVER) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "pix.example.test")));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    private static KeyStore keyStore(String alias, PrivateKey key, X509Certificate leaf, X509Certificate ca)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, key, CLIENT_P12_PASSWORD.toCharArray(), new Certificate[] {leaf, ca});
        return store;
    }

    private static byte[] toBytes(KeyStore store) throws GeneralSecurityException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, CLIENT_P12_PASSWORD.toCharArray());
        return out.toByteArray();
    }
}
