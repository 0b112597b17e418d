package fi.arkisto.testkit.pki;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.document.SignatureEvidence;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.PersonalIdentityCode;
import fi.arkisto.store.signature.DocumentSigner;
import fi.arkisto.store.signature.SignatureProperties;
import fi.arkisto.store.signature.SignatureVerifier;
import fi.arkisto.store.signature.SystemSigner;
import fi.arkisto.store.signature.TrustAnchors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;

import javax.security.auth.x500.X500Principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code pki} command's files work as the archive's trust anchors and signing keys. */
class TestPkiCommandTest {

    @TempDir
    static Path out;
    private static final Clock CLOCK = Clock.systemUTC();
    private static SignatureVerifier verifier;

    @BeforeAll
    static void writePki() {
        // given the command run for an organisation (the custodian of the sample documents signed below: a system
        // signature of another organisation is refused), password from the environment
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int exit = TestPkiCommand.run(new String[]{"pki", "--out", out.toString(), "--organisation", "1.2.246.10.32213561.10.0",
                        "--organisation-name", "Testin hyvinvointialue", "--password-env", "PKI_PW"},
                Map.of("PKI_PW", "s3cret")::get, new PrintStream(stdout), System.err);

        assertThat(exit).isZero();
        assertThat(stdout.toString()).contains("arkisto.signature.trust-anchors=" + out.resolve("trust-anchors").toAbsolutePath());
        verifier = new SignatureVerifier(SignatureProperties.withTrustAnchors(out.resolve("trust-anchors")));
    }

    @Test
    void writesAnchorsCrlAndKeyStores() {
        assertThat(out.resolve("trust-anchors/ca.pem")).exists();
        assertThat(out.resolve("trust-anchors/ca.crl")).exists();
        assertThat(out.resolve("ca.der")).exists();
        for (String name : new String[]{"system", "professional-1", "professional-2", "expired-system", "revoked-system"}) {
            assertThat(out.resolve(name + ".p12")).exists();
            assertThat(out.resolve(name + ".pem")).exists();
        }
        assertThat(TrustAnchors.load(out.resolve("trust-anchors")).crls()).hasSize(1);
    }

