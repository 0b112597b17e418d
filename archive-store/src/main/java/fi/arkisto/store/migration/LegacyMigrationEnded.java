package fi.arkisto.store.migration;

/**
 * An execution of a migration has ended, completed or not: announced by the batch jobs as an application event as the
 * execution ends, before its end is written, so whoever sees the end has been told (the migration process takes it
 * as its migration job's end).
 */
public record LegacyMigrationEnded(MigrationOutcome outcome) {
}
