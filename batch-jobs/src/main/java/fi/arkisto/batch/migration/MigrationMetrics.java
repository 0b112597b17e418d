package fi.arkisto.batch.migration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Migration progress as gauges, summed over the legacy migrations running now in the job repository (so every
 * instance sharing the database reports the same figures): {@code arkisto.migration.running},
 * {@code arkisto.migration.manifest.rows}, {@code arkisto.migration.rows.processed},
 * {@code arkisto.migration.documents.archived}, {@code arkisto.migration.rows.rejected} and
 * {@code arkisto.migration.rows.per.second}. The figures are those of {@link MigrationMonitor}, read at most once
 * a second however many gauges a scrape reads.
 */
@Component
class MigrationMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(MigrationMetrics.class);
    private static final long FRESH_NANOS = 1_000_000_000L;

    private final ObjectProvider<JobExplorer> explorer;
    private final ObjectProvider<MigrationMonitor> monitor;
    private volatile Snapshot snapshot;

    MigrationMetrics(ObjectProvider<JobExplorer> explorer, ObjectProvider<MigrationMonitor> monitor) {
        this.explorer = explorer;
        this.monitor = monitor;
    }

    private record Snapshot(List<MigrationProgress> running, long takenAt) {
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "arkisto.migration.running", "legacy migrations running now", p -> 1);
        gauge(registry, "arkisto.migration.manifest.rows", "manifest rows of the running migrations",
                MigrationProgress::totalRows);
        gauge(registry, "arkisto.migration.rows.processed", "manifest rows of the running migrations committed so far",
                MigrationProgress::processedRows);
        gauge(registry, "arkisto.migration.documents.archived", "documents the running migrations archived so far",
                MigrationProgress::archived);
        gauge(registry, "arkisto.migration.rows.rejected", "rows the running migrations rejected so far",
                MigrationProgress::rejected);
        gauge(registry, "arkisto.migration.rows.per.second", "rows committed per second by the running migrations",
                MigrationProgress::documentsPerSecond);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<MigrationProgress> figure) {
        Gauge.builder(name, this, metrics -> metrics.running().stream().mapToDouble(figure).sum())
                .description(description).strongReference(true).register(registry);
    }

    private List<MigrationProgress> running() {
        Snapshot current = snapshot;
        long now = System.nanoTime();
        if (current != null && now - current.takenAt() < FRESH_NANOS) {
            return current.running();
        }
        List<MigrationProgress> running;
        try {
            running = explorer.getObject().findRunningJobExecutions(LegacyMigrationJobConfiguration.JOB_NAME).stream()
                    .map(execution -> monitor.getObject().progress(execution.getId()))
                    .flatMap(Optional::stream)
                    .filter(MigrationProgress::running)
                    .toList();
        } catch (RuntimeException e) {
            // a scrape must not fail because the job repository is briefly unreachable: the figures read as none
            log.debug("Migration progress unavailable for the metrics", e);
            running = List.of();
        }
        snapshot = new Snapshot(running, now);
        return running;
    }
}
