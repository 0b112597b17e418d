package fi.arkisto.batch.migration;

import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.document.OrphanObjectSweeper;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.testkit.legacy.LegacyPackageGenerator;
import fi.arkisto.testkit.legacy.LegacyPackageOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static fi.arkisto.batch.migration.MigrationTestEnvironment.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LegacyMigrationKillRestartIT extends MigrationIntegrationTest {

    private static final long SEED = 4242;

    @Autowired
    MigrationLauncher launcher;
    @Autowired
    ObjectStore objects;
    @Autowired
    DataSource dataSource;
    @Autowired
    AuditLog audit;

    @Test
    void aMigrationKilledMidRunAndRestartedArchivesEveryGoodRowOnceAndReportsEveryBadRowOnce(@TempDir Path dir) throws Exception {
        // given a package of 1,000 rows, 2 % bad
        var generated = LegacyPackageGenerator.generate(LegacyPackageOptions.of(1000, dir.resolve("package")).withBadPercent(2)
                .withSeed(SEED).withController(CONTROLLER).withFileBytes(800));
        Map<Long, String> expected = expectedRejects(generated.expectedRejects());
        long good = 1000 - expected.size();

        // when a separate JVM migrates it and is killed (SIGKILL) once part of it is archived
        Process child = startMigrationProcess(dir.resolve("package"), dir.resolve("child.log"));
        try {
            await("progress before the kill").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        assertThat(child.isAlive()).as("the migration process ended before it could be killed; its log: %s",
                                Files.exists(dir.resolve("child.log")) ? tail(dir.resolve("child.log")) : "-").isTrue();
                        return migrated() >= 150;
                    });
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        long atKill = migrated();
        assertThat(atKill).as("killed mid-run").isLessThan(good);
        assertThat(jdbc.queryForObject("""
                SELECT e.status FROM batch.batch_job_execution e JOIN batch.batch_job_execution_params p USING (job_execution_id)
                 WHERE p.parameter_name = 'package' AND p.parameter_value = ? ORDER BY e.job_execution_id DESC LIMIT 1
                """, String.class, dir.resolve("package").toAbsolutePath().normalize().toString()))
                .as("the dead process left its execution running").isEqualTo("STARTED");

        // and the migration is launched again
        JobExecution restarted = launcher.run(dir.resolve("package"), Oid.of(CONTROLLER));

        // then it completes, every good row archived exactly once and every bad row reported exactly once
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long instance = restarted.getJobInstance().getInstanceId();
        assertThat(storedRejects(instance)).isEqualTo(expected);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archive.migration_items WHERE job_instance_id = ?", Long.class, instance))
                .isEqualTo(good);
        Map<String, Object> rows = jdbc.queryForMap("""
                SELECT count(*) AS rows, count(DISTINCT d.document_oid) AS documents, count(DISTINCT d.object_key) AS objects,
                       count(*) FILTER (WHERE d.sha256 = m.document_sha256) AS matching
                  FROM archive.migration_items m JOIN archive.document_version d ON d.document_oid = m.document_oid
                 WHERE m.job_instance_id = ?
                """, instance);
        assertThat(rows).containsEntry("rows", good).containsEntry("documents", good).containsEntry("objects", good)
                .containsEntry("matching", good);
        // and the documents archived before the kill were not archived again: one ARCHIVE success per document
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM archive.audit_event a JOIN archive.migration_items m ON m.document_oid = a.document_oid
                 WHERE m.job_instance_id = ? AND a.operation = 'ARCHIVE' AND a.outcome = 'SUCCESS'
                """, Long.class, instance)).isEqualTo(good);
        // and no object is left that no document references (re-signed documents are byte-identical, so any object
        // written before the kill is the one its document now points at)
        List<String> strays = new ArrayList<>();
        objects.list(ObjectStore.DOCUMENT_PREFIX, o -> {
            Long referenced = jdbc.queryForObject("SELECT count(*) FROM archive.document_version WHERE object_key = ?", Long.class, o.key());
            if (referenced == null || referenced == 0) {
                strays.add(o.key());
            }
        });
        assertThat(strays).isEmpty();
        assertThat(new OrphanObjectSweeper(objects, dataSource, Clock.systemUTC(), Duration.ZERO).sweep()).isEmpty();
        assertThat(audit.verify().valid()).isTrue();
    }

    private long migrated() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM archive.migration_items WHERE legacy_id LIKE ?", Long.class,
                "LEG-" + SEED + "-%");
        return count == null ? 0 : count;
    }

    private static Process startMigrationProcess(Path pkg, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                MigrationProcessMain.class.getName(), pkg.toString(), CONTROLLER));
        MigrationTestEnvironment.get().properties().forEach((k, v) -> command.add("--" + k + "=" + v));
        command.add("--logging.level.root=WARN");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String tail(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
