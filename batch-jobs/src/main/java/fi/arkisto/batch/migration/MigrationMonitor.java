package fi.arkisto.batch.migration;

import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Computes {@link MigrationProgress} from Spring Batch's repository (committed read positions of every partition,
 * across restarts) and the migration's ledger and reject tables, so any instance sharing the database can answer.
 */
@Component
public class MigrationMonitor {

    private final JobExplorer explorer;
    private final JobRepository repository;
    private final MigrationLedger ledger;
    private final MigrationRejects rejects;

    public MigrationMonitor(JobExplorer explorer, JobRepository repository, MigrationLedger ledger, MigrationRejects rejects) {
        this.explorer = explorer;
        this.repository = repository;
        this.ledger = ledger;
        this.rejects = rejects;
    }

    public Optional<MigrationProgress> progress(long jobExecutionId) {
        JobExecution execution = explorer.getJobExecution(jobExecutionId);
        if (execution == null || !LegacyMigrationJobConfiguration.JOB_NAME.equals(execution.getJobInstance().getJobName())) {
            return Optional.empty();
        }
        return Optional.of(progress(execution));
    }

    /**
     * The progress of an execution as this process holds it: at its end, before Spring Batch writes the end to the
     * repository, the execution object already has its status and end time.
     */
    MigrationProgress progress(JobExecution execution) {
        JobInstance instance = execution.getJobInstance();
        ExecutionContext jobContext = execution.getExecutionContext();
        long total = jobContext.getLong(LegacyMigrationJobConfiguration.MANIFEST_ROWS, 0L);
        int partitions = jobContext.getInt(LegacyMigrationJobConfiguration.PARTITIONS, 0);
        long processed = 0;
        long processedThisExecution = 0;
        for (int i = 0; i < partitions; i++) {
            StepExecution step = repository.getLastStepExecution(instance, LegacyMigrationJobConfiguration.ROWS_STEP + ":partition" + i);
            if (step == null) {
                continue;
            }
            ExecutionContext context = step.getExecutionContext();
            long from = context.getLong(ManifestRangePartitioner.FROM_ROW, 0L);
            long to = context.getLong(ManifestRangePartitioner.TO_ROW, 0L);
            long position = step.getStatus().name().equals("COMPLETED") ? to : context.getInt("manifest.read.count", (int) from);
            processed += Math.max(0, Math.min(position, to) - from);
            if (step.getJobExecutionId().equals(execution.getId())) {
                processedThisExecution += step.getReadCount();
            }
        }
        long instanceId = instance.getInstanceId();
        Instant started = instant(execution.getStartTime());
        Instant ended = instant(execution.getEndTime());
        Instant now = ended == null ? Instant.now() : ended;
        double seconds = started == null ? 0 : Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
        double rate = seconds == 0 ? 0 : processedThisExecution / seconds;
        Duration eta = ended != null || rate <= 0 || total == 0 ? null
                : Duration.ofSeconds((long) Math.ceil(Math.max(0, total - processed) / rate));
        return new MigrationProgress(execution.getId(), instanceId, execution.getStatus().name(),
                execution.getJobParameters().getString(LegacyMigrationJobConfiguration.PACKAGE),
                execution.getJobParameters().getString(LegacyMigrationJobConfiguration.CONTROLLER),
                total, processed, ledger.count(instanceId), rejects.count(instanceId), rate, eta, started, ended,
                jobContext.containsKey(LegacyMigrationJobConfiguration.REPORT) ? jobContext.getString(LegacyMigrationJobConfiguration.REPORT) : null,
                rejects.list(instanceId, 20), failure(execution));
    }

    /** An ended execution's failure as recorded, or, for one ended without its reason (older versions), its exit status. */
    private static MigrationFailure failure(JobExecution execution) {
        if (execution.getEndTime() == null || !execution.getStatus().isUnsuccessful()) {
            return null;
        }
        return MigrationFailure.recordedIn(execution.getExecutionContext())
                .orElseGet(() -> MigrationFailure.of(execution, execution.getStepExecutions()));
    }

    List<MigrationRejects.Reject> rejects(long jobInstanceId, int limit) {
        return rejects.list(jobInstanceId, limit);
    }

    private static Instant instant(LocalDateTime time) {
        return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
    }
}
