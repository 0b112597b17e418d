package fi.arkisto.batch.migration;

import fi.arkisto.store.identity.Oid;
import fi.arkisto.testkit.legacy.LegacyPackageGenerator;
import fi.arkisto.testkit.legacy.LegacyPackageOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fi.arkisto.batch.migration.MigrationIntegrationTest.expectedRejects;
import static fi.arkisto.batch.migration.MigrationTestEnvironment.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote partitioning on real services: a manager instance that is not a worker and two worker instances, each its
 * own Spring application (own context, connection pools and RabbitMQ consumers) in this JVM, sharing the test
 * database, the embedded S3 bucket and the local RabbitMQ broker through a queue of their own.
 */
class LegacyMigrationRemotePartitioningIT {

    private static final String QUEUE = "arkisto.migration.partitions.test-" + UUID.randomUUID();
    private static final int PARTITIONS = 6;
    private static ConfigurableApplicationContext manager;
    private static final List<ConfigurableApplicationContext> workers = new ArrayList<>();

    @BeforeAll
    static void startInstances() {
        manager = instance("manager", false);
        workers.add(instance("worker-1", true));
        workers.add(instance("worker-2", true));
    }

    @AfterAll
    static void stopInstances() {
        workers.forEach(ConfigurableApplicationContext::close);
        if (manager != null) {
            manager.getBean(AmqpAdmin.class).deleteQueue(QUEUE);
            manager.close();
        }
    }

    @Test
    void partitionsLaunchedByAManagerThatIsNotAWorkerAreRunByTheWorkerInstancesAndMigrateEveryRowExactlyOnce(@TempDir Path dir)
            throws Exception {
        // given a package of 300 rows, 5 % of them deliberately bad
        var generated = LegacyPackageGenerator.generate(LegacyPackageOptions.of(300, dir).withBadPercent(5).withSeed(5300)
                .withController(CONTROLLER).withFileBytes(600));
        Map<Long, String> expected = expectedRejects(generated.expectedRejects());
        assertThat(expected).isNotEmpty();
        long good = 300 - expected.size();

        // when the manager instance migrates it
        JobExecution execution = manager.getBean(MigrationLauncher.class).run(dir, Oid.of(CONTROLLER));

        // then the migration completed with exactly the bad rows rejected
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long instance = execution.getJobInstance().getInstanceId();
        JdbcTemplate jdbc = manager.getBean(JdbcTemplate.class);
        Map<Long, String> stored = new LinkedHashMap<>();
        jdbc.query("SELECT row_number, error_code FROM archive.migration_rejects WHERE job_instance_id = ?",
                rs -> {
                    stored.put(rs.getLong(1), rs.getString(2));
                }, instance);
        assertThat(stored).isEqualTo(expected);
        // and every good row was archived once: one ledger entry, one document, one object, one ARCHIVE success each
        Map<String, Object> rows = jdbc.queryForMap("""
                SELECT count(*) AS rows, count(DISTINCT d.document_oid) AS documents, count(DISTINCT d.object_key) AS objects,
                       count(*) FILTER (WHERE d.sha256 = m.document_sha256) AS matching
                  FROM archive.migration_items m JOIN archive.document_version d ON d.document_oid = m.document_oid
                 WHERE m.job_instance_id = ?
                """, instance);
        assertThat(rows).containsEntry("rows", good).containsEntry("documents", good).containsEntry("objects", good)
                .containsEntry("matching", good);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM archive.audit_event a JOIN archive.migration_items m ON m.document_oid = a.document_oid
                 WHERE m.job_instance_id = ? AND a.operation = 'ARCHIVE' AND a.outcome = 'SUCCESS'
                """, Long.class, instance)).isEqualTo(good);

        // and every partition ran once, on a worker instance, never on the manager, and both workers got partitions
        List<StepExecution> partitions = manager.getBean(JobExplorer.class).getJobExecution(execution.getId())
                .getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith(LegacyMigrationJobConfiguration.ROWS_STEP + ":partition")).toList();
        assertThat(partitions).hasSize(PARTITIONS).allSatisfy(p -> assertThat(p.getStatus()).isEqualTo(BatchStatus.COMPLETED));
        List<String> runners = partitions.stream()
                .map(p -> p.getExecutionContext().getString(LegacyMigrationJobConfiguration.PARTITION_RUNNER)).toList();
        assertThat(runners).allSatisfy(r -> assertThat(r).isIn("worker-1", "worker-2")).contains("worker-1", "worker-2");
        assertThat(partitions.stream().mapToLong(StepExecution::getReadCount).sum()).isEqualTo(300);
    }

    @Test
    void aWorkerRunsOnlyRequestsOfPartitionsThatAreWaitingOrLeftRunningInAJobExecutionThatIsStillRunning() throws Exception {
        // given a job execution with one partition waiting, one left running and one finished, in the shared repository
        ConfigurableApplicationContext worker = workers.get(0);
        JobRepository repository = worker.getBean(JobRepository.class);
        JobExecution job = repository.createJobExecution("partitionRequestGuardTest",
                new JobParametersBuilder().addString("run", UUID.randomUUID().toString()).toJobParameters());
        job.setStatus(BatchStatus.STARTED);
        job.setStartTime(LocalDateTime.now());
        repository.update(job);
        StepExecution waiting = step(repository, job, "waiting", BatchStatus.STARTING);
        StepExecution leftRunning = step(repository, job, "leftRunning", BatchStatus.STARTED);
        StepExecution finished = step(repository, job, "finished", BatchStatus.COMPLETED);
        PartitionRequestGuard guard = worker.getBean(PartitionRequestGuard.class);

        // then the waiting and the left running partition are run, the finished one and unknown ones are not
        assertThat(guard.accept(request(waiting))).isTrue();
        assertThat(guard.accept(request(leftRunning))).isTrue();
        assertThat(guard.accept(request(finished))).isFalse();
        assertThat(guard.accept(new StepExecutionRequest(LegacyMigrationJobConfiguration.ROWS_STEP, job.getId(), Long.MAX_VALUE)))
                .isFalse();

        // and when the job execution is given up (a relaunch marked it FAILED), none of its partitions is run any more
        job.setStatus(BatchStatus.FAILED);
        job.setEndTime(LocalDateTime.now());
        repository.update(job);
        assertThat(guard.accept(request(waiting))).isFalse();
        assertThat(guard.accept(request(leftRunning))).isFalse();
    }

    private static StepExecution step(JobRepository repository, JobExecution job, String name, BatchStatus status) {
        StepExecution step = job.createStepExecution(name);
        repository.add(step);
        step.setStatus(status);
        repository.update(step);
        return step;
    }

    private static StepExecutionRequest request(StepExecution step) {
        return new StepExecutionRequest(step.getStepName(), step.getJobExecutionId(), step.getId());
    }

    private static ConfigurableApplicationContext instance(String name, boolean worker) {
        return RemoteInstances.start(RemoteInstances.properties(name, worker, QUEUE, PARTITIONS, 1));
    }
}
