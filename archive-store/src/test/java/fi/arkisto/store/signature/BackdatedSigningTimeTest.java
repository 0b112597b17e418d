package fi.arkisto.store.signature;

import fi.arkisto.store.document.Intake;
import fi.arkisto.store.document.SignatureEvidence;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.rejection.IngestChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;

import static fi.arkisto.store.signature.SigningFixtures.CLOCK;
import static fi.arkisto.store.signature.SigningFixtures.NOW;
import static fi.arkisto.store.signature.SigningFixtures.parse;
import static fi.arkisto.store.signature.SigningFixtures.pki;
import static fi.arkisto.store.signature.SigningFixtures.unsignedSample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The signing time is the signer's own claim; for online channels the arrival bounds it ({@code arrival-window},
 * docs/trust.md). The certificate of these documents was valid 2024-01-01..2025-01-01; "now" is 2026-11-22.
 */
class BackdatedSigningTimeTest {

    private static final SigningFixtures.Pki PKI = pki();
    private static final Instant BEFORE_EXPIRY = Instant.parse("2024-12-30T09:00:00Z");

    private final SignatureVerifier verifier = new SignatureVerifier(SignatureProperties.withTrustAnchors(null), PKI.anchors(), CLOCK);
    private final byte[] backdated = new DocumentSigner(PKI.systemKeys.getPrivate(), PKI.expiredSystem, SignatureType.SYSTEM, CLOCK)
            .sign(unsignedSample(), BEFORE_EXPIRY);

    @ParameterizedTest(name = "{0}")
    @EnumSource(IngestChannel.class)
    void aCertificateThatExpiredLongBeforeArrivalCannotSignByClaimingAnEarlyTime(IngestChannel channel) {
        // given a document signed "2024-12-30" with a certificate that expired 2025-01-01, arriving now
        ValidationReport report = new ValidationReport();

        // when
        ArchiveException refusal = catchThrowableOfType(() -> verifier.check(parse(backdated), Intake.of(channel, NOW), report),
                ArchiveException.class);

        // then it is refused for its claim, and the evidence records the arrival that disproves it
        assertThat(refusal.code()).isEqualTo(ErrorCode.SIGNATURE_TIME_BEFORE_ARRIVAL_WINDOW);
        SignatureEvidence evidence = report.signatures().get(0);
        assertThat(evidence.valid()).isFalse();
        assertThat(evidence.signingTime()).isEqualTo(BEFORE_EXPIRY);
        assertThat(evidence.arrivedAt()).isEqualTo(NOW);
        assertThat(evidence.channel()).isEqualTo(channel.name());
    }

    @Test
    void aDirectCallWithoutChannelIsJudgedAsAnOnlineArrivalNow() {
        assertThat(catchThrowableOfType(() -> verifier.check(parse(backdated), new ValidationReport()), ArchiveException.class)
                .code()).isEqualTo(ErrorCode.SIGNATURE_TIME_BEFORE_ARRIVAL_WINDOW);
    }

    @Test
    void theSameSignatureArrivingWithinTheWindowVerifies() {
        // given the same document that reached the archive on 2025-01-03, within seven days of its signing time
        ValidationReport report = new ValidationReport();

        // when
        verifier.check(parse(backdated), Intake.of(IngestChannel.REST, Instant.parse("2025-01-03T09:00:00Z")), report);

        // then
        assertThat(report.signatures()).singleElement().satisfies(e -> {
            assertThat(e.valid()).isTrue();
            assertThat(e.arrivedAt()).isEqualTo(Instant.parse("2025-01-03T09:00:00Z"));
        });
    }

    @Test
    void aSignatureOlderThanTheWindowVerifiesWhileItsCertificateIsStillValid() {
        // given a document signed a year ago with a certificate valid until 2030, arriving now: nothing has expired
        byte[] old = PKI.systemSigner().sign(unsignedSample(), Instant.parse("2025-11-01T09:00:00Z"));
        ValidationReport report = new ValidationReport();

        // when
        verifier.check(parse(old), Intake.of(IngestChannel.FILE, NOW), report);

        // then
        assertThat(report.signatures()).singleElement().extracting(SignatureEvidence::valid).isEqualTo(true);
    }

    @Test
    void theLegacyMigrationWhichSignsItselfIsExempt() {
        ValidationReport report = new ValidationReport();

        verifier.check(parse(backdated), Intake.migration(NOW), report);

        assertThat(report.signatures()).singleElement().satisfies(e -> {
            assertThat(e.valid()).isTrue();
            assertThat(e.channel()).isEqualTo("MIGRATION");
        });
    }

    @Test
    void theWindowIsConfiguration() {
        // given an operator whose window reaches back two years
        SignatureVerifier patient = new SignatureVerifier(SignatureProperties.withTrustAnchors(null)
                .withArrivalWindow(Duration.ofDays(730)), PKI.anchors(), CLOCK);

        // when / then
        patient.check(parse(backdated), Intake.of(IngestChannel.QUEUE, NOW), new ValidationReport());
        assertThat(SignatureProperties.withTrustAnchors(null).arrivalWindow()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aSigningTimeAfterTheArrivalIsInTheFuture() {
        // given a document claiming to be signed an hour after it arrived
        byte[] later = PKI.systemSigner().sign(unsignedSample(), NOW.minus(Duration.ofHours(1)));

        // when / then
        assertThat(catchThrowableOfType(() -> verifier.check(parse(later),
                Intake.of(IngestChannel.REST, NOW.minus(Duration.ofHours(2))), new ValidationReport()), ArchiveException.class)
                .code()).isEqualTo(ErrorCode.SIGNATURE_TIME_IN_FUTURE);
    }
}
