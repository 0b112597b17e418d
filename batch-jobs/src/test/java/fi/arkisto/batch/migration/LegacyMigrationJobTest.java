package fi.arkisto.batch.migration;

import fi.arkisto.store.identity.Oid;
import fi.arkisto.testkit.legacy.LegacyPackageGenerator;
import fi.arkisto.testkit.legacy.LegacyPackageOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static fi.arkisto.batch.migration.MigrationTestEnvironment.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LegacyMigrationJobTest extends MigrationIntegrationTest {

    @Autowired
    MigrationLauncher launcher;
    @Autowired
    MigrationMonitor monitor;

    @Test
    void launchingAFinishedMigrationAgainIsRefusedAndARepeatedPackageArchivesNothingTwice(@TempDir Path dir) throws Exception {
        // given a small package migrated once
        LegacyPackageGenerator.generate(LegacyPackageOptions.of(40, dir.resolve("first")).withBadPercent(0).withSeed(40)
                .withController(CONTROLLER));
        JobExecution first = launcher.run(dir.resolve("first"), Oid.of(CONTROLLER));
        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // when the same package is launched again, it is refused as finished
        assertThatThrownBy(() -> launcher.run(dir.resolve("first"), Oid.of(CONTROLLER)))
                .hasMessageContaining("migrated");

        // and when a copy of it under another path is migrated, nothing is archived twice and nothing rejected
        copy(dir.resolve("first"), dir.resolve("copy"));
        JobExecution second = launcher.run(dir.resolve("copy"), Oid.of(CONTROLLER));
        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long instance = second.getJobInstance().getInstanceId();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archive.migration_items WHERE job_instance_id = ?", Long.class, instance)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archive.migration_rejects WHERE job_instance_id = ?", Long.class, instance)).isZero();
        assertThat(monitor.progress(second.getId()).orElseThrow().processedRows()).isEqualTo(40);
    }

    @Test
    void aLocalMigrationSplitsItsManifestIntoMoreRowRangesThanThreadsAndReadsEveryRowOnce(@TempDir Path dir) throws Exception {
        // given a package of 50 rows and the test application's 2 partitions with the default 8 ranges per partition
        LegacyPackageGenerator.generate(LegacyPackageOptions.of(50, dir.resolve("ranges")).withBadPercent(0).withSeed(50)
                .withController(CONTROLLER));

        // when it is migrated
        JobExecution execution = launcher.run(dir.resolve("ranges"), Oid.of(CONTROLLER));

        // then its rows were read in 16 contiguous ranges, every one completed, and every row exactly once
        var ranges = execution.getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith(LegacyMigrationJobConfiguration.ROWS_STEP + ":partition")).toList();
        assertThat(ranges).hasSize(16).allSatisfy(s -> assertThat(s.getStatus()).isEqualTo(BatchStatus.COMPLETED));
        assertThat(ranges.stream().mapToLong(s -> s.getReadCount()).sum()).isEqualTo(50);
        assertThat(ranges.stream().mapToLong(s -> s.getReadCount()).max().orElseThrow()).isLessThanOrEqualTo(4);
        assertThat(monitor.progress(execution.getId()).orElseThrow().processedRows()).isEqualTo(50);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archive.migration_items WHERE job_instance_id = ?", Long.class,
                execution.getJobInstance().getInstanceId())).isEqualTo(50);
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
