package fi.arkisto.store.signature;

import fi.arkisto.store.document.SignatureEvidence;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.testkit.pki.CertificateIssuer;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import static fi.arkisto.store.signature.SigningFixtures.CLOCK;
import static fi.arkisto.store.signature.SigningFixtures.ORGANISATION_OID;
import static fi.arkisto.store.signature.SigningFixtures.SIGNED_AT;
import static fi.arkisto.store.signature.SigningFixtures.VALID_FROM;
import static fi.arkisto.store.signature.SigningFixtures.VALID_TO;
import static fi.arkisto.store.signature.SigningFixtures.parse;
import static fi.arkisto.store.signature.SigningFixtures.pki;
import static fi.arkisto.store.signature.SigningFixtures.unsignedSample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Weak certificates are not trusted signers ({@code arkisto.signature.strength.*}, docs/trust.md): each document below is
 * validly signed by a certificate the test CA issued, differing from a good one by one weakness.
 */
class WeakCertificateTest {

    private static final SigningFixtures.Pki PKI = pki();
    private final SignatureVerifier verifier = new SignatureVerifier(SignatureProperties.withTrustAnchors(null), PKI.anchors(), CLOCK);

    @Test
    void aSignatureByA1024BitRsaKeyIsRefusedAsTooWeak() {
        // given a system certificate of the trusted CA for a 1024-bit RSA key, and a document it signed
        KeyPair small = CertificateIssuer.rsaKeyPair(1024);
        X509Certificate certificate = systemCertificate(small, CertificateIssuer.Profile.SIGNING);

        // when / then
        ArchiveException refusal = refusal(sign(small, certificate));
        assertThat(refusal.code()).isEqualTo(ErrorCode.SIGNATURE_KEY_TOO_WEAK);
        assertThat(refusal.getMessage()).contains("1024-bit RSA key; at least 2048 bits");
    }

    @Test
    void theMinimumKeyLengthIsConfiguration() {
        // given an operator who accepts 1024-bit RSA keys
        KeyPair small = CertificateIssuer.rsaKeyPair(1024);
        X509Certificate certificate = systemCertificate(small, CertificateIssuer.Profile.SIGNING);
        SignatureVerifier lenient = new SignatureVerifier(SignatureProperties.withTrustAnchors(null)
                .withStrength(new SignatureProperties.Strength(1024, 256, null, null)), PKI.anchors(), CLOCK);

        // when
        ValidationReport report = new ValidationReport();
        lenient.check(parse(sign(small, certificate)), report);

        // then
        assertThat(report.signatures()).singleElement().extracting(SignatureEvidence::valid).isEqualTo(true);
    }

    @Test
    void aCertificateSignedWithSha1IsRefused() {
        // given a system certificate the CA signed with SHA1withRSA
        X509Certificate certificate = systemCertificate(PKI.systemKeys,
                new CertificateIssuer.Profile("SHA1withRSA", KeyUsage.digitalSignature | KeyUsage.nonRepudiation, List.of()));

        // when / then
        ArchiveException refusal = refusal(sign(PKI.systemKeys, certificate));
        assertThat(refusal.code()).isEqualTo(ErrorCode.SIGNATURE_ALGORITHM_WEAK);
        assertThat(refusal.getMessage()).contains("SHA1withRSA");
    }

    @Test
    void aCertificateSignedWithMd5IsRefused() {
        X509Certificate certificate = systemCertificate(PKI.systemKeys,
                new CertificateIssuer.Profile("MD5withRSA", KeyUsage.digitalSignature | KeyUsage.nonRepudiation, List.of()));

        assertThat(refusal(sign(PKI.systemKeys, certificate)).code()).isEqualTo(ErrorCode.SIGNATURE_ALGORITHM_WEAK);
    }

    @Test
    void anIntermediateCaSignedWithSha1IsRefused() {
        // given an intermediate CA certified by the trusted root with SHA-1, and a good certificate it issued
        KeyPair intermediateKeys = CertificateIssuer.rsaKeyPair();
        X509Certificate intermediate = CertificateIssuer.intermediateCa(CertificateIssuer.caSubject("Arkisto TEST SHA-1 Intermediate"),
                intermediateKeys.getPublic(), Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2034-01-01T00:00:00Z"),
                PKI.ca, PKI.caKeys.getPrivate(), "SHA1withRSA");
        X509Certificate leaf = CertificateIssuer.issueSigning(
                CertificateIssuer.systemSubject("Testin hyvinvointialue", ORGANISATION_OID, "Välivarmenteen järjestelmä"),
                PKI.systemKeys.getPublic(), VALID_FROM, VALID_TO, List.of(CertificateIssuer.TEST_SYSTEM_POLICY), intermediate,
                intermediateKeys.getPrivate());
        byte[] signed = new DocumentSigner(PKI.systemKeys.getPrivate(), leaf, SignatureType.SYSTEM, CLOCK, List.of(intermediate))
                .sign(unsignedSample(), SIGNED_AT);

        // when / then: the path is refused for its SHA-1 link, not as unknown
        ArchiveException refusal = refusal(signed);
        assertThat(refusal.code()).isEqualTo(ErrorCode.SIGNATURE_ALGORITHM_WEAK);
        assertThat(refusal.getMessage()).contains("SHA-1 Intermediate");
    }

