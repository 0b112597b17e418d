/**
 * Legacy migrations as the rest of the archive sees them: the {@link fi.arkisto.store.migration.LegacyMigrations}
 * port (implemented by the batch jobs) and what it answers. Free of Spring Batch, so that the processes and tools
 * that start and follow migrations need not know how they run.
 */
package fi.arkisto.store.migration;
