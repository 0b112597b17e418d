package fi.arkisto.store.signature;

import fi.arkisto.store.document.SignatureType;
import fi.arkisto.testkit.pki.CertificateIssuer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Not a test: regenerates the committed signature corpus under {@code src/test/resources/signature/}
 * (see its README.md). Run from the repository root:
 * <pre>./mvnw -B -ntp -o -q -pl archive-store test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *   -Dexec.mainClass=fi.arkisto.store.signature.SignatureCorpusWriter -Dexec.classpathScope=test \
 *   -Dexec.args=archive-store/src/test/resources/signature</pre>
 * Keys are thrown away; only certificates, the CRL and signed documents are written.
 */
public final class SignatureCorpusWriter {

    static final Instant SIGNED_AT = Instant.parse("2026-11-01T09:30:00Z");
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2046-01-01T00:00:00Z");

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Path anchors = Files.createDirectories(out.resolve("anchors"));
        Path corpus = Files.createDirectories(out.resolve("corpus"));
        Clock clock = Clock.fixed(SIGNED_AT, ZoneOffset.UTC);
        String org = SigningFixtures.ORGANISATION_OID;

        KeyPair caKeys = CertificateIssuer.rsaKeyPair();
        X509Certificate ca = CertificateIssuer.selfSignedCa(CertificateIssuer.caSubject("Arkisto TEST Corpus CA"), caKeys, FROM, TO);
        KeyPair systemKeys = CertificateIssuer.rsaKeyPair();
        X509Certificate system = issue(CertificateIssuer.systemSubject("Vantaan ja Keravan hyvinvointialue", org, "Asiakastietojärjestelmä"),
                systemKeys, FROM, TO, CertificateIssuer.TEST_SYSTEM_POLICY, ca, caKeys);
        KeyPair professionalKeys = CertificateIssuer.rsaKeyPair();
        X509Certificate professional = issue(CertificateIssuer.professionalSubject("Sanna", "Sosiaalityöntekijä", "010190-9809"),
                professionalKeys, FROM, TO, CertificateIssuer.TEST_PROFESSIONAL_POLICY, ca, caKeys);
        X509Certificate expired = issue(CertificateIssuer.systemSubject("Vantaan ja Keravan hyvinvointialue", org, "Vanhentunut järjestelmä"),
                systemKeys, Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"), CertificateIssuer.TEST_SYSTEM_POLICY, ca, caKeys);
        X509Certificate revoked = issue(CertificateIssuer.systemSubject("Vantaan ja Keravan hyvinvointialue", org, "Vuotanut järjestelmä"),
                systemKeys, FROM, TO, CertificateIssuer.TEST_SYSTEM_POLICY, ca, caKeys);
        X509CRL crl = CertificateIssuer.crl(ca, caKeys.getPrivate(), Instant.parse("2026-10-15T00:00:00Z"), TO,
                List.of(CertificateIssuer.Revocation.keyCompromise(revoked, Instant.parse("2026-10-15T00:00:00Z"))));
        KeyPair strangerKeys = CertificateIssuer.rsaKeyPair();
        X509Certificate strangerCa = CertificateIssuer.selfSignedCa(CertificateIssuer.caSubject("Unknown CA"), strangerKeys, FROM, TO);
        X509Certificate stranger = issue(CertificateIssuer.systemSubject("Vantaan ja Keravan hyvinvointialue", org, "Asiakastietojärjestelmä"),
                systemKeys, FROM, TO, CertificateIssuer.TEST_SYSTEM_POLICY, strangerCa, strangerKeys);
        KeyPair ecKeys = CertificateIssuer.ecKeyPair();
        X509Certificate ecSystem = issue(CertificateIssuer.systemSubject("Vantaan ja Keravan hyvinvointialue", org, "EC-järjestelmä"),
                ecKeys, FROM, TO, CertificateIssuer.TEST_SYSTEM_POLICY, ca, caKeys);

        Files.writeString(anchors.resolve("arkisto-test-corpus-ca.pem"), CertificateIssuer.pem(ca));
        Files.writeString(anchors.resolve("arkisto-test-corpus-ca.crl"), CertificateIssuer.pem(crl));
        Files.writeString(anchors.resolve("kanta-sample-system-certificate.pem"), CertificateIssuer.pem(SigningFixtures.sampleCertificate()));

        DocumentSigner systemSigner = new DocumentSigner(systemKeys.getPrivate(), system, SignatureType.SYSTEM, clock);
        byte[] unsigned = SigningFixtures.unsignedSample();
        byte[] decision = SigningFixtures.unsignedDecision();
        String sample = SigningFixtures.sampleText();

        write(corpus, "valid-system-signed.xml", systemSigner.sign(unsigned, SIGNED_AT));
        write(corpus, "valid-decision-professional-and-system.xml", systemSigner.sign(
                new DocumentSigner(professionalKeys.getPrivate(), professional, SignatureType.PROFESSIONAL, clock).sign(decision, SIGNED_AT),
                SIGNED_AT.plusSeconds(5)));
        write(corpus, "valid-ecdsa-system-signed.xml",
                new DocumentSigner(ecKeys.getPrivate(), ecSystem, SignatureType.SYSTEM, clock).sign(unsigned, SIGNED_AT));
        write(corpus, "tampered-body.xml", sample.replaceFirst("DQoNCg0KPGRpdiBjbGFzcz0ic29j", "DQoNCg0KPGRpdiBjbGFzcz0ic29k"));
        write(corpus, "tampered-structured-form.xml", sample.replaceFirst("eyAiYXNpYWtrdXVzYXNpYWtpcmph", "eyAiYXNpYWtrdXVzYXNpYWtpcmpi"));
        write(corpus, "tampered-signed-timestamp.xml", sample.replace("2026-07-17T10:06:56.4257383Z", "2026-07-17T10:06:57.4257383Z"));
        write(corpus, "tampered-body-attribute.xml", sample.replace("mediaType=\"application/xhtml+xml\"", "mediaType=\"text/html\""));
        write(corpus, "reference-to-another-element.xml", sample.replace("URI=\"#CDA-aikaleima.1\"", "URI=\"#Epic.HL7Finland.Signature.1\""));
        write(corpus, "external-reference.xml", sample.replace("URI=\"#CDA-aikaleima.1\"", "URI=\"http://127.0.0.1:9/cda.xml\""));
        write(corpus, "untrusted-certificate.xml",
                new DocumentSigner(systemKeys.getPrivate(), stranger, SignatureType.SYSTEM, clock).sign(unsigned, SIGNED_AT));
        write(corpus, "signed-after-certificate-expired.xml",
                new DocumentSigner(systemKeys.getPrivate(), expired, SignatureType.SYSTEM, clock).sign(unsigned, SIGNED_AT));
        write(corpus, "revoked-certificate.xml",
                new DocumentSigner(systemKeys.getPrivate(), revoked, SignatureType.SYSTEM, clock).sign(unsigned, SIGNED_AT));
        write(corpus, "signing-time-in-future.xml", systemSigner.sign(unsigned, Instant.parse("2100-01-01T00:00:00Z")));
        write(corpus, "missing-signature.xml", unsigned);
        write(corpus, "system-signature-on-decision.xml", systemSigner.sign(decision, SIGNED_AT));
        write(corpus, "wrong-type-certificate.xml",
                new DocumentSigner(systemKeys.getPrivate(), system, SignatureType.PROFESSIONAL, clock).sign(unsigned, SIGNED_AT));
    }

    private static X509Certificate issue(org.bouncycastle.asn1.x500.X500Name subject, KeyPair keys, Instant from, Instant to,
                                         String policy, X509Certificate ca, KeyPair caKeys) {
        return CertificateIssuer.issueSigning(subject, keys.getPublic(), from, to, List.of(policy), ca, caKeys.getPrivate());
    }

    private static void write(Path dir, String name, byte[] content) throws IOException {
        Files.write(dir.resolve(name), content);
    }

    private static void write(Path dir, String name, String content) throws IOException {
        if (content.equals(SigningFixtures.sampleText())) {
            throw new IllegalStateException(name + ": the change did not apply");
        }
        Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    private SignatureCorpusWriter() {
    }
}
