package fi.arkisto.app.api.migration;

import fi.arkisto.batch.migration.MigrationFailure;
import fi.arkisto.batch.migration.MigrationProgress;
import fi.arkisto.batch.migration.MigrationRejects;

import java.util.List;

/**
 * A migration's progress as {@code GET /api/v1/migrations/{id}} shows it, and as the {@code migrate} command draws
 * it, whether it runs the migration itself or follows it on a running server. Counts cover the whole migration,
 * across restarts.
 *
 * @param rejectReport the reject report's path on the server, once written
 * @param failure      why an ended migration did not complete; absent otherwise
 */
public record MigrationStatus(long jobExecutionId, long migrationId, String status, String controller, long totalRows,
                              long processedRows, long archived, long rejected, double documentsPerSecond,
                              Long etaSeconds, String startedAt, String endedAt, String rejectReport,
                              Failure failure, List<MigrationRejects.Reject> rejects) {

    /**
     * @param code   the error code of the failure when it has one
     * @param reason what went wrong, in a sentence
     */
    public record Failure(String code, String reason) {

        static Failure of(MigrationFailure failure) {
            return failure == null ? null : new Failure(failure.code() == null ? null : failure.code().name(), failure.reason());
        }
    }

    public static MigrationStatus of(MigrationProgress p) {
        return new MigrationStatus(p.jobExecutionId(), p.jobInstanceId(), p.status(), p.controller(), p.totalRows(),
                p.processedRows(), p.archived(), p.rejected(), Math.round(p.documentsPerSecond() * 10) / 10.0,
                p.eta() == null ? null : p.eta().toSeconds(), p.startedAt() == null ? null : p.startedAt().toString(),
                p.endedAt() == null ? null : p.endedAt().toString(), p.rejectReport(), Failure.of(p.failure()),
                p.recentRejects());
    }

    public boolean running() {
        return endedAt == null;
    }

    public boolean completed() {
        return "COMPLETED".equals(status);
    }

    public double fraction() {
        return totalRows == 0 ? (running() ? 0 : 1) : Math.min(1.0, (double) processedRows / totalRows);
    }
}
