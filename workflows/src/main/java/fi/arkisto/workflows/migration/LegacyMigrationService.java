package fi.arkisto.workflows.migration;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.migration.LegacyMigrations;
import fi.arkisto.store.migration.PreparedMigration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the legacy migration process decides over the migrations ({@link LegacyMigrations}): which package a start
 * names, that one migration has one process, what a migration's process is known by.
 */
public class LegacyMigrationService {

    private final LegacyMigrations migrations;
    private final RuntimeService runtime;

    public LegacyMigrationService(LegacyMigrations migrations, RuntimeService runtime) {
        this.migrations = migrations;
        this.runtime = runtime;
    }

    /** A migration prepared for its process: the business key and the variables the process keeps. */
    record Prepared(String businessKey, Map<String, Object> variables) {
    }

    /**
     * The migration the process was started for: prepared already when the API or the command line started it
     * ({@link LegacyMigrationStarter}), else the start form's: a package named in the migration package directory.
     *
     * @throws ArchiveException the refusal, with its code, when the form's migration cannot run
     */
    Prepared prepare(String packageLocation, String packageName, String controller, Object jobExecutionId,
                     String processInstanceId) {
        if (packageLocation != null && controller != null && jobExecutionId != null) {
            return new Prepared(businessKey(Oid.of(controller), Path.of(packageLocation)), Map.of());
        }
        if (packageName == null || controller == null) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "A migration needs package and controller");
        }
        return prepareNew(migrations.packageNamed(packageName.strip()), Oid.of(controller.strip()), processInstanceId);
    }

    /**
     * Prepares a new migration's first execution (or the one resuming a failed migration that has no process).
     *
     * @param processInstanceId the process being started, when it is started already (by the start form)
     * @throws ArchiveException the refusal, with its code, when the migration cannot run, or when another process runs
     *                          this migration (its failed job is retried there)
     */
    Prepared prepareNew(Path pkg, Oid controller, String processInstanceId) {
        Path location = pkg.toAbsolutePath().normalize();
        ProcessInstance other = processOf(location, controller);
        if (other != null && !other.getId().equals(processInstanceId)) {
            throw new ArchiveException(ErrorCode.MIGRATION_ALREADY_RUNNING, "The migration of " + location.getFileName()
                    + " for " + controller.value() + " has its process " + other.getBusinessKey()
                    + ": retry its failed job there, or launch the migration again by the API or the command line");
        }
        PreparedMigration prepared = migrations.prepare(location, controller);
        return new Prepared(businessKey(controller, location), Map.of(
                MigrationValues.PACKAGE_LOCATION, prepared.packageLocation(),
                MigrationValues.CONTROLLER, controller.value(),
                MigrationValues.MIGRATION_ID, prepared.migrationId(),
                MigrationValues.JOB_EXECUTION_ID, prepared.jobExecutionId()));
    }

    /** The process of this migration that has not ended, if any. */
    ProcessInstance processOf(Path pkg, Oid controller) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(MigrationValues.PROCESS)
                .variableValueEquals(MigrationValues.PACKAGE_LOCATION, pkg.toAbsolutePath().normalize().toString())
                .variableValueEquals(MigrationValues.CONTROLLER, controller.value())
                .singleResult();
    }

    /** {@code legacy-migration:<controller OID>:<package file name>}: the organisation and the package, as the cockpit lists it. */
    static String businessKey(Oid controller, Path pkg) {
        return "legacy-migration:" + controller.value() + ":" + pkg.getFileName();
    }
}
