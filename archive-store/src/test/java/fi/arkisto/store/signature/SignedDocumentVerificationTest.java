package fi.arkisto.store.signature;

import fi.arkisto.store.document.Intake;
import fi.arkisto.store.document.SignatureEvidence;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.rejection.IngestChannel;
import fi.arkisto.testkit.pki.CertificateIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static fi.arkisto.store.signature.SigningFixtures.CLOCK;
import static fi.arkisto.store.signature.SigningFixtures.NOW;
import static fi.arkisto.store.signature.SigningFixtures.SIGNED_AT;
import static fi.arkisto.store.signature.SigningFixtures.parse;
import static fi.arkisto.store.signature.SigningFixtures.pki;
import static fi.arkisto.store.signature.SigningFixtures.text;
import static fi.arkisto.store.signature.SigningFixtures.unsignedDecision;
import static fi.arkisto.store.signature.SigningFixtures.unsignedSample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Documents signed with {@link DocumentSigner} / {@link SystemSigner} by a test PKI, through the verifier. */
class SignedDocumentVerificationTest {

    private final SigningFixtures.Pki pki = pki();
    private final SignatureVerifier verifier = new SignatureVerifier(SignatureProperties.withTrustAnchors(null), pki.anchors(), CLOCK);

    @Test
    void systemSignedDocumentVerifiesAsSystemWithTheKantaProfile() {
        // given the unsigned sample signed by the system signer
        SystemSigner signer = new SystemSigner(pki.systemKeys.getPrivate(), pki.system, CLOCK);
        byte[] signed = signer.sign(unsignedSample(), SIGNED_AT);

        // when
        ValidationReport report = new ValidationReport();
        verifier.check(parse(signed), report);

        // then the profile is the sample's and the signature verifies
        String xml = text(signed);
        assertThat(xml).contains("<nonXMLBody ID=\"OID1.2.246.10.32213561.95777.2026.688883.2809773\"")
                .contains("<signatureCollection xmlns=\"urn:hl7finland\"><signature ID=\"Arkisto.HL7Finland.Signature.1\">")
                .contains("<signatureDescription code=\"3\" codeSystem=\"1.2.246.537.5.40127.2006\"")
                .contains("displayName=\"Järjestelmäallekirjoitus\"")
                .contains("<signatureTimestamp ID=\"CDA-aikaleima.1\">2026-11-22T11:00:00.123Z</signatureTimestamp>")
                .contains("<CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>")
                .contains("<SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>")
                .contains("<Reference URI=\"#CDA-aikaleima.1\">")
                .contains("<Reference URI=\"#OID1.2.246.10.32213561.95777.2026.688883.2809773\">")
                .contains("<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/><Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>")
                .contains("<X509Certificate>")
                .doesNotContain("&#13;");
        SignatureEvidence evidence = report.signatures().get(0);
        assertThat(evidence.valid()).isTrue();
        assertThat(evidence.type()).isEqualTo(SignatureType.SYSTEM);
        assertThat(evidence.signingTime()).isEqualTo(SIGNED_AT);
        assertThat(evidence.signer()).isEqualTo("Testin hyvinvointialue (1.2.246.10.32213561.10.0)");
    }

    @Test
    void signingWithTheSameTimeYieldsTheSameBytes() {
        SystemSigner signer = new SystemSigner(pki.systemKeys.getPrivate(), pki.system, CLOCK);

        assertThat(signer.sign(unsignedSample(), SIGNED_AT)).isEqualTo(signer.sign(unsignedSample(), SIGNED_AT));
    }