    @Test
    void writesTlsServerAndClientKeyStoresAndTheirTrustAnchors() throws Exception {
        // the server's certificate names localhost and the loopback addresses and is for TLS servers
        KeyStore server = KeyStore.getInstance(out.resolve("server.p12").toFile(), "s3cret".toCharArray());
        X509Certificate serverCertificate = (X509Certificate) server.getCertificate(TestPki.SERVER_ALIAS);
        assertThat(server.isKeyEntry(TestPki.SERVER_ALIAS)).isTrue();
        assertThat(serverCertificate.getSubjectAlternativeNames()).extracting(name -> name.get(1).toString())
                .containsExactlyInAnyOrder("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(serverCertificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");

        // the client system's certificate carries the organisation OID in its subject serialNumber, for TLS clients
        KeyStore client = KeyStore.getInstance(out.resolve("client.p12").toFile(), "s3cret".toCharArray());
        X509Certificate clientCertificate = (X509Certificate) client.getCertificate(TestPki.CLIENT_ALIAS);
        assertThat(new X500Principal(clientCertificate.getSubjectX500Principal().getEncoded()).getName(X500Principal.RFC1779))
                .contains("OID.2.5.4.5=1.2.246.10.32213561.10.0");
        assertThat(clientCertificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        for (String name : new String[]{"expired-client", "revoked-client"}) {
            assertThat(out.resolve(name + ".p12")).exists();
        }

        // the client trust anchors are the CA with a CRL listing the revoked client, and the bundle points at them
        TrustAnchors clientAnchors = TrustAnchors.load(out.resolve("client-trust-anchors"));
        X509Certificate revoked = (X509Certificate) KeyStore.getInstance(out.resolve("revoked-client.p12").toFile(),
                "s3cret".toCharArray()).getCertificate(TestPki.CLIENT_ALIAS);
        assertThat(clientAnchors.crls()).singleElement().satisfies(crl -> assertThat(crl.isRevoked(revoked)).isTrue());
        Properties tls = new Properties();
        try (var in = Files.newInputStream(out.resolve("tls.properties"))) {
            tls.load(in);
        }
        assertThat(tls).containsEntry("server.ssl.bundle", TestPkiCommand.TLS_BUNDLE)
                .containsEntry("spring.ssl.bundle.jks." + TestPkiCommand.TLS_BUNDLE + ".keystore.location",
                        "file:" + out.resolve("server.p12").toAbsolutePath())
                .containsEntry("spring.ssl.bundle.jks." + TestPkiCommand.TLS_BUNDLE + ".keystore.password", "${PKI_PW}")
                .containsEntry("arkisto.security.client-certificates.trust-anchors",
                        out.resolve("client-trust-anchors").toAbsolutePath().toString());
        assertThat(Files.readString(out.resolve("tls.properties"))).doesNotContain("s3cret");
    }

    @Test
    void systemKeyStoreSignsDocumentsTheArchiveVerifiesAsSystem() {
        SystemSigner signer = SystemSigner.fromPkcs12(out.resolve("system.p12"), "s3cret".toCharArray(), TestPki.SYSTEM_ALIAS, CLOCK);

        ValidationReport report = verify(signer.sign(unsignedSample()));

        SignatureEvidence evidence = report.signatures().get(0);
        assertThat(evidence.type()).isEqualTo(SignatureType.SYSTEM);
        assertThat(evidence.valid()).isTrue();
        assertThat(evidence.certificateSubject()).contains("SERIALNUMBER=1.2.246.10.32213561.10.0");
        assertThat(evidence.organisationRelation()).isEqualTo("CONTROLLER");
    }

    @Test
    void professionalCertificateIdentifiesAPersonWithATestIdentityCode() {
        DocumentSigner signer = DocumentSigner.fromPkcs12(out.resolve("professional-1.p12"), "s3cret".toCharArray(), null,
                SignatureType.PROFESSIONAL, CLOCK);

        ValidationReport report = verify(signer.sign(unsignedSample()));

        SignatureEvidence evidence = report.signatures().get(0);
        assertThat(evidence.type()).isEqualTo(SignatureType.PROFESSIONAL);
        assertThat(evidence.valid()).isTrue();
        String serial = evidence.certificateSubject().replaceAll(".*SERIALNUMBER=([^,]+).*", "$1");
        assertThat(PersonalIdentityCode.of(serial).isTestCode()).isTrue();
    }

    @Test
    void expiredAndRevokedCertificatesAreRefused() {
        DocumentSigner expired = DocumentSigner.fromPkcs12(out.resolve("expired-system.p12"), "s3cret".toCharArray(), null,
                SignatureType.SYSTEM, CLOCK);
        DocumentSigner revoked = DocumentSigner.fromPkcs12(out.resolve("revoked-system.p12"), "s3cret".toCharArray(), null,
                SignatureType.SYSTEM, CLOCK);

        assertThatThrownBy(() -> verify(expired.sign(unsignedSample())))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.SIGNATURE_CERTIFICATE_EXPIRED);
        assertThatThrownBy(() -> verify(revoked.sign(unsignedSample())))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.SIGNATURE_CERTIFICATE_REVOKED);
    }

    @Test
    void missingPasswordOrOrganisationIsAUsageError(@TempDir Path dir) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        assertThat(TestPkiCommand.run(new String[]{"--out", dir.toString(), "--organisation", "1.2.246.10.1.10.0"},
                Map.<String, String>of()::get, quiet, quiet)).isEqualTo(2);
        assertThat(TestPkiCommand.run(new String[]{"--out", dir.toString()}, Map.of("ARKISTO_SYSTEM_SIGNER_PASSWORD", "x")::get,
                quiet, quiet)).isEqualTo(2);
        assertThat(TestPkiCommand.run(new String[]{"--out", dir.toString(), "--organisation", "not-an-oid"},
                Map.of("ARKISTO_SYSTEM_SIGNER_PASSWORD", "x")::get, quiet, quiet)).isEqualTo(2);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void generatedIdentityCodesAreValidTestCodes() {
        for (int i = 1; i <= 150; i++) {
            assertThat(PersonalIdentityCode.of(TestPki.testIdentityCode(i)).isTestCode()).isTrue();
        }
    }

    private static ValidationReport verify(byte[] signed) {
        ValidationReport report = new ValidationReport();
        verifier.check(new CdaParser().parse(signed), report);
        return report;
    }

    /** The real sample from archive-store's test resources, its signature removed. */
    private static byte[] unsignedSample() {
        try (InputStream in = TestPkiCommandTest.class.getResourceAsStream("/kanta/asiakkuusasiakirja_S.xml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("(?s)<signatureCollection xmlns=\"urn:hl7finland\">.*</signatureCollection>", "");
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
