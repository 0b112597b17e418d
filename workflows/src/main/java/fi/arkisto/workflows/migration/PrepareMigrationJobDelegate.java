package fi.arkisto.workflows.migration;

import fi.arkisto.store.error.ArchiveException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * ServiceTask_PrepareMigrationJob: a process started by the API or the command line has its execution prepared; the
 * start form's is prepared here, in the transaction that starts the process, or refused with its code, which the
 * tasklist shows (a refusal is the starter's bad request): a refused start leaves no process behind.
 */
class PrepareMigrationJobDelegate implements JavaDelegate {

    private final LegacyMigrationService service;

    PrepareMigrationJobDelegate(LegacyMigrationService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LegacyMigrationService.Prepared prepared;
        try {
            prepared = service.prepare(text(execution, MigrationValues.PACKAGE_LOCATION),
                    text(execution, MigrationValues.PACKAGE_NAME), text(execution, MigrationValues.CONTROLLER),
                    execution.getVariable(MigrationValues.JOB_EXECUTION_ID), execution.getProcessInstanceId());
        } catch (ArchiveException refused) {
            throw new BadUserRequestException(refused.detail() + " (" + refused.code() + ")", refused);
        }
        execution.setProcessBusinessKey(prepared.businessKey());
        execution.setVariables(prepared.variables());
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
