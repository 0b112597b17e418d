package fi.arkisto.testkit.pki;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Issues X.509 certificates and CRLs in the shapes Kanta signing uses (DVV-style system and professional
 * certificates), with BouncyCastle for the ASN.1 and the JDK for keys and signatures. A test CA is no part of the
 * archive: it lives in the test kit's module {@code test-pki}, apart from {@code deployment-tests}, because both
 * archive-store's tests and the test kit's {@code pki} command build certificates with it, and deployment-tests
 * depends on archive-store (a module of its own keeps the build free of cycles). Nothing in the archive's runtime
 * path uses it.
 */
public final class CertificateIssuer {

    /** Test policy arc (2.25 = UUID-derived OIDs, free for anyone): system certificates. */
    public static final String TEST_SYSTEM_POLICY = "2.25.329800735698586629295641978511506172918.1";
    /** Test policy arc: professional (person) certificates. */
    public static final String TEST_PROFESSIONAL_POLICY = "2.25.329800735698586629295641978511506172918.2";

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateIssuer() {
    }

    public static KeyPair rsaKeyPair() {
        return keyPair("RSA", 2048);
    }

    /** An RSA key of another length (e.g. a 1024-bit key the archive must refuse). */
    public static KeyPair rsaKeyPair(int bits) {
        return keyPair("RSA", bits);
    }

