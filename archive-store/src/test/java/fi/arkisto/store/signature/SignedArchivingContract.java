package fi.arkisto.store.signature;

import fi.arkisto.store.access.RequestContext;
import fi.arkisto.store.document.ArchiveOutcome;
import fi.arkisto.store.document.ArchivedDocument;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.DocumentOid;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.document.SignatureEvidence;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.signature.pki.CertificateIssuer;
import fi.arkisto.store.testsupport.KantaSamples;
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
    void realSampleArchivesWithItsSystemSignatureEvidenceStored() {
        // when
        ArchiveOutcome outcome = archiving.archive(KantaSamples.realSample(), OWNER);
        ArchivedDocument stored = reading.metadata(DocumentOid.of(KantaSamples.SAMPLE_OID), OWNER);

        // then
        assertThat(outcome.document().signatures()).singleElement()
                .satisfies(e -> assertThat(e.valid()).isTrue())
                .satisfies(e -> assertThat(e.type()).isEqualTo(SignatureType.SYSTEM));
        SignatureEvidence evidence = stored.signatures().get(0);
        assertThat(evidence.valid()).isTrue();
        assertThat(evidence.type()).isEqualTo(SignatureType.SYSTEM);
        assertThat(evidence.signingTime()).isEqualTo(Instant.parse("2026-07-17T10:06:56.4257383Z"));
        assertThat(evidence.certificateSubject()).contains("SERIALNUMBER=1.2.246.10.32213561.10.0");
    }

    @Test
    void documentSignedByTheSystemSignerArchives() {
        // given a new document signed with the system certificate of the test PKI
        KantaSamples.Builder builder = KantaSamples.document();
        byte[] signed = systemSigner().sign(unsigned(builder.build()), Instant.now().minusSeconds(60));

        // when
        ArchiveOutcome outcome = archiving.archive(signed, OWNER);

        // then
        assertThat(outcome.created()).isTrue();
        assertThat(reading.metadata(DocumentOid.of(builder.oidValue()), OWNER).signatures())
                .singleElement().satisfies(e -> assertThat(e.signer()).isEqualTo("Testin hyvinvointialue (1.2.246.10.32213561.10.0)"));
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
