package fi.arkisto.batch.migration;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.signature.SystemSigner;
import fi.arkisto.testkit.legacy.LegacyPackageGenerator;
import fi.arkisto.testkit.legacy.LegacyPackageOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static fi.arkisto.batch.migration.MigrationTestEnvironment.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A migration that cannot run is refused before its job starts, each refusal with its own code; one that fails while
 * it runs says why in its progress, so the API and the command line can tell the operator.
 */
class MigrationRefusalsAndFailuresTest extends MigrationIntegrationTest {

    @Autowired
    MigrationLauncher launcher;
    @Autowired
    MigrationMonitor monitor;
    @Autowired
    JobRepository repository;
    @Autowired
    Job legacyMigrationJob;
    @Autowired
    MigrationProperties properties;
    @Autowired
    MigrationProgressLogger progressLogger;

    @Test
    void whatCanBeKnownBeforeTheJobIsRefusedUpFrontWithItsOwnCodeAndNoJobIsStarted(@TempDir Path dir) throws Exception {
        // given a location with nothing, a directory without manifest, a file that is no ZIP, a manifest lacking a column
        Path nothing = dir.resolve("no-such-package");
        Path noManifest = Files.createDirectories(dir.resolve("no-manifest"));
        Files.writeString(noManifest.resolve("manifest.txt"), "legacy_id\n");
        Path notZip = Files.writeString(dir.resolve("package.zip"), "not a zip file");
        Path missingColumn = Files.createDirectories(dir.resolve("missing-column"));
        Files.writeString(missingColumn.resolve("manifest.csv"), "legacy_id,client_id\nLEG-1,010190-900P\n");

        // when each is launched, then each is refused with its code
        assertRefused(nothing, ErrorCode.LEGACY_PACKAGE_NOT_FOUND, "No package directory or ZIP file");
        assertRefused(noManifest, ErrorCode.LEGACY_MANIFEST_MISSING, "has no manifest.csv");
        assertRefused(notZip, ErrorCode.LEGACY_PACKAGE_UNREADABLE, "cannot be read as a directory or ZIP file");
        assertRefused(missingColumn, ErrorCode.LEGACY_MANIFEST_INVALID, "lacks the required column");

        // and no job was started for any of them
        for (Path refused : List.of(nothing, noManifest, notZip, missingColumn)) {
            assertThat(repository.getLastJobExecution(LegacyMigrationJobConfiguration.JOB_NAME,
                    MigrationLauncher.parameters(refused, Oid.of(CONTROLLER)))).isNull();
        }
    }

    @Test
    void withoutASystemSignerAMigrationIsRefusedUpFrontSayingHowToConfigureOne(@TempDir Path dir) throws Exception {
        // given a good package and a launcher whose signer has no key (no arkisto.signature.system-signer.keystore)
        LegacyPackageGenerator.generate(LegacyPackageOptions.of(3, dir).withBadPercent(0).withSeed(31).withController(CONTROLLER));
        DocumentSigner noKey = new LegacyMigrationJobConfiguration()
                .documentSigner(new DefaultListableBeanFactory().getBeanProvider(SystemSigner.class));
        MigrationLauncher unsigned = new MigrationLauncher(repository, legacyMigrationJob, properties, progressLogger, noKey);

        // when it is launched, then it is refused before any job exists
        assertThatThrownBy(() -> unsigned.start(dir, Oid.of(CONTROLLER)))
                .isInstanceOfSatisfying(ArchiveException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_SIGNER_MISSING);
                    assertThat(e.detail()).contains("arkisto.signature.system-signer.keystore", "ARKISTO_SYSTEM_SIGNER_PASSWORD");
                });
        assertThat(repository.getLastJobExecution(LegacyMigrationJobConfiguration.JOB_NAME,
                MigrationLauncher.parameters(dir, Oid.of(CONTROLLER)))).isNull();
    }

    @Test
    void aFinishedMigrationIsRefusedAsCompletedNotAsADocumentConflict(@TempDir Path dir) throws Exception {
        LegacyPackageGenerator.generate(LegacyPackageOptions.of(3, dir).withBadPercent(0).withSeed(32).withController(CONTROLLER));
        assertThat(launcher.run(dir, Oid.of(CONTROLLER)).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThatThrownBy(() -> launcher.start(dir, Oid.of(CONTROLLER)))
                .isInstanceOfSatisfying(ArchiveException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_ALREADY_COMPLETED);
                    assertThat(e.detail()).contains("completed");
                });
    }

    @Test
    void aMigrationThatFailsWhileItRunsCarriesItsReasonInItsProgressAndARestartClearsIt(@TempDir Path dir) throws Exception {
        // given a package whose manifest breaks after its header: an unbalanced quote in row 3
        LegacyPackageGenerator.generate(LegacyPackageOptions.of(5, dir).withBadPercent(0).withSeed(33).withController(CONTROLLER));
        Path manifest = dir.resolve("manifest.csv");
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        String good = String.join("\n", lines) + "\n";
        lines.set(3, lines.get(3).replaceFirst(",", ",\"unbalanced "));
        Files.writeString(manifest, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

        // when it is migrated
        JobExecution failed = launcher.run(dir, Oid.of(CONTROLLER));

        // then it failed, and its progress says why with the code of the cause
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        MigrationProgress progress = monitor.progress(failed.getId()).orElseThrow();
        assertThat(progress.failure()).isNotNull();
        assertThat(progress.failure().code()).isEqualTo(ErrorCode.LEGACY_MANIFEST_INVALID);
        assertThat(progress.failure().reason()).contains("manifest.csv cannot be read after row").doesNotContain("\tat ");

        // when the manifest is mended and the migration launched again, then it completes and no failure is shown
        Files.writeString(manifest, good, StandardCharsets.UTF_8);
        JobExecution resumed = launcher.run(dir, Oid.of(CONTROLLER));
        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(monitor.progress(resumed.getId()).orElseThrow().failure()).isNull();
        assertThat(monitor.progress(failed.getId()).orElseThrow().failure().code()).isEqualTo(ErrorCode.LEGACY_MANIFEST_INVALID);
    }

    private void assertRefused(Path pkg, ErrorCode code, String detail) {
        assertThatThrownBy(() -> launcher.start(pkg, Oid.of(CONTROLLER)))
                .as(pkg.toString())
                .isInstanceOfSatisfying(ArchiveException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.detail()).contains(detail);
                });
    }
}
