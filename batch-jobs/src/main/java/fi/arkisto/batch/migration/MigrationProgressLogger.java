package fi.arkisto.batch.migration;

import fi.arkisto.store.schedule.ScheduleConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

/** Logs a migration's progress every {@code arkisto.migration.log-interval} (10 s) while it runs, and its outcome. */
@Component
class MigrationProgressLogger implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(MigrationProgressLogger.class);
    private final ObjectProvider<MigrationMonitor> monitor;
    private final TaskScheduler scheduler;
    /** The executions running here, each with what stops its progress lines. */
    private final Map<Long, Runnable> running = new ConcurrentHashMap<>();

    private final Duration interval;

    MigrationProgressLogger(ObjectProvider<MigrationMonitor> monitor,
                            @Qualifier(ScheduleConfiguration.SCHEDULER) TaskScheduler scheduler,
                            MigrationProperties properties) {
        this.monitor = monitor;
        this.scheduler = scheduler;
        // whole seconds, at least one: a progress line more often than that is noise
        this.interval = Duration.ofSeconds(Math.max(1, properties.logInterval().toSeconds()));
    }

    /** Whether this process runs the execution now (a STARTED execution nobody runs was left by a dead process). */
    boolean isRunningHere(long jobExecutionId) {
        return running.containsKey(jobExecutionId);
    }

    @Override
    public void beforeJob(JobExecution execution) {
        long id = execution.getId();
        Runnable stopLines;
        try {
            ScheduledFuture<?> lines = scheduler.scheduleAtFixedRate(() -> logProgress(id), Instant.now().plus(interval), interval);
            stopLines = () -> lines.cancel(false);
        } catch (TaskRejectedException closing) {
            // the application is closing: the job runs without progress lines, its end is still logged
            log.debug("No progress lines for migration execution {}: the scheduler is shut down", id, closing);
            stopLines = () -> { };
        }
        running.put(id, stopLines);
    }

    @Override
    public void afterJob(JobExecution execution) {
        Runnable stopLines = running.remove(execution.getId());
        if (stopLines != null) {
            stopLines.run();
        }
        // the failure comes from the context the recorder has just written: the repository's end is not written yet
        String failure = MigrationFailure.recordedIn(execution.getExecutionContext())
                .map(f -> ": " + f.reason()).orElse("");
        logProgress(execution.getId(), execution.getStatus().name(), failure);
    }

    private void logProgress(long id) {
        logProgress(id, null, "");
    }

    /** @param status the status to show when the repository does not have it yet (the job's end is written after this listener) */
    private void logProgress(long id, String status, String failure) {
        try {
            monitor.getObject().progress(id).ifPresent(p -> log.info(
                    "Legacy migration {} (execution {}): {} {}/{} rows, {} archived, {} rejected, {} docs/s, ETA {}{}",
                    p.jobInstanceId(), p.jobExecutionId(), status == null ? p.status() : status, p.processedRows(), p.totalRows(), p.archived(),
                    p.rejected(), String.format("%.1f", p.documentsPerSecond()), p.eta() == null ? "-" : p.eta(), failure));
        } catch (RuntimeException e) {
            log.debug("Progress of migration execution {} unavailable", id, e);
        }
    }
}
