package fi.arkisto.workflows.migration;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.migration.LegacyMigrations;
import fi.arkisto.store.migration.PreparedMigration;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;

/**
 * Launches a legacy migration as its process (the REST API and the command line): a new migration has its first
 * execution prepared, or is refused with its code, and its process started; a migration whose process waits at its
 * failed job is resumed in that process (as retrying its incident in the cockpit does). Either way the answer is the
 * execution that will run, by which the caller follows the migration.
 */
public class LegacyMigrationStarter {

    private final LegacyMigrationService service;
    private final LegacyMigrations migrations;
    private final RuntimeService runtime;
    private final ExternalTaskService tasks;
    private final ManagementService management;
    private final MigrationJobWorker worker;
    private final TransactionTemplate transaction;

    public LegacyMigrationStarter(LegacyMigrationService service, LegacyMigrations migrations, RuntimeService runtime,
                                  ExternalTaskService tasks, ManagementService management, MigrationJobWorker worker,
                                  PlatformTransactionManager transactions) {
        this.service = service;
        this.migrations = migrations;
        this.runtime = runtime;
        this.tasks = tasks;
        this.management = management;
        this.worker = worker;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * @param processInstanceId the migration's process
     * @param jobExecutionId    the execution that will run, by which the migration is followed
     */
    public record Started(String processInstanceId, String businessKey, long jobExecutionId) {
    }

    /**
     * @param pkg the package's location on the server, already checked against who may name it
     * @throws ArchiveException the refusal with its code; nothing is started then
     */
    public Started start(Path pkg, Oid controller) {
        ProcessInstance waiting = service.processOf(pkg, controller);
        if (waiting != null) {
            // an end the process missed is taken first: the launch is then answered as the migration stands
            worker.takeMissedEnd(waiting.getId());
        }
        return transaction.execute(status -> {
            ProcessInstance existing = service.processOf(pkg, controller);
            if (existing != null) {
                return resume(existing, pkg, controller);
            }
            // prepared before the process starts: a refusal is the caller's answer, not a failed engine command
            LegacyMigrationService.Prepared prepared = service.prepareNew(pkg, controller, null);
            ProcessInstance started = runtime.startProcessInstanceByKey(MigrationValues.PROCESS, prepared.businessKey(),
                    prepared.variables());
            return new Started(started.getId(), prepared.businessKey(),
                    ((Number) prepared.variables().get(MigrationValues.JOB_EXECUTION_ID)).longValue());
        });
    }

    /**
     * Runs the due steps of a migration's process in this process, for a tool that runs no job executor (the
     * {@code migrate} command): its job is launched here. A step a server's job executor took already is left to it.
     */
    public void continueHere(Started started) {
        for (Job job : management.createJobQuery().processInstanceId(started.processInstanceId()).executable().list()) {
            try {
                management.executeJob(job.getId());
            } catch (OptimisticLockingException taken) {
                // another engine on the same database runs it
            } catch (ProcessEngineException gone) {
                if (management.createJobQuery().jobId(job.getId()).count() > 0) {
                    throw gone;
                }
            }
        }
    }

    private Started resume(ProcessInstance process, Path pkg, Oid controller) {
        // refuses a migration that runs or has completed, as a new one would be
        PreparedMigration prepared = migrations.prepare(pkg, controller);
        runtime.setVariable(process.getId(), MigrationValues.JOB_EXECUTION_ID, prepared.jobExecutionId());
        ExternalTask task = tasks.createExternalTaskQuery().processInstanceId(process.getId())
                .activityId(MigrationValues.RUN_ACTIVITY).singleResult();
        if (task != null && task.getRetries() != null && task.getRetries() == 0) {
            // resolves the incident, which offers the job (MigrationRetryIncidentHandler)
            tasks.setRetries(task.getId(), 1);
        } else if (task != null) {
            worker.offerAfterCommit(task.getExecutionId());
        }
        return new Started(process.getId(), process.getBusinessKey(), prepared.jobExecutionId());
    }
}
