package fi.arkisto.app.support;

import fi.arkisto.store.identity.Oid;
import fi.arkisto.testkit.pki.CertificateIssuer;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.testkit.pki.TestPki;
import fi.arkisto.testkit.pki.TestPki.Issued;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The test PKI of the TLS tests, as the {@code pki} command makes it (TLS server certificate, client certificates of
 * the sample's controller, valid, expired and revoked), written to a directory of its own, plus the client
 * certificates the tests need beyond it: another organisation's, an IT service provider's, one without an organisation,
 * and one from a CA the archive does not trust. {@link #client} makes an HTTP client presenting one of them.
 */
public final class TlsTestPki {

    public static final String CONTROLLER = KantaSamples.SAMPLE_CONTROLLER;
    public static final String OTHER_ORGANISATION = "1.2.246.10.1246109.10.0";
    /** An IT service provider configured to act for {@link #CONTROLLER}. */
    public static final String PROVIDER = "1.2.246.10.26617188.10.0";
    /** An organisation whose systems are configured as auditors. */
    public static final String AUDITOR_ORGANISATION = "1.2.246.10.2489915.10.0";
    public static final String PASSWORD = "test-only-tls-password";
    public static final String BUNDLE = "test-server";
    private static final Pattern SIGNATURE_COLLECTION =
            Pattern.compile("<signatureCollection xmlns=\"urn:hl7finland\">.*?</signatureCollection>", Pattern.DOTALL);

    private final TestPki pki;
    private final TestPki stranger;
    private final TestPki newcomer;
    private final Path directory;
    private final Issued otherOrganisation;
    private final Issued provider;
    private final Issued auditor;
    private final Issued withoutOrganisation;

    private TlsTestPki(Path directory) {
        this.directory = directory;
        this.pki = TestPki.create(Oid.of(CONTROLLER), "Vantaan ja Keravan hyvinvointialue", 1, Instant.now());
        this.stranger = TestPki.create(Oid.of(CONTROLLER), "Vieras varmentaja", 1, Instant.now());
        this.newcomer = TestPki.create(Oid.of(CONTROLLER), "Uusi varmentaja", 1, Instant.now());
        this.otherOrganisation = pki.clientCertificate("other-client", Oid.of(OTHER_ORGANISATION), "Toinen organisaatio",
                "Asiakastietojärjestelmä");
        this.provider = pki.clientCertificate("provider-client", Oid.of(PROVIDER), "Tietopalvelu Oy", "Palvelujärjestelmä");
        this.auditor = pki.clientCertificate("auditor-client", Oid.of(AUDITOR_ORGANISATION), "Valvoja", "Valvontajärjestelmä");
        KeyPair keys = CertificateIssuer.rsaKeyPair();
        Instant now = Instant.now();
        X509Certificate certificate = CertificateIssuer.issue(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "FI")
                        .addRDN(BCStyle.O, "Nimetön").addRDN(BCStyle.CN, "Järjestelmä ilman organisaatiota").build(),
                keys.getPublic(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), List.of(),
                pki.ca().certificate(), pki.ca().keys().getPrivate(),
                CertificateIssuer.Profile.tls(CertificateIssuer.Profile.CLIENT_AUTH), List.of(), List.of());
        this.withoutOrganisation = new Issued("nameless-client", keys, certificate);
        pki.writeTo(directory, PASSWORD.toCharArray());
    }

    /** Writes the PKI to a new temporary directory. */
    public static TlsTestPki create() {
        try {
            return new TlsTestPki(Files.createTempDirectory("arkisto-tls-pki"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestPki pki() {
        return pki;
    }

    public Path directory() {
        return directory;
    }

    /** The archive's TLS, client certificates and signature trust for this PKI, as an operator configures them. */
    public Map<String, String> serverProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        String bundle = "spring.ssl.bundle.jks." + BUNDLE;
        properties.put("server.ssl.bundle", BUNDLE);
        properties.put(bundle + ".keystore.location", "file:" + directory.resolve("server.p12"));
        properties.put(bundle + ".keystore.type", "PKCS12");
        properties.put(bundle + ".keystore.password", PASSWORD);
        properties.put(bundle + ".key.alias", TestPki.SERVER_ALIAS);
        properties.put("arkisto.security.client-certificates.trust-anchors", directory.resolve("client-trust-anchors").toString());
        properties.putAll(clientSystemRules());
        properties.putAll(signatureProperties());
        return properties;
    }

    /** What the IT service provider and the auditor organisation may do. */
    public Map<String, String> clientSystemRules() {
        return Map.of("arkisto.security.client-certificates.systems[0].organisation", PROVIDER,
                "arkisto.security.client-certificates.systems[0].acts-for[0]", CONTROLLER,
                "arkisto.security.client-certificates.systems[1].organisation", AUDITOR_ORGANISATION,
                "arkisto.security.client-certificates.systems[1].auditor", "true");
    }

    /**
     * Signatures of documents signed with {@link #signed} verify against this PKI's CA; the archive's system signer
     * (for migrations) is this PKI's system certificate, its password read by the name of an "environment variable".
     */
    public Map<String, String> signatureProperties() {
        return Map.of("arkisto.signature.trust-anchors", directory.resolve("trust-anchors").toString(),
                "arkisto.signature.arrival-window", "P3650D",
                "arkisto.signature.system-signer.keystore", directory.resolve("system.p12").toString(),
                "arkisto.signature.system-signer.password-env", "ARKISTO_TLS_TEST_SIGNER_PASSWORD",
                "ARKISTO_TLS_TEST_SIGNER_PASSWORD", PASSWORD);
    }

    public Issued client() {
        return pki.client();
    }

    public Issued expiredClient() {
        return pki.expiredClient();
    }

    public Issued revokedClient() {
        return pki.revokedClient();
    }

    public Issued otherOrganisationClient() {
        return otherOrganisation;
    }

    public Issued providerClient() {
        return provider;
    }

    public Issued auditorClient() {
        return auditor;
    }

    public Issued clientWithoutOrganisation() {
        return withoutOrganisation;
    }

    /** A client system's certificate from a CA the archive does not trust. */
    public Issued untrustedClient() {
        return stranger.client();
    }

    /** A PKI whose CA the archive does not trust until a test adds it to the client trust anchors. */
    public TestPki newcomer() {
        return newcomer;
    }

    /** A document derived from the real sample, signed by the controller's system certificate of this PKI. */
    public byte[] signed(KantaSamples.Builder derived) {
        String xml = new String(derived.build(), StandardCharsets.UTF_8);
        String unsigned = SIGNATURE_COLLECTION.matcher(xml).replaceFirst("");
        return pki.systemSigner(Clock.systemUTC()).sign(unsigned.getBytes(StandardCharsets.UTF_8));
    }

    /** An HTTPS client trusting this PKI's CA and presenting {@code identity}'s certificate, whoever asks (null: none). */
    public HttpClient client(Issued identity) {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(sslContext(identity)).build();
    }

    public SSLContext sslContext(Issued identity) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", pki.ca().certificate());
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(identity == null ? null : new KeyManager[]{new Presenting(identity)}, trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Presents the identity's certificate whichever issuers the server names: a client with a certificate the server
     * does not trust still sends it, as an intruder would, so that the server's refusal is what the test sees.
     */
    private static final class Presenting extends X509ExtendedKeyManager {

        private static final String ALIAS = "client";
        private final Issued identity;

        Presenting(Issued identity) {
            this.identity = identity;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[]{ALIAS};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[]{identity.certificate()};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return identity.keys().getPrivate();
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