    @Test
    void tamperingWithADocumentSignedHereIsDetected() {
        byte[] signed = pki.systemSigner().sign(unsignedSample(), SIGNED_AT);
        String tampered = text(signed).replaceFirst("DQoNCg0KPGRpdiBjbGFzcz0ic29j", "DQoNCg0KPGRpdiBjbGFzcz0ic29k");

        assertCode(tampered.getBytes(java.nio.charset.StandardCharsets.UTF_8), verifier, ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void certificateFromAnUnknownCaIsUntrusted() {
        DocumentSigner stranger = new DocumentSigner(pki.systemKeys.getPrivate(), pki.strangerSystem, SignatureType.SYSTEM, CLOCK);

        assertCode(stranger.sign(unsignedSample(), SIGNED_AT), verifier, ErrorCode.SIGNATURE_UNTRUSTED);
    }

    @Test
    void signatureMadeAfterTheCertificateExpiredIsRejected() {
        DocumentSigner expired = new DocumentSigner(pki.systemKeys.getPrivate(), pki.expiredSystem, SignatureType.SYSTEM, CLOCK);

        assertCode(expired.sign(unsignedSample(), SIGNED_AT), verifier, ErrorCode.SIGNATURE_CERTIFICATE_EXPIRED);
    }

    @Test
    void signatureMadeWhileTheCertificateWasValidStillVerifiesAfterItExpired() {
        // signed 2024-06 with the certificate valid 2024-01..2025-01, arrived minutes later, verified "now" (2026-11)
        DocumentSigner expired = new DocumentSigner(pki.systemKeys.getPrivate(), pki.expiredSystem, SignatureType.SYSTEM, CLOCK);
        byte[] signed = expired.sign(unsignedSample(), Instant.parse("2024-06-01T08:00:00Z"));

        ValidationReport report = new ValidationReport();
        verifier.check(parse(signed), Intake.of(IngestChannel.QUEUE, Instant.parse("2024-06-01T08:05:00Z")), report);
        assertThat(report.signatures()).singleElement().satisfies(e -> assertThat(e.valid()).isTrue());
    }

    @Test
    void revokedCertificateFromTheAnchorDirectoryCrlIsRejected(@TempDir Path anchors) throws Exception {
        // given an anchor directory with the CA (DER) and its CRL (PEM) listing the certificate
        Files.write(anchors.resolve("test-ca.der"), pki.ca.getEncoded());
        Files.writeString(anchors.resolve("test-ca.crl"), CertificateIssuer.pem(pki.crl));
        SignatureVerifier withCrl = new SignatureVerifier(SignatureProperties.withTrustAnchors(anchors),
                TrustAnchors.load(anchors), CLOCK);
        DocumentSigner revoked = new DocumentSigner(pki.systemKeys.getPrivate(), pki.revokedSystem, SignatureType.SYSTEM, CLOCK);

        // when / then the revoked one is refused, an unrevoked one of the same CA still passes
        assertCode(revoked.sign(unsignedSample(), SIGNED_AT), withCrl, ErrorCode.SIGNATURE_CERTIFICATE_REVOKED);
        withCrl.check(parse(pki.systemSigner().sign(unsignedSample(), SIGNED_AT)), new ValidationReport());
    }

    @Test
    void signingTimeInTheFutureIsRejectedBeyondTheClockSkew() {
        DocumentSigner signer = pki.systemSigner();

        assertCode(signer.sign(unsignedSample(), NOW.plus(Duration.ofMinutes(6))), verifier, ErrorCode.SIGNATURE_TIME_IN_FUTURE);
        verifier.check(parse(signer.sign(unsignedSample(), NOW.plus(Duration.ofMinutes(4)))), new ValidationReport());
    }

    @Test
    void systemSignatureOnADecisionIsNotEnough() {
        byte[] decision = pki.systemSigner().sign(unsignedDecision(), SIGNED_AT);

        assertCode(decision, verifier, ErrorCode.PROFESSIONAL_SIGNATURE_REQUIRED);
    }

    @Test
    void decisionWithProfessionalAndSystemSignaturesVerifiesBoth() {
        // given a decision signed by the professional, then by the system
        byte[] professional = pki.professionalSigner().sign(unsignedDecision(), SIGNED_AT);
        byte[] both = pki.systemSigner().sign(professional, SIGNED_AT.plusSeconds(1));

        // when
        ValidationReport report = new ValidationReport();
        verifier.check(parse(both), report);

        // then
        assertThat(report.signatures()).extracting(SignatureEvidence::type, SignatureEvidence::valid, SignatureEvidence::signatureId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SignatureType.PROFESSIONAL, true, "Arkisto.HL7Finland.Signature.1"),
                        org.assertj.core.groups.Tuple.tuple(SignatureType.SYSTEM, true, "Arkisto.HL7Finland.Signature.2"));
        assertThat(report.signatures().get(0).signer()).isEqualTo("Sosiaalityöntekijä Sanna");
        assertThat(text(both)).contains("<signatureTimestamp ID=\"CDA-aikaleima.2\">");
    }

    @Test
    void ruleTableIsConfiguration() {
        // given a table that names the client relationship group (1) only, and one that names nothing
        SignatureVerifier groupRule = new SignatureVerifier(table(List.of(), List.of(), List.of("1")), pki.anchors(), CLOCK);
        SignatureVerifier noRule = new SignatureVerifier(table(List.of(), List.of(), List.of()), pki.anchors(), CLOCK);

        // then the system-signed client relationship document needs a professional under the first table,
        // and the system-signed decision needs none under the second
        assertCode(pki.systemSigner().sign(unsignedSample(), SIGNED_AT), groupRule, ErrorCode.PROFESSIONAL_SIGNATURE_REQUIRED);
        noRule.check(parse(pki.systemSigner().sign(unsignedDecision(), SIGNED_AT)), new ValidationReport());
    }

    private static SignatureProperties table(List<String> general, List<String> specific, List<String> groups) {
        return SignatureProperties.withTrustAnchors(null)
                .withProfessionalRequired(new SignatureProperties.ProfessionalRequired(general, specific, groups, false));
    }

    @Test
    void anOperatorMayRequireAProfessionalOnEveryUnstructuredDocumentArrivingOnline() {
        // given the table's switch for unstructured documents (no signed part of them states their type), and the
        // sample without its structured form, signed by the system only
        SignatureVerifier strict = new SignatureVerifier(SignatureProperties.withTrustAnchors(null).withProfessionalRequired(
                new SignatureProperties.ProfessionalRequired(List.of("1", "2"), List.of(), List.of(), true)), pki.anchors(), CLOCK);
        byte[] unstructured = SigningFixtures.bytes(SigningFixtures.unsignedSampleText().replaceAll("(?s)<ep2:json[^>]*>.*</ep2:json>", ""));
        assertThat(parse(unstructured).structuredForm()).isNull();

        // then online it needs a professional, the migration (signing itself) does not, and a structured one does not
        assertCode(pki.systemSigner().sign(unstructured, SIGNED_AT), strict, ErrorCode.PROFESSIONAL_SIGNATURE_REQUIRED);
        strict.check(parse(pki.professionalSigner().sign(unstructured, SIGNED_AT)), new ValidationReport());
        strict.check(parse(pki.systemSigner().sign(unstructured, SIGNED_AT)), Intake.migration(NOW), new ValidationReport());
        strict.check(parse(pki.systemSigner().sign(unsignedSample(), SIGNED_AT)), new ValidationReport());
        // and by default it does not
        verifier.check(parse(pki.systemSigner().sign(unstructured, SIGNED_AT)), new ValidationReport());
    }

    @Test
    void specificDocumentTypeInTheTableNeedsAProfessional() {
        // given a table naming a specific document type, and a document of that type signed by the system only
        SignatureVerifier specific = new SignatureVerifier(table(List.of(), List.of("77"), List.of()), pki.anchors(), CLOCK);
        byte[] unsigned = SigningFixtures.bytes(SigningFixtures.unsignedSampleText().replace("<ep2:contentSpecificationId>",
                "<ep2:specificDocumentType code=\"77\" codeSystem=\"1.2.246.537.6.1507.201701\"/>\n\t\t<ep2:contentSpecificationId>"));
        assertThat(parse(unsigned).metadata().specificDocumentType().code()).isEqualTo("77");

        assertCode(pki.systemSigner().sign(unsigned, SIGNED_AT), specific, ErrorCode.PROFESSIONAL_SIGNATURE_REQUIRED);
        specific.check(parse(pki.professionalSigner().sign(unsigned, SIGNED_AT)), new ValidationReport());
    }

    @Test
    void crlInDerFormIsReadFromTheAnchorDirectory(@TempDir Path anchors) throws Exception {
        Files.writeString(anchors.resolve("test-ca.pem"), CertificateIssuer.pem(pki.ca));
        Files.write(anchors.resolve("test-ca.crl"), pki.crl.getEncoded());
        SignatureVerifier withCrl = new SignatureVerifier(SignatureProperties.withTrustAnchors(anchors), TrustAnchors.load(anchors), CLOCK);
        DocumentSigner revoked = new DocumentSigner(pki.systemKeys.getPrivate(), pki.revokedSystem, SignatureType.SYSTEM, CLOCK);

        assertCode(revoked.sign(unsignedSample(), SIGNED_AT), withCrl, ErrorCode.SIGNATURE_CERTIFICATE_REVOKED);
    }

    @Test
    void crlSignedBySomeoneElseIsNotBelieved(@TempDir Path anchors) throws Exception {
        // given a CRL naming our CA as issuer but signed with another key
        java.security.cert.X509CRL forged = CertificateIssuer.crl(pki.ca, pki.strangerCaKeys.getPrivate(),
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"),
                List.of(CertificateIssuer.Revocation.keyCompromise(pki.system, Instant.parse("2026-10-01T00:00:00Z"))));
        Files.writeString(anchors.resolve("test-ca.pem"), CertificateIssuer.pem(pki.ca));
        Files.writeString(anchors.resolve("forged.crl"), CertificateIssuer.pem(forged));
        SignatureVerifier withForgedCrl = new SignatureVerifier(SignatureProperties.withTrustAnchors(anchors), TrustAnchors.load(anchors), CLOCK);

        // then the good certificate still verifies
        withForgedCrl.check(parse(pki.systemSigner().sign(unsignedSample(), SIGNED_AT)), new ValidationReport());
    }

    @Test
    void professionalTypeClaimedWithASystemCertificateIsAMismatch() {
        DocumentSigner wrong = new DocumentSigner(pki.systemKeys.getPrivate(), pki.system, SignatureType.PROFESSIONAL, CLOCK);

        assertCode(wrong.sign(unsignedSample(), SIGNED_AT), verifier, ErrorCode.SIGNATURE_TYPE_MISMATCH);
    }

    @Test
    void systemTypeClaimedWithAPersonsCertificateIsAMismatch() {
        DocumentSigner wrong = new DocumentSigner(pki.professionalKeys.getPrivate(), pki.professional, SignatureType.SYSTEM, CLOCK);

        assertCode(wrong.sign(unsignedSample(), SIGNED_AT), verifier, ErrorCode.SIGNATURE_TYPE_MISMATCH);
    }

    @Test
    void certificatePolicyRequirementsAreApplied() {
        SignatureProperties properties = SignatureProperties.withTrustAnchors(null)
                .withCertificatePolicies(new SignatureProperties.CertificatePolicies(List.of(), List.of("1.2.246.517.99.10.308.2")));
        SignatureVerifier dvvOnly = new SignatureVerifier(properties, pki.anchors(), CLOCK);

        assertCode(pki.systemSigner().sign(unsignedSample(), SIGNED_AT), dvvOnly, ErrorCode.SIGNATURE_TYPE_MISMATCH);
    }

    @Test
    void ecdsaSignatureVerifies() {
        DocumentSigner ec = new DocumentSigner(pki.ecKeys.getPrivate(), pki.ecSystem, SignatureType.SYSTEM, CLOCK);
        byte[] signed = ec.sign(unsignedSample(), SIGNED_AT);

        ValidationReport report = new ValidationReport();
        verifier.check(parse(signed), report);

        assertThat(text(signed)).contains("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256");
        assertThat(report.signatures()).singleElement().satisfies(e -> assertThat(e.valid()).isTrue());
    }

    @Test
    void oneBadSignatureAmongGoodOnesRefusesTheDocumentWithEvidenceForEach() {
        // given a professional signature by an expired certificate next to a good system signature
        DocumentSigner expiredProfessional = new DocumentSigner(pki.systemKeys.getPrivate(), pki.expiredSystem, SignatureType.SYSTEM, CLOCK);
        byte[] both = pki.systemSigner().sign(expiredProfessional.sign(unsignedSample(), SIGNED_AT), SIGNED_AT);

        ValidationReport report = new ValidationReport();
        assertThatThrownBy(() -> verifier.check(parse(both), report))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.SIGNATURE_CERTIFICATE_EXPIRED);
        assertThat(report.signatures()).extracting(SignatureEvidence::result)
                .containsExactly("SIGNATURE_CERTIFICATE_EXPIRED", "VALID");
    }

