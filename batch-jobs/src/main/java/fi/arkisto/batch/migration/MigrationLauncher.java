package fi.arkisto.batch.migration;

import fi.arkisto.batch.execution.AbandonedExecutions;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.launch.support.TaskExecutorJobLauncher;
import org.springframework.batch.core.repository.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.repository.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts or resumes a legacy migration of one package for one controller. The pair (package, controller) identifies
 * the migration: launching it again restarts the unfinished one (Spring Batch restart from the committed chunk of
 * every partition), and launching a finished one is refused (MIGRATION_ALREADY_COMPLETED), as is one that runs
 * (MIGRATION_ALREADY_RUNNING). What can be known before the job starts is refused before it starts, each with its own
 * code, so a launch never answers "accepted" for a migration that cannot run: a package that is not there
 * (LEGACY_PACKAGE_NOT_FOUND) or not readable (LEGACY_PACKAGE_UNREADABLE), no system signer
 * (MIGRATION_SIGNER_MISSING), no manifest (LEGACY_MANIFEST_MISSING) or a manifest header that cannot be read or
 * lacks a required column (LEGACY_MANIFEST_INVALID). An execution left STARTED by a killed process (kill -9,
 * power loss) is marked FAILED first; it counts as abandoned when no thread of this process runs it and its
 * repository rows have not been updated for {@code arkisto.migration.abandoned-after} (a running partition commits
 * a chunk every few seconds).
 *
 * <p>A launch is two steps where a process runs the migration ({@link #prepare}, then {@link #runPrepared}): the
 * execution is created with every refusal answered at once, and run once the process has recorded it, so the job's
 * end can never overtake the process that waits for it.
 */
@Component
public class MigrationLauncher {

    private static final Logger log = LoggerFactory.getLogger(MigrationLauncher.class);
    private final JobRepository repository;
    private final Job legacyMigrationJob;
    private final MigrationProperties properties;
    private final TaskExecutorJobLauncher asyncLauncher;
    private final TaskExecutorJobLauncher syncLauncher;
    private final TaskExecutorJobLauncher preparingLauncher;
    private final SimpleAsyncTaskExecutor jobThreads = new SimpleAsyncTaskExecutor("migration-job-");
    /** Prepared executions this process has been asked to run: each runs once. */
    private final Set<Long> runningPrepared = ConcurrentHashMap.newKeySet();
    private final MigrationProgressLogger localExecutions;
    private final DocumentSigner signer;

    MigrationLauncher(JobRepository repository, Job legacyMigrationJob, MigrationProperties properties,
                      MigrationProgressLogger localExecutions, DocumentSigner signer) throws Exception {
        this.repository = repository;
        this.legacyMigrationJob = legacyMigrationJob;
        this.properties = properties;
        this.localExecutions = localExecutions;
        this.signer = signer;
        this.asyncLauncher = launcher(jobThreads);
        this.syncLauncher = launcher(new SyncTaskExecutor());
        // Spring Batch's own launch checks and the new execution, without running it
        this.preparingLauncher = launcher(task -> { });
    }

    private TaskExecutorJobLauncher launcher(org.springframework.core.task.TaskExecutor executor) throws Exception {
        TaskExecutorJobLauncher launcher = new TaskExecutorJobLauncher();
        launcher.setJobRepository(repository);
        launcher.setTaskExecutor(executor);
        launcher.afterPropertiesSet();
        return launcher;
    }

    /** Starts (or resumes) in the background and returns the new execution's id at once. */
    public long start(Path pkg, Oid controller) {
        return launch(pkg, controller, asyncLauncher).getId();
    }

    /** Runs (or resumes) to the end in the calling thread. */
    public JobExecution run(Path pkg, Oid controller) {
        return launch(pkg, controller, syncLauncher);
    }

    /**
     * Prepares the migration's next execution, with every refusal of {@link #start}, and leaves it STARTING for
     * {@link #runPrepared}: the first execution of a new migration, or the one that resumes a failed migration.
     */
    public JobExecution prepare(Path pkg, Oid controller) {
        return launch(pkg, controller, preparingLauncher);
    }

    /**
     * Runs a prepared execution in the background, once: a prepared execution this process already runs, or one
     * that has started anywhere, is left alone.
     *
     * @return whether this call started it
     */
    public boolean runPrepared(JobExecution execution) {
        if (execution.getStatus() != BatchStatus.STARTING || execution.getStartTime() != null
                || !runningPrepared.add(execution.getId())) {
            return false;
        }
        jobThreads.execute(() -> {
            try {
                legacyMigrationJob.execute(execution);
            } finally {
                runningPrepared.remove(execution.getId());
            }
        });
        return true;
    }

    public static JobParameters parameters(Path pkg, Oid controller) {
        return new JobParametersBuilder()
                .addString(LegacyMigrationJobConfiguration.PACKAGE, pkg.toAbsolutePath().normalize().toString(), true)
                .addString(LegacyMigrationJobConfiguration.CONTROLLER, controller.value(), true)
                .toJobParameters();
    }

    private JobExecution launch(Path pkg, Oid controller, TaskExecutorJobLauncher launcher) {
        JobParameters parameters = parameters(pkg, controller);
        JobExecution last = repository.getLastJobExecution(LegacyMigrationJobConfiguration.JOB_NAME, parameters);
        if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
            throw completed(last, controller);
        }
        refuseWhatCannotRun(pkg);
        abandonStaleExecution(last);
        try {
            return launcher.run(legacyMigrationJob, parameters);
        } catch (JobExecutionAlreadyRunningException e) {
            throw new ArchiveException(ErrorCode.MIGRATION_ALREADY_RUNNING, "Migration " + instanceOf(last)
                    + " of this package for " + controller.value() + " is running; follow its progress instead");
        } catch (JobInstanceAlreadyCompleteException e) {
            throw completed(repository.getLastJobExecution(LegacyMigrationJobConfiguration.JOB_NAME, parameters), controller);
        } catch (Exception e) {
            throw new IllegalStateException("The migration could not be launched: " + e.getMessage(), e);
        }
    }

    /** The checks that need no job: the package, its manifest header and the signing key. */
    private void refuseWhatCannotRun(Path pkg) {
        Path location = pkg.toAbsolutePath().normalize();
        if (!Files.exists(location)) {
            throw LegacyPackage.notFound(location);
        }
        try (LegacyPackage legacyPackage = LegacyPackage.open(location);
             ManifestCsv manifest = new ManifestCsv(legacyPackage.openManifest())) {
            // opening reads the header: a missing required column or broken encoding is known now
            manifest.rowNumber();
        }
        signer.requireReady();
    }

    private static ArchiveException completed(JobExecution last, Oid controller) {
        return new ArchiveException(ErrorCode.MIGRATION_ALREADY_COMPLETED, "Migration " + instanceOf(last)
                + " of this package for " + controller.value() + " completed"
                + (last == null || last.getEndTime() == null ? "" : " at " + last.getEndTime())
                + "; a package migrated again would archive nothing twice");
    }

    private static String instanceOf(JobExecution execution) {
        return execution == null ? "" : String.valueOf(execution.getJobInstance().getInstanceId());
    }

    private void abandonStaleExecution(JobExecution last) {
        if (last == null || !last.isRunning() || localExecutions.isRunningHere(last.getId())
                || runningPrepared.contains(last.getId())) {
            return;
        }
        LocalDateTime threshold = LocalDateTime.now().minus(properties.abandonedAfter());
        LocalDateTime lastUpdate = last.getLastUpdated() == null ? last.getCreateTime() : last.getLastUpdated();
        for (StepExecution step : last.getStepExecutions()) {
            if (step.getLastUpdated() != null && step.getLastUpdated().isAfter(lastUpdate)) {
                lastUpdate = step.getLastUpdated();
            }
        }
        if (lastUpdate.isAfter(threshold)) {
            return;
        }
        log.warn("Legacy migration execution {} was left {} by a process that is gone; marking it FAILED to resume",
                last.getId(), last.getStatus());
        AbandonedExecutions.markFailed(repository, last);
        MigrationFailure.abandoned().recordIn(last.getExecutionContext());
        repository.update(last);
        repository.updateExecutionContext(last);
    }
}
