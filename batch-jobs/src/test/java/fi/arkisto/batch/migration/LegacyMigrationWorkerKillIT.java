package fi.arkisto.batch.migration;

import fi.arkisto.store.identity.Oid;
import fi.arkisto.testkit.legacy.LegacyPackageGenerator;
import fi.arkisto.testkit.legacy.LegacyPackageOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static fi.arkisto.batch.migration.MigrationIntegrationTest.expectedRejects;
import static fi.arkisto.batch.migration.MigrationTestEnvironment.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker instance killed (SIGKILL, its own JVM) in the middle of its partitions: the broker hands the unacknowledged
 * partition requests to the next worker, which resumes the same step executions from their last committed chunks, and
 * the manager, which only watches the job repository, completes the migration with every row handled once.
 */
class LegacyMigrationWorkerKillIT {

    private static final long SEED = 7373;
    private static final int ROWS = 400;
    private static final int PARTITIONS = 4;

    @Test
    void partitionsOfAWorkerKilledMidRunAreResumedByAnotherWorkerAndEveryRowIsHandledExactlyOnce(@TempDir Path dir) throws Exception {
        String queue = "arkisto.migration.partitions.test-" + UUID.randomUUID();
        var generated = LegacyPackageGenerator.generate(LegacyPackageOptions.of(ROWS, dir.resolve("package")).withBadPercent(3)
                .withSeed(SEED).withController(CONTROLLER).withFileBytes(600));
        Map<Long, String> expected = expectedRejects(generated.expectedRejects());
        long good = ROWS - expected.size();

        ConfigurableApplicationContext manager = RemoteInstances.start(RemoteInstances.properties("manager", false, queue, PARTITIONS, 1));
        ConfigurableApplicationContext survivor = null;
        Process doomed = null;
        try {
            JdbcTemplate jdbc = manager.getBean(JdbcTemplate.class);
            JobExplorer explorer = manager.getBean(JobExplorer.class);
            // given a worker in its own JVM taking two partitions at a time, and a migration launched by a manager that is not a worker
            Path log = dir.resolve("worker.log");
            doomed = startWorkerProcess(queue, log);
            awaitReady(doomed, log);
            CompletableFuture<JobExecution> migration = CompletableFuture.supplyAsync(
                    () -> manager.getBean(MigrationLauncher.class).run(dir.resolve("package"), Oid.of(CONTROLLER)));

            // when the worker is killed once part of its partitions is committed
            Process worker = doomed;
            await("progress before the kill").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        assertThat(worker.isAlive()).as("the worker died before it was killed: %s", Files.readString(log)).isTrue();
                        return migrated(jdbc) >= 50;
                    });
            doomed.destroyForcibly();
            assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long atKill = migrated(jdbc);
            long jobExecutionId = jdbc.queryForObject("""
                    SELECT max(e.job_execution_id) FROM batch.batch_job_execution e
                      JOIN batch.batch_job_execution_params p USING (job_execution_id)
                     WHERE p.parameter_name = 'package' AND p.parameter_value = ?
                    """, Long.class, dir.resolve("package").toAbsolutePath().normalize().toString());
            Map<Long, BatchStatus> leftRunning = partitions(explorer, jobExecutionId).stream()
                    .filter(p -> p.getStatus() == BatchStatus.STARTED)
                    .collect(Collectors.toMap(StepExecution::getId, StepExecution::getStatus));
            assertThat(atKill).as("killed mid-run").isLessThan(good);
            assertThat(leftRunning).as("partitions the dead worker left running").isNotEmpty();
            assertThat(migration).isNotDone();

            // and another worker instance starts
            survivor = RemoteInstances.start(RemoteInstances.properties("survivor", true, queue, PARTITIONS, 2));
            JobExecution execution = migration.get(3, TimeUnit.MINUTES);

            // then the migration completed in its first execution: the partitions left running were resumed, not restarted
            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(execution.getId()).isEqualTo(jobExecutionId);
            List<StepExecution> partitions = partitions(explorer, jobExecutionId);
            assertThat(partitions).hasSize(PARTITIONS).allSatisfy(p -> assertThat(p.getStatus()).isEqualTo(BatchStatus.COMPLETED));
            assertThat(partitions).filteredOn(p -> leftRunning.containsKey(p.getId())).hasSize(leftRunning.size())
                    .allSatisfy(p -> assertThat(p.getExecutionContext().getString(LegacyMigrationJobConfiguration.PARTITION_RUNNER))
                            .isEqualTo("survivor"));
            // each row was read once in committed chunks: a resumed partition continued after its last committed chunk
            assertThat(partitions.stream().mapToLong(StepExecution::getReadCount).sum()).isEqualTo(ROWS);
            // and every good row is archived exactly once, every bad row reported exactly once
            long instance = execution.getJobInstance().getInstanceId();
            Map<Long, String> stored = new LinkedHashMap<>();
            jdbc.query("SELECT row_number, error_code FROM archive.migration_rejects WHERE job_instance_id = ?",
                    rs -> {
                        stored.put(rs.getLong(1), rs.getString(2));
                    }, instance);
            assertThat(stored).isEqualTo(expected);
            Map<String, Object> rows = jdbc.queryForMap("""
                    SELECT count(*) AS rows, count(DISTINCT d.document_oid) AS documents, count(DISTINCT d.object_key) AS objects
                      FROM archive.migration_items m JOIN archive.document_version d ON d.document_oid = m.document_oid
                     WHERE m.job_instance_id = ?
                    """, instance);
            assertThat(rows).containsEntry("rows", good).containsEntry("documents", good).containsEntry("objects", good);
            assertThat(jdbc.queryForObject("""
                    SELECT count(*) FROM archive.audit_event a JOIN archive.migration_items m ON m.document_oid = a.document_oid
                     WHERE m.job_instance_id = ? AND a.operation = 'ARCHIVE' AND a.outcome = 'SUCCESS'
                    """, Long.class, instance)).isEqualTo(good);
        } finally {
            if (doomed != null) {
                doomed.destroyForcibly();
            }
            if (survivor != null) {
                survivor.close();
            }
            manager.getBean(AmqpAdmin.class).deleteQueue(queue);
            manager.close();
        }
    }

    private static List<StepExecution> partitions(JobExplorer explorer, long jobExecutionId) {
        return explorer.getJobExecution(jobExecutionId).getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith(LegacyMigrationJobConfiguration.ROWS_STEP + ":partition")).toList();
    }

    private static long migrated(JdbcTemplate jdbc) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM archive.migration_items WHERE legacy_id LIKE ?", Long.class,
                "LEG-" + SEED + "-%");
        return count == null ? 0 : count;
    }

    private static Process startWorkerProcess(String queue, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                RemoteInstances.class.getName()));
        command.addAll(List.of(RemoteInstances.arguments(RemoteInstances.properties("doomed", true, queue, PARTITIONS, 2))));
        command.add("--logging.level.root=WARN");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitReady(Process worker, Path log) throws Exception {
        await("worker start").atMost(Duration.ofMinutes(2)).until(() -> {
            assertThat(worker.isAlive()).as("the worker process ended: %s", Files.exists(log) ? Files.readString(log) : "-").isTrue();
            return Files.exists(log) && Files.readString(log).contains("WORKER READY");
        });
    }
}
