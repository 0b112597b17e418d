package fi.arkisto.workflows.migration;

import fi.arkisto.store.migration.MigrationOutcome;

import java.util.LinkedHashMap;
import java.util.Map;

/** The legacy migration process's ids and variables in one place (bpmn/legacy-migration.bpmn, its forms). */
final class MigrationValues {

    static final String PROCESS = "legacyMigration";
    static final String RUN_ACTIVITY = "ServiceTask_RunMigrationJob";
    /** The topic of the external task by which the process waits for its migration job. */
    static final String TOPIC = "legacy-migration";

    /** The package as the start form names it, relative to the migration package directory. */
    static final String PACKAGE_NAME = "packageName";
    /** The package's absolute location on the server. */
    static final String PACKAGE_LOCATION = "packageLocation";
    static final String CONTROLLER = "controller";
    static final String MIGRATION_ID = "migrationId";
    static final String JOB_EXECUTION_ID = "jobExecutionId";

    private MigrationValues() {
    }

    /** What the review form shows of an execution: counts, the report, the first rejects, how it ended. */
    static Map<String, Object> of(MigrationOutcome outcome) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(JOB_EXECUTION_ID, outcome.jobExecutionId());
        variables.put("migrationStatus", outcome.status());
        variables.put("totalRows", outcome.totalRows());
        variables.put("archived", outcome.archived());
        variables.put("rejected", outcome.rejected());
        variables.put("rejectReport", outcome.rejectReport());
        variables.put("firstRejects", String.join("\n", outcome.firstRejects()));
        variables.put("failureCode", outcome.failureCode() == null ? null : outcome.failureCode().name());
        variables.put("failureReason", outcome.failureReason());
        return variables;
    }

    /** The incident's message: why the job failed, as the cockpit lists it. */
    static String failureMessage(MigrationOutcome outcome) {
        return "Siirto epäonnistui / The migration failed: " + (outcome.failureReason() == null
                ? "it ended " + outcome.status() : outcome.failureReason())
                + (outcome.failureCode() == null ? "" : " (" + outcome.failureCode() + ")");
    }

    /** The incident's details, for the cockpit's details view. */
    static String failureDetails(MigrationOutcome outcome) {
        return "Execution " + outcome.jobExecutionId() + " of migration " + outcome.migrationId() + " ("
                + outcome.packageLocation() + " for " + outcome.controller() + ") ended " + outcome.status() + ".\n"
                + (outcome.failureCode() == null ? "" : "Code: " + outcome.failureCode() + "\n")
                + "Reason: " + outcome.failureReason() + "\n"
                + "Rows " + outcome.totalRows() + ", archived " + outcome.archived() + ", rejected " + outcome.rejected()
                + " so far.\nRetrying the incident resumes the migration from what it committed (Spring Batch restart).";
    }
}
