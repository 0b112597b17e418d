package fi.arkisto.store.signature;

import fi.arkisto.store.document.SignatureEvidence;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.testkit.pki.CertificateIssuer;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
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
 * A system signature counts for a register only when its organisation (the system certificate's subject
 * serialNumber, as in the real sample) is the register's controller (the custodian) or acts for it (docs/trust.md).
 * The unsigned sample's custodian is {@value SigningFixtures#ORGANISATION_OID}.
 */
class SignerOrganisationTest {

    private static final SigningFixtures.Pki PKI = pki();
    private static final String PROVIDER = "1.2.246.10.11112222.10.0";

    private final X509Certificate providerSystem = CertificateIssuer.issueSigning(
            CertificateIssuer.systemSubject("Tietopalvelu Oy", PROVIDER, "Asiakastietojärjestelmä"), PKI.systemKeys.getPublic(),
            VALID_FROM, VALID_TO, List.of(CertificateIssuer.TEST_SYSTEM_POLICY), PKI.ca, PKI.caKeys.getPrivate());
    private final byte[] signedByProvider = new DocumentSigner(PKI.systemKeys.getPrivate(), providerSystem, SignatureType.SYSTEM, CLOCK)
            .sign(unsignedSample(), SIGNED_AT);

    @Test
    void aSystemSignatureOfAnotherOrganisationIsRefused() {
        // given a trusted system certificate of another organisation signing a document for this custodian's register
        SignatureVerifier verifier = new SignatureVerifier(SignatureProperties.withTrustAnchors(null), PKI.anchors(), CLOCK);
        ValidationReport report = new ValidationReport();

        // when
        ArchiveException refusal = catchThrowableOfType(() -> verifier.check(parse(signedByProvider), report),
                ArchiveException.class);

        // then
        assertThat(refusal.code()).isEqualTo(ErrorCode.SIGNATURE_ORGANISATION_MISMATCH);
        assertThat(refusal.getMessage()).contains(PROVIDER).contains(ORGANISATION_OID);
        assertThat(report.signatures()).singleElement().satisfies(e -> {
            assertThat(e.valid()).isFalse();
            assertThat(e.signerOrganisation()).isEqualTo(PROVIDER);
            assertThat(e.organisationRelation()).isNull();
        });
    }

    @Test
    void aConfiguredProducerActingForTheCustodianSignsForItAndTheRelationIsEvidence() {
        // given the provider configured as a producer acting for the custodian
        SignatureVerifier verifier = new SignatureVerifier(SignatureProperties.withTrustAnchors(null).withProducers(List.of(
                new SignatureProperties.Producer(PROVIDER, "Tietopalvelu Oy", List.of(ORGANISATION_OID)))), PKI.anchors(), CLOCK);
        ValidationReport report = new ValidationReport();

        // when
        verifier.check(parse(signedByProvider), report);

        // then
        SignatureEvidence evidence = report.signatures().get(0);
        assertThat(evidence.valid()).isTrue();
        assertThat(evidence.signerOrganisation()).isEqualTo(PROVIDER);
        assertThat(evidence.organisationRelation()).isEqualTo("PRODUCER");
        assertThat(evidence.relationBasis()).contains(PROVIDER).contains("Tietopalvelu Oy").contains(ORGANISATION_OID);
    }

    @Test
    void aProducerOfAnotherControllerDoesNotSignForThisOne() {
        SignatureVerifier verifier = new SignatureVerifier(SignatureProperties.withTrustAnchors(null).withProducers(List.of(
                new SignatureProperties.Producer(PROVIDER, "Tietopalvelu Oy", List.of("1.2.246.10.33334444.10.0")))), PKI.anchors(), CLOCK);

        assertThat(catchThrowableOfType(() -> verifier.check(parse(signedByProvider), new ValidationReport()), ArchiveException.class)
                .code()).isEqualTo(ErrorCode.SIGNATURE_ORGANISATION_MISMATCH);
    }

    @Test
    void theCustodiansOwnSystemCertificateSignsAsController() {
        SignatureVerifier verifier = new SignatureVerifier(SignatureProperties.withTrustAnchors(null), PKI.anchors(), CLOCK);
        ValidationReport report = new ValidationReport();

        verifier.check(parse(PKI.systemSigner().sign(unsignedSample(), SIGNED_AT)), report);

        assertThat(report.signatures()).singleElement().satisfies(e -> {
            assertThat(e.organisationRelation()).isEqualTo("CONTROLLER");
            assertThat(e.relationBasis()).contains(ORGANISATION_OID);
        });
    }

    @Test
    void aProfessionalSignatureNamesNoOrganisationAndIsNotJudgedByOne() {
        SignatureVerifier verifier = new SignatureVerifier(SignatureProperties.withTrustAnchors(null), PKI.anchors(), CLOCK);
        ValidationReport report = new ValidationReport();

        verifier.check(parse(PKI.professionalSigner().sign(unsignedSample(), SIGNED_AT)), report);

        assertThat(report.signatures()).singleElement().satisfies(e -> {
            assertThat(e.valid()).isTrue();
            assertThat(e.signerOrganisation()).isNull();
            assertThat(e.organisationRelation()).isNull();
        });
    }
}