    public static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 unavailable", e);
        }
    }

    private static KeyPair keyPair(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(size);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    /** {@code C=FI, O=<organisation>, SERIALNUMBER=<organisation OID>, CN=<system>} as in the real sample's certificate. */
    public static X500Name systemSubject(String organisationName, String organisationOid, String systemName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "FI").addRDN(BCStyle.O, organisationName)
                .addRDN(BCStyle.SERIALNUMBER, organisationOid).addRDN(BCStyle.CN, systemName).build();
    }

    /** A person: {@code SERIALNUMBER} is the holder's electronic identifier (not an OID), CN the name. */
    public static X500Name professionalSubject(String givenName, String surname, String personSerial) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "FI").addRDN(BCStyle.SURNAME, surname).addRDN(BCStyle.GIVENNAME, givenName)
                .addRDN(BCStyle.SERIALNUMBER, personSerial).addRDN(BCStyle.CN, surname + " " + givenName).build();
    }

    /** {@code C=FI, O=<organisation>, CN=<host name>}: a TLS server. */
    public static X500Name serverSubject(String organisationName, String hostName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "FI").addRDN(BCStyle.O, organisationName).addRDN(BCStyle.CN, hostName).build();
    }

    public static X500Name caSubject(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "FI").addRDN(BCStyle.O, "Arkisto TEST").addRDN(BCStyle.CN, commonName).build();
    }

    public static X509Certificate selfSignedCa(X500Name subject, KeyPair keys, Instant notBefore, Instant notAfter) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(notBefore),
                    Date.from(notAfter), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            return certificate(builder.build(signer(keys.getPrivate())));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot issue CA certificate", e);
        }
    }

    /** An intermediate CA certificate for {@code subjectKey}, signed by {@code issuer} with {@code signatureAlgorithm}. */
    public static X509Certificate intermediateCa(X500Name subject, java.security.PublicKey subjectKey, Instant notBefore,
                                                 Instant notAfter, X509Certificate issuer, PrivateKey issuerKey,
                                                 String signatureAlgorithm) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(notBefore),
                    Date.from(notAfter), subject, subjectKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
            return certificate(builder.build(signer(issuerKey, signatureAlgorithm)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot issue intermediate CA certificate", e);
        }
    }

    /** An end-entity signing certificate (digitalSignature + nonRepudiation) with the given policy OIDs. */
    public static X509Certificate issueSigning(X500Name subject, java.security.PublicKey subjectKey, Instant notBefore,
                                               Instant notAfter, List<String> policies, X509Certificate issuer, PrivateKey issuerKey) {
        return issue(subject, subjectKey, notBefore, notAfter, policies, issuer, issuerKey, Profile.SIGNING);
    }

    /**
     * How an end-entity certificate is made: the issuer's signature algorithm (null: SHA-256 with the issuer key's
     * algorithm), the key usage bits ({@link KeyUsage}) and the extended key usage OIDs (empty: none).
     */
    public record Profile(String signatureAlgorithm, int keyUsage, List<String> extendedKeyUsages) {
        public static final Profile SIGNING = new Profile(null, KeyUsage.digitalSignature | KeyUsage.nonRepudiation, List.of());
        /** id-kp-serverAuth (RFC 5280): a TLS server certificate. */
        public static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
        /** id-kp-clientAuth (RFC 5280): a TLS client certificate. */
        public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
        /** A TLS end entity (RFC 5246/8446 key usages for RSA and ECDHE key exchange), server or client by its purpose. */
        public static Profile tls(String extendedKeyUsage) {
            return new Profile(null, KeyUsage.digitalSignature | KeyUsage.keyEncipherment, List.of(extendedKeyUsage));
        }

        public Profile {
            extendedKeyUsages = List.copyOf(extendedKeyUsages);
        }
    }

    /** An end-entity certificate made as {@code profile} says. */
    public static X509Certificate issue(X500Name subject, java.security.PublicKey subjectKey, Instant notBefore,
                                        Instant notAfter, List<String> policies, X509Certificate issuer, PrivateKey issuerKey,
                                        Profile profile) {
        return issue(subject, subjectKey, notBefore, notAfter, policies, issuer, issuerKey, profile, List.of(), List.of());
    }

    /**
     * An end-entity certificate made as {@code profile} says, with subject alternative names (RFC 5280 4.2.1.6): DNS
     * names and IP addresses a TLS peer checks the server's name against.
     */
    public static X509Certificate issue(X500Name subject, java.security.PublicKey subjectKey, Instant notBefore,
                                        Instant notAfter, List<String> policies, X509Certificate issuer, PrivateKey issuerKey,
                                        Profile profile, List<String> dnsNames, List<String> ipAddresses) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(notBefore),
                    Date.from(notAfter), subject, subjectKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(profile.keyUsage()))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
            if (!profile.extendedKeyUsages().isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(profile.extendedKeyUsages().stream()
                        .map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid))).toArray(KeyPurposeId[]::new)));
            }
            if (!dnsNames.isEmpty() || !ipAddresses.isEmpty()) {
                List<GeneralName> names = new ArrayList<>();
                dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
                ipAddresses.forEach(address -> names.add(new GeneralName(GeneralName.iPAddress, address)));
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            if (!policies.isEmpty()) {
                PolicyInformation[] information = policies.stream()
                        .map(p -> new PolicyInformation(new ASN1ObjectIdentifier(p))).toArray(PolicyInformation[]::new);
                builder.addExtension(Extension.certificatePolicies, false, new org.bouncycastle.asn1.x509.CertificatePolicies(information));
            }
            return certificate(builder.build(profile.signatureAlgorithm() == null ? signer(issuerKey)
                    : signer(issuerKey, profile.signatureAlgorithm())));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot issue certificate", e);
        }
    }

    /** One revoked certificate for {@link #crl}. */
    public record Revocation(X509Certificate certificate, Instant revokedAt, int reason) {
        public static Revocation keyCompromise(X509Certificate certificate, Instant revokedAt) {
            return new Revocation(certificate, revokedAt, CRLReason.keyCompromise);
        }
    }

    public static X509CRL crl(X509Certificate issuer, PrivateKey issuerKey, Instant thisUpdate, Instant nextUpdate,
                              List<Revocation> revocations) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (Revocation revocation : revocations) {
                builder.addCRLEntry(revocation.certificate().getSerialNumber(), Date.from(revocation.revokedAt()), revocation.reason());
            }
            X509CRLHolder holder = builder.build(signer(issuerKey));
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot issue CRL", e);
        }
    }

    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes a PKCS#12 key store holding one private key entry with its chain. */
    public static void writePkcs12(OutputStream out, String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, password, chain.toArray(new X509Certificate[0]));
            store.store(out, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write PKCS#12", e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(120, RANDOM).setBit(119);
    }

    private static ContentSigner signer(PrivateKey key) {
        return signer(key, "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA");
    }

    private static ContentSigner signer(PrivateKey key, String algorithm) {
        try {
            return new JcaContentSignerBuilder(algorithm).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("Cannot sign with " + algorithm, e);
        }
    }

    private static X509Certificate certificate(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }
}
