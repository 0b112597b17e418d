package fi.arkisto.batch.migration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Logs a migration's progress every {@code arkisto.migration.log-interval} (10 s) while it runs, and its outcome. */
@Component
class MigrationProgressLogger implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(MigrationProgressLogger.class);
    private final ObjectProvider<MigrationMonitor> monitor;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "migration-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Long, ScheduledFuture<?>> running = new ConcurrentHashMap<>();

    private final long interval;

    MigrationProgressLogger(ObjectProvider<MigrationMonitor> monitor, MigrationProperties properties) {
        this.monitor = monitor;
        this.interval = Math.max(1, properties.logInterval().toSeconds());
    }

    /** Whether this process runs the execution now (a STARTED execution nobody runs was left by a dead process). */
    boolean isRunningHere(long jobExecutionId) {
        return running.containsKey(jobExecutionId);
    }

    @Override
    public void beforeJob(JobExecution execution) {
        long id = execution.getId();
        running.put(id, scheduler.scheduleAtFixedRate(() -> logProgress(id), interval, interval, TimeUnit.SECONDS));
    }

    @Override
    public void afterJob(JobExecution execution) {
        ScheduledFuture<?> task = running.remove(execution.getId());
        if (task != null) {
            task.cancel(false);
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
