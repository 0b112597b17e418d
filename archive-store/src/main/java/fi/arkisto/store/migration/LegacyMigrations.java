package fi.arkisto.store.migration;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.identity.Oid;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The migrations of organisations' legacy archives (docs/legacy-package.md), as a process or a tool asks for them: one
 * migration is one package migrated into one controller's register, and it runs in executions: a migration that
 * failed is resumed by its next execution, which goes on from what the failed one committed. The batch jobs
 * implement it; the migration process (docs/workflows.md) and the command line use it.
 */
public interface LegacyMigrations {

    /**
     * The package of this name in the migration package directory, where an operator placed it.
     *
     * @throws ArchiveException PACKAGE_ENTRY_UNSAFE for a name that is absolute or leaves the directory,
     *                          LEGACY_PACKAGE_NOT_FOUND for a name the directory does not hold
     */
    Path packageNamed(String name);

    /**
     * Checks what can be known before the migration runs and prepares its next execution, which {@link #run} then
     * runs: the first execution of a new migration, or the one that resumes a failed migration.
     *
     * @throws ArchiveException with the refusal's own code: a package that is not there or cannot be read, no
     *                          manifest or a manifest header that cannot be read, no system signer, a migration that
     *                          runs (MIGRATION_ALREADY_RUNNING) or has completed (MIGRATION_ALREADY_COMPLETED)
     */
    PreparedMigration prepare(Path pkg, Oid controller);

    /**
     * Runs an execution in the background: a prepared one as it is; for one that ended without completing, the
     * migration is resumed (a new execution is prepared and run). An execution that runs or has completed is left
     * as it is. Its end is announced as a {@link LegacyMigrationEnded} event.
     *
     * @return the id of the execution that runs (or ran)
     * @throws ArchiveException when the migration cannot be resumed (as {@link #prepare})
     */
    long run(long jobExecutionId);

    /** How the execution stands or ended; empty for an execution that is not a legacy migration's. */
    Optional<MigrationOutcome> outcome(long jobExecutionId);
}
