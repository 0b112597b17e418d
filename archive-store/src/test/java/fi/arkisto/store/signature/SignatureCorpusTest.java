package fi.arkisto.store.signature;

import fi.arkisto.store.document.SignatureEvidence;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.testsupport.SignatureTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The committed corpus (src/test/resources/signature/README.md) against the anchors directory, on the real clock. */
class SignatureCorpusTest {

    private static final SignatureVerifier VERIFIER = new SignatureVerifier(SignatureProperties.withTrustAnchors(anchors()),
            TrustAnchors.load(anchors()), Clock.systemUTC());

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "tampered-body.xml, SIGNATURE_INVALID",
            "tampered-structured-form.xml, SIGNATURE_INVALID",
            "tampered-signed-timestamp.xml, SIGNATURE_INVALID",
            "tampered-body-attribute.xml, SIGNATURE_INVALID",
            "reference-to-another-element.xml, SIGNATURE_INVALID",
            "external-reference.xml, SIGNATURE_INVALID",
            "untrusted-certificate.xml, SIGNATURE_UNTRUSTED",
            "signed-after-certificate-expired.xml, SIGNATURE_CERTIFICATE_EXPIRED",
            "revoked-certificate.xml, SIGNATURE_CERTIFICATE_REVOKED",
            "signing-time-in-future.xml, SIGNATURE_TIME_IN_FUTURE",
            "missing-signature.xml, SIGNATURE_MISSING",
            "system-signature-on-decision.xml, PROFESSIONAL_SIGNATURE_REQUIRED",
            "wrong-type-certificate.xml, SIGNATURE_TYPE_MISMATCH",
    })
    void brokenDocumentIsRejectedWithItsCode(String file, ErrorCode code) {
        byte[] document = corpus(file);

        assertThatThrownBy(() -> VERIFIER.check(SigningFixtures.parse(document), new ValidationReport()))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "valid-system-signed.xml, SYSTEM",
            "valid-ecdsa-system-signed.xml, SYSTEM",
            "valid-decision-professional-and-system.xml, PROFESSIONAL SYSTEM",
    })
    void validDocumentVerifies(String file, String types) {
        ValidationReport report = new ValidationReport();

        VERIFIER.check(SigningFixtures.parse(corpus(file)), report);

        assertThat(report.signatures()).allMatch(SignatureEvidence::valid)
                .extracting(e -> e.type().name()).containsExactly(types.split(" "));
    }

    @Test
    void realSampleVerifiesWithTheAnchorDirectory() {
        ValidationReport report = new ValidationReport();

        // as it arrived when it was sent (its certificate has expired since: a later arrival would be refused)
        VERIFIER.check(SigningFixtures.parse(SigningFixtures.sample()), RealSampleSignatureTest.SENT, report);

        assertThat(report.signatures()).singleElement()
                .satisfies(e -> assertThat(e.type()).isEqualTo(SignatureType.SYSTEM))
                .satisfies(e -> assertThat(e.valid()).isTrue());
    }

    private static Path anchors() {
        return SignatureTestData.anchorDirectory();
    }

    private static byte[] corpus(String file) {
        return SignatureTestData.corpusDocument(file);
    }
}
