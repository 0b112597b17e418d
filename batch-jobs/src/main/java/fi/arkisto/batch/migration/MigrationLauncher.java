package fi.arkisto.batch.migration;

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

/**
 * Starts or resumes a legacy migration of one package for one controller. The pair (package, controller) identifies
 * the migration: launching it again restarts the unfinished one (Spring Batch restart from the committed chunk of
 * every partition), and launching a finished one is refused. An execution left STARTED by a killed process (kill -9,
 * power loss) is marked FAILED first; it counts as abandoned when no thread of this process runs it and its
 * repository rows have not been updated for {@code arkisto.migration.abandoned-after} (a running partition commits
 * a chunk every few seconds).
 */
@Component
public class MigrationLauncher {

    private static final Logger log = LoggerFactory.getLogger(MigrationLauncher.class);
    private final JobRepository repository;
    private final Job legacyMigrationJob;
    private final MigrationProperties properties;
    private final TaskExecutorJobLauncher asyncLauncher;
    private final TaskExecutorJobLauncher syncLauncher;
    private final MigrationProgressLogger localExecutions;

    MigrationLauncher(JobRepository repository, Job legacyMigrationJob, MigrationProperties properties,
                      MigrationProgressLogger localExecutions) throws Exception {
        this.repository = repository;
        this.legacyMigrationJob = legacyMigrationJob;
        this.properties = properties;
        this.localExecutions = localExecutions;
        this.asyncLauncher = launcher(new SimpleAsyncTaskExecutor("migration-job-"));
        this.syncLauncher = launcher(new SyncTaskExecutor());
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

    public static JobParameters parameters(Path pkg, Oid controller) {
        return new JobParametersBuilder()
                .addString(LegacyMigrationJobConfiguration.PACKAGE, pkg.toAbsolutePath().normalize().toString(), true)
                .addString(LegacyMigrationJobConfiguration.CONTROLLER, controller.value(), true)
                .toJobParameters();
    }

    private JobExecution launch(Path pkg, Oid controller, TaskExecutorJobLauncher launcher) {
        if (!Files.exists(pkg)) {
            throw new ArchiveException(ErrorCode.LEGACY_FILE_MISSING, "No package directory or ZIP file at " + pkg);
        }
        JobParameters parameters = parameters(pkg, controller);
        abandonStaleExecution(parameters);
        try {
            return launcher.run(legacyMigrationJob, parameters);
        } catch (JobExecutionAlreadyRunningException e) {
            throw new ArchiveException(ErrorCode.VERSION_CONFLICT, "This package is being migrated already");
        } catch (JobInstanceAlreadyCompleteException e) {
            throw new ArchiveException(ErrorCode.DOCUMENT_CONFLICT, "This package was migrated for this controller already");
        } catch (Exception e) {
            throw new IllegalStateException("The migration could not be launched: " + e.getMessage(), e);
        }
    }

    private void abandonStaleExecution(JobParameters parameters) {
        JobExecution last = repository.getLastJobExecution(LegacyMigrationJobConfiguration.JOB_NAME, parameters);
        if (last == null || !last.isRunning() || localExecutions.isRunningHere(last.getId())) {
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
        LocalDateTime now = LocalDateTime.now();
        for (StepExecution step : last.getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setEndTime(now);
                repository.update(step);
            }
        }
        last.setStatus(BatchStatus.FAILED);
        last.setEndTime(now);
        repository.update(last);
    }
}
