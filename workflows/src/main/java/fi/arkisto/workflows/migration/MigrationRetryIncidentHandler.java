package fi.arkisto.workflows.migration;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The engine's handler of external task incidents, which also notices when an operator retries the incident of a
 * failed migration job (the cockpit sets the task's retries, which resolves its incident): the job is offered again,
 * and its delivery resumes the migration. Every other incident is handled as by default.
 */
class MigrationRetryIncidentHandler extends DefaultIncidentHandler {

    private final ObjectProvider<MigrationJobWorker> worker;

    MigrationRetryIncidentHandler(ObjectProvider<MigrationJobWorker> worker) {
        super(Incident.EXTERNAL_TASK_HANDLER_TYPE);
        this.worker = worker;
    }

    @Override
    public void resolveIncident(IncidentContext context) {
        // the engine also asks to resolve when a task without incident completes: only a resolved incident is a retry
        boolean retried = isMigrationJob(context) && !Context.getCommandContext().getIncidentManager()
                .findIncidentByConfigurationAndIncidentType(context.getConfiguration(), getIncidentHandlerType()).isEmpty();
        super.resolveIncident(context);
        if (retried) {
            worker.getObject().offerAfterCommit(context.getExecutionId());
        }
    }

    private static boolean isMigrationJob(IncidentContext context) {
        return MigrationValues.RUN_ACTIVITY.equals(context.getActivityId()) && context.getProcessDefinitionId() != null
                && context.getProcessDefinitionId().startsWith(MigrationValues.PROCESS + ":");
    }
}
