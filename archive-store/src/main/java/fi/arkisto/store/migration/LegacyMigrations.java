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
     * Runs a prepared execution in the background, once; an execution that has started (anywhere) is left as it is.
     * Its end is announced as a {@link LegacyMigrationEnded} event. A failed migration is resumed by preparing its
     * next execution and running that.
     *
     * @return whether this call started it
     * @throws ArchiveException MIGRATION_NOT_FOUND for an execution that is not a legacy migration's
     */
    boolean run(long jobExecutionId);

    /** How the execution stands or ended; empty for an execution that is not a legacy migration's. */
    Optional<MigrationOutcome> outcome(long jobExecutionId);
}
