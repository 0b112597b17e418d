package fi.arkisto.batch.migration;

import fi.arkisto.store.migration.MigrationOutcome;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where one migration stands (docs/legacy-package.md: counts, documents/s, ETA, rejects so far), as the REST API, the command-line
 * progress bar and the log show it. Counts cover the whole migration (all executions of its job instance).
 *
 * @param processedRows      manifest rows committed so far (archived + rejected + repeats of identical content)
 * @param documentsPerSecond rows committed per second in the latest execution
 * @param eta                remaining time at that rate, or null when unknown or finished
 * @param failure            why an ended migration did not complete, or null
 */
public record MigrationProgress(long jobExecutionId, long jobInstanceId, String status, String packageLocation,
                                String controller, long totalRows, long processedRows, long archived, long rejected,
                                double documentsPerSecond, Duration eta, Instant startedAt, Instant endedAt,
                                String rejectReport, List<MigrationRejects.Reject> recentRejects,
                                MigrationFailure failure) {

    public boolean running() {
        return endedAt == null;
    }

    public double fraction() {
        return totalRows == 0 ? (running() ? 0 : 1) : Math.min(1.0, (double) processedRows / totalRows);
    }

    /** This progress as the port {@link fi.arkisto.store.migration.LegacyMigrations} answers it. */
    public MigrationOutcome outcome() {
        return new MigrationOutcome(jobInstanceId, jobExecutionId, controller, packageLocation, status, !running(),
                totalRows, archived, rejected, rejectReport, recentRejects.stream()
                .map(r -> "row " + r.rowNumber() + (r.legacyId() == null ? "" : " (" + r.legacyId() + ")") + ": "
                        + r.errorCode() + " " + r.reason()).toList(),
                failure == null ? null : failure.code(), failure == null ? null : failure.reason());
    }
}
