package fi.arkisto.store.signature;

import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.schedule.ScheduleConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static fi.arkisto.store.signature.SigningFixtures.CLOCK;
import static fi.arkisto.store.signature.SigningFixtures.parse;
import static fi.arkisto.store.signature.SigningFixtures.sampleCertificate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The trust-anchor directory is re-read while the archive runs: an anchor added or removed takes effect without a restart. */
class TrustAnchorDirectoryTest {

    @TempDir
    Path anchors;

    @Test
    void anAnchorAddedToTheDirectoryIsTrustedAfterTheNextReadAndOneRemovedNoLonger() throws Exception {
        // given a verifier over an empty anchor directory: the real sample is untrusted
        TrustAnchorDirectory directory = TrustAnchorDirectory.load(anchors);
        SignatureVerifier verifier = SigningFixtures.sampleVerifier(directory);
        assertUntrusted(verifier);
        assertThat(directory.reloadIfChanged()).as("nothing changed").isFalse();

        // when the sample's certificate is put into the directory and it is read again
        Path pinned = anchors.resolve("sample.pem");
        Files.writeString(pinned, pem(), StandardCharsets.US_ASCII);
        boolean changed = directory.reloadIfChanged();

        // then the same verifier trusts the sample
        assertThat(changed).isTrue();
        assertThat(directory.anchors().certificates()).containsExactly(sampleCertificate());
        assertTrusted(verifier);
        assertThat(directory.reloadIfChanged()).isFalse();

        // when the certificate is removed again, then it is no longer trusted
        Files.delete(pinned);
        assertThat(directory.reloadIfChanged()).isTrue();
        assertUntrusted(verifier);
    }

    @Test
    void aDirectoryThatCannotBeReadKeepsTheAnchorsInForce() throws Exception {
        // given the sample's certificate in force
        Files.writeString(anchors.resolve("sample.pem"), pem(), StandardCharsets.US_ASCII);
        TrustAnchorDirectory directory = TrustAnchorDirectory.load(anchors);
        SignatureVerifier verifier = SigningFixtures.sampleVerifier(directory);
        assertTrusted(verifier);

        // when a file that is not a certificate (a copy half done) appears
        Files.writeString(anchors.resolve("half-copied.pem"), "-----BEGIN CERTIFICATE-----\nMIIB", StandardCharsets.US_ASCII);

        // then the read fails but the anchors in force stay
        assertThat(directory.reloadIfChanged()).isFalse();
        assertThat(directory.anchors().certificates()).containsExactly(sampleCertificate());
        assertTrusted(verifier);
    }

    @Test
    void theScheduleReReadsTheDirectoryWithoutBeingAsked() throws Exception {
        // given the schedule running with a short interval over an empty directory
        TrustAnchorDirectory directory = TrustAnchorDirectory.load(anchors);
        SignatureVerifier verifier = SigningFixtures.sampleVerifier(directory);
        ThreadPoolTaskScheduler scheduler = new ScheduleConfiguration().arkistoTaskScheduler();
        scheduler.initialize();
        TrustAnchorReloadSchedule schedule = new TrustAnchorReloadSchedule(directory, scheduler, Duration.ofMillis(100));
        schedule.start();
        try {
            // when an anchor is added
            Files.writeString(anchors.resolve("sample.pem"), pem(), StandardCharsets.US_ASCII);

            // then it is picked up by the schedule alone
            await("the schedule picks up the new anchor").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !directory.anchors().certificates().isEmpty());
            assertTrusted(verifier);
        } finally {
            schedule.stop();
            scheduler.shutdown();
        }
        assertThat(schedule.isRunning()).isFalse();
    }

    @Test
    void aMalformedDirectoryAtStartIsAConfigurationError() throws Exception {
        Files.writeString(anchors.resolve("broken.crt"), "not a certificate", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> TrustAnchorDirectory.load(anchors))
                .hasMessageContaining("Not a certificate file");
    }

    private static void assertTrusted(SignatureVerifier verifier) {
        ValidationReport report = new ValidationReport();
        verifier.check(parse(SigningFixtures.sample()), report);
        assertThat(report.signatures()).singleElement().satisfies(signature -> assertThat(signature.valid()).isTrue());
    }

    private static void assertUntrusted(SignatureVerifier verifier) {
        assertThatThrownBy(() -> verifier.check(parse(SigningFixtures.sample()), new ValidationReport()))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_UNTRUSTED));
    }

    private static String pem() throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(sampleCertificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