    @Test
    void anXmlSignatureMadeWithRsaSha1IsRefusedAsWeakNotAsBroken() {
        // given a good certificate signing with the XML-DSig method rsa-sha1
        byte[] signed = new DocumentSigner(PKI.systemKeys.getPrivate(), PKI.system, SignatureType.SYSTEM, CLOCK,
                "http://www.w3.org/2000/09/xmldsig#rsa-sha1").sign(unsignedSample(), SIGNED_AT);

        // when / then
        ArchiveException refusal = refusal(signed);
        assertThat(refusal.code()).isEqualTo(ErrorCode.SIGNATURE_ALGORITHM_WEAK);
        assertThat(refusal.getMessage()).contains("rsa-sha1");
    }

    @Test
    void aTlsServerCertificateIsNoSigner() {
        // given a certificate whose extended key usage allows only TLS server authentication
        X509Certificate certificate = systemCertificate(PKI.systemKeys, new CertificateIssuer.Profile(null,
                KeyUsage.digitalSignature | KeyUsage.keyEncipherment, List.of(CertificateIssuer.Profile.SERVER_AUTH)));

        // when / then
        ArchiveException refusal = refusal(sign(PKI.systemKeys, certificate));
        assertThat(refusal.code()).isEqualTo(ErrorCode.SIGNATURE_KEY_USAGE_INVALID);
        assertThat(refusal.getMessage()).contains("1.3.6.1.5.5.7.3.1");
    }

    @Test
    void aCertificateServingBothTlsAndSystemSigningIsASigner() {
        // given a DVV-style service certificate: TLS client and server authentication, digital signatures
        X509Certificate certificate = systemCertificate(PKI.systemKeys, new CertificateIssuer.Profile(null,
                KeyUsage.digitalSignature, List.of(CertificateIssuer.Profile.SERVER_AUTH, SignatureProperties.Strength.CLIENT_AUTH)));

        // when
        ValidationReport report = new ValidationReport();
        verifier.check(parse(sign(PKI.systemKeys, certificate)), report);

        // then
        assertThat(report.signatures()).singleElement().extracting(SignatureEvidence::result).isEqualTo("VALID");
    }

    @Test
    void aKeyUsageWithoutDigitalSignatureOrNonRepudiationIsNoSigner() {
        X509Certificate certificate = systemCertificate(PKI.systemKeys,
                new CertificateIssuer.Profile(null, KeyUsage.keyEncipherment, List.of()));

        assertThat(refusal(sign(PKI.systemKeys, certificate)).code()).isEqualTo(ErrorCode.SIGNATURE_KEY_USAGE_INVALID);
    }

    @Test
    void aTrustAnchorWithAShortKeyWeakensEveryPathBelowIt() {
        // given a 1024-bit root (its self-signature is not judged, its key is) and a good certificate it issued
        KeyPair rootKeys = CertificateIssuer.rsaKeyPair(1024);
        X509Certificate root = CertificateIssuer.selfSignedCa(CertificateIssuer.caSubject("Arkisto TEST Weak Root"), rootKeys,
                Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2035-01-01T00:00:00Z"));
        X509Certificate leaf = CertificateIssuer.issueSigning(
                CertificateIssuer.systemSubject("Testin hyvinvointialue", ORGANISATION_OID, "Heikon juuren järjestelmä"),
                PKI.systemKeys.getPublic(), VALID_FROM, VALID_TO, List.of(CertificateIssuer.TEST_SYSTEM_POLICY), root,
                rootKeys.getPrivate());
        SignatureVerifier underWeakRoot = new SignatureVerifier(SignatureProperties.withTrustAnchors(null),
                TrustAnchors.of(List.of(root), List.of()), CLOCK);

        // when
        ArchiveException refusal = catchThrowableOfType(() -> underWeakRoot.check(parse(sign(PKI.systemKeys, leaf)),
                new ValidationReport()), ArchiveException.class);

        // then
        assertThat(refusal.code()).isEqualTo(ErrorCode.SIGNATURE_KEY_TOO_WEAK);
        assertThat(refusal.getMessage()).contains("Weak Root");
    }

    @Test
    void theDefaultsAreTheSafeOnes() {
        SignatureProperties.Strength defaults = SignatureProperties.withTrustAnchors(null).strength();

        assertThat(defaults.minimumRsaKeyBits()).isEqualTo(2048);
        assertThat(defaults.minimumEcKeyBits()).isEqualTo(256);
        assertThat(defaults.weakDigests()).containsExactlyInAnyOrder("MD2", "MD5", "SHA-1");
        assertThat(defaults.signingExtendedKeyUsages()).doesNotContain(CertificateIssuer.Profile.SERVER_AUTH);
    }

    private static X509Certificate systemCertificate(KeyPair keys, CertificateIssuer.Profile profile) {
        return CertificateIssuer.issue(CertificateIssuer.systemSubject("Testin hyvinvointialue", ORGANISATION_OID,
                        "Asiakastietojärjestelmä"), keys.getPublic(), VALID_FROM, VALID_TO,
                List.of(CertificateIssuer.TEST_SYSTEM_POLICY), PKI.ca, PKI.caKeys.getPrivate(), profile);
    }

    private static byte[] sign(KeyPair keys, X509Certificate certificate) {
        return new DocumentSigner(keys.getPrivate(), certificate, SignatureType.SYSTEM, CLOCK).sign(unsignedSample(), SIGNED_AT);
    }

    private ArchiveException refusal(byte[] document) {
        ArchiveException refusal = catchThrowableOfType(() -> verifier.check(parse(document), new ValidationReport()),
                ArchiveException.class);
        assertThat(refusal).as("the weak signer must be refused").isNotNull();
        return refusal;
    }
}
