package fi.arkisto.store.signature;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.document.ArchiveOutcome;
import fi.arkisto.store.document.ArchivedDocument;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.document.SignatureEvidence;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.testkit.pki.CertificateIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signatures through the real archiving path (real PostgreSQL, S3 protocol): the verifier as a Spring
 * {@link fi.arkisto.store.document.DocumentCheck} of {@link ArchivingService}, trust anchors from
 * {@code arkisto.signature.trust-anchors}, evidence stored with the document, refusals storing nothing.
 */
abstract class SignedArchivingContract {

    static final RequestContext OWNER = new RequestContext(Oid.of(KantaSamples.SAMPLE_CONTROLLER), "sosiaalityontekija-1", "1");

    @Autowired
    ArchivingService archiving;
    @Autowired
    DocumentReadService reading;
    @Autowired
    SignatureVerifier verifier;

    @DynamicPropertySource
    static void anchors(DynamicPropertyRegistry registry) {
        try {
            Path anchors = Files.createTempDirectory("arkisto-anchors");
            Files.writeString(anchors.resolve("kanta-sample.pem"), CertificateIssuer.pem(SigningFixtures.sampleCertificate()));
            Files.writeString(anchors.resolve("test-ca.pem"), CertificateIssuer.pem(SigningFixtures.pki().ca));
            // read once when the verifier is created; deleteOnExit removes files before the directory
            anchors.toFile().deleteOnExit();
            anchors.resolve("kanta-sample.pem").toFile().deleteOnExit();
            anchors.resolve("test-ca.pem").toFile().deleteOnExit();
            registry.add("arkisto.signature.trust-anchors", anchors::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void realSampleIsAcceptedWithItsCertificateAsAnchor() {
        // given the real sample; other tests of this JVM share the database and may have archived it already
        // (without the verifier), so the evidence is asserted on the verifier bean the archiving path runs

        // when / then archiving does not refuse it as it arrived when it was sent (its certificate expired since)
        ArchiveOutcome outcome = archiving.archive(KantaSamples.realSample(), OWNER, RealSampleSignatureTest.SENT);
        assertThat(outcome.document().oid().value()).isEqualTo(KantaSamples.SAMPLE_OID);
        ValidationReport report = new ValidationReport();
        verifier.check(new CdaParser().parse(KantaSamples.realSample()), RealSampleSignatureTest.SENT, report);
        assertThat(report.signatures()).singleElement()
                .satisfies(e -> assertThat(e.valid()).isTrue())
                .satisfies(e -> assertThat(e.type()).isEqualTo(SignatureType.SYSTEM))
                .satisfies(e -> assertThat(e.signingTime()).isEqualTo(Instant.parse("2026-07-17T10:06:56.4257383Z")));
    }

    @Test
    void documentSignedByTheSystemSignerArchivesWithItsEvidenceStored() {
        // given a new document signed with the system certificate of the test PKI
        KantaSamples.Builder builder = KantaSamples.document();
        Instant signedAt = Instant.now().minusSeconds(60);
        byte[] signed = systemSigner().sign(unsigned(builder.build()), signedAt);

        // when
        ArchiveOutcome outcome = archiving.archive(signed, OWNER);
        ArchivedDocument stored = reading.metadata(DocumentOid.of(builder.oidValue()), OWNER);

        // then the evidence is stored with the document and read back
        assertThat(outcome.created()).isTrue();
        SignatureEvidence evidence = stored.signatures().get(0);
        assertThat(stored.signatures()).hasSize(1);
        assertThat(evidence.valid()).isTrue();
        assertThat(evidence.result()).isEqualTo("VALID");
        assertThat(evidence.type()).isEqualTo(SignatureType.SYSTEM);
        assertThat(evidence.signer()).isEqualTo("Testin hyvinvointialue (1.2.246.10.32213561.10.0)");
        assertThat(evidence.signingTime()).isEqualTo(signedAt);
        assertThat(evidence.certificateSubject()).contains("SERIALNUMBER=1.2.246.10.32213561.10.0");
        assertThat(evidence.certificateIssuer()).contains("Arkisto TEST Signing CA");
        assertThat(evidence.certificateSerial()).isEqualTo(SigningFixtures.pki().system.getSerialNumber().toString(16));
        assertThat(evidence.verifiedAt()).isNotNull();
        assertThat(evidence.arrivedAt()).isNotNull().isAfterOrEqualTo(signedAt);
        assertThat(evidence.channel()).isEqualTo("UNSPECIFIED");
        assertThat(evidence.signerOrganisation()).isEqualTo(KantaSamples.SAMPLE_CONTROLLER);
        assertThat(evidence.organisationRelation()).isEqualTo("CONTROLLER");
    }

    @Test
    void tamperedDocumentIsRefusedAndNothingIsStored() {
        // given a signed document whose display form was changed after signing
        KantaSamples.Builder builder = KantaSamples.document();
        String signed = new String(systemSigner().sign(unsigned(builder.build()), Instant.now().minusSeconds(60)), StandardCharsets.UTF_8);
        byte[] tampered = signed.replaceFirst("DQoNCg0KPGRpdiBjbGFzcz0ic29j", "DQoNCg0KPGRpdiBjbGFzcz0ic29k").getBytes(StandardCharsets.UTF_8);

        // when / then
        assertThatThrownBy(() -> archiving.archive(tampered, OWNER))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
        assertThatThrownBy(() -> reading.metadata(DocumentOid.of(builder.oidValue()), OWNER))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.DOCUMENT_NOT_FOUND);
    }

    @Test
    void editedSampleWithItsOldSignatureIsRefused() {
        // the spine's sample builder changes the OID: the sample's signature no longer covers #OID<documentOid>
        assertThatThrownBy(() -> archiving.archive(KantaSamples.document().build(), OWNER))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
    }

    private static SystemSigner systemSigner() {
        SigningFixtures.Pki pki = SigningFixtures.pki();
        return new SystemSigner(pki.systemKeys.getPrivate(), pki.system, Clock.systemUTC());
    }

    private static byte[] unsigned(byte[] document) {
        return new String(document, StandardCharsets.UTF_8)
                .replaceAll("(?s)<signatureCollection xmlns=\"urn:hl7finland\">.*</signatureCollection>", "")
                .replaceAll("<nonXMLBody ID=\"[^\"]*\">", "<nonXMLBody>")
                .getBytes(StandardCharsets.UTF_8);
    }
}