    @Test
    void systemSignerLoadsItsKeyFromPkcs12(@TempDir Path dir) throws Exception {
        // given a PKCS#12 file with the system key
        Path p12 = dir.resolve("system.p12");
        try (var out = Files.newOutputStream(p12)) {
            CertificateIssuer.writePkcs12(out, "system", pki.systemKeys.getPrivate(), List.of(pki.system, pki.ca), "secret".toCharArray());
        }

        // when
        SystemSigner signer = SystemSigner.fromPkcs12(p12, "secret".toCharArray(), null, CLOCK);

        // then
        assertThat(signer.certificate()).isEqualTo(pki.system);
        verifier.check(parse(signer.sign(unsignedSample())), new ValidationReport());
    }

    @Test
    void oneSignerAndOneVerifierServeManyThreads() throws Exception {
        // given one signer and one verifier shared by 4 threads, each signing and verifying its own documents
        SystemSigner signer = new SystemSigner(pki.systemKeys.getPrivate(), pki.system, CLOCK);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<SignatureEvidence>>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<SignatureEvidence> evidence = new java.util.ArrayList<>();
                    for (int i = 0; i < 6; i++) {
                        Instant at = SIGNED_AT.plusSeconds(thread * 100L + i);
                        ValidationReport report = new ValidationReport();
                        verifier.check(parse(signer.sign(unsignedSample(), at)), report);
                        evidence.addAll(report.signatures());
                    }
                    return evidence;
                }));
            }

            // then every document verified with its own signing time
            List<SignatureEvidence> all = new java.util.ArrayList<>();
            for (var result : results) {
                all.addAll(result.get());
            }
            assertThat(all).hasSize(24).allMatch(SignatureEvidence::valid);
            assertThat(all).extracting(SignatureEvidence::signingTime).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertCode(byte[] document, SignatureVerifier verifier, ErrorCode code) {
        assertThatThrownBy(() -> verifier.check(parse(document), new ValidationReport()))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(code);
    }
}
