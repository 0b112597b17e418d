package fi.arkisto.store.migration;

/**
 * A migration's execution, prepared to run.
 *
 * @param migrationId    the migration (one package for one controller), the same for all its executions
 * @param jobExecutionId the execution, by which its progress is followed ({@code GET /api/v1/migrations/{id}})
 * @param packageLocation the package's absolute, normalised location on the server
 */
public record PreparedMigration(long migrationId, long jobExecutionId, String packageLocation) {
}
