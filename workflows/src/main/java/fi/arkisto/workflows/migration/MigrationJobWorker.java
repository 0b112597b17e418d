package fi.arkisto.workflows.migration;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.migration.LegacyMigrationEnded;
import fi.arkisto.store.migration.LegacyMigrations;
import fi.arkisto.store.migration.MigrationOutcome;
import fi.arkisto.store.migration.PreparedMigration;
import fi.arkisto.store.identity.Oid;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs the migration job of ServiceTask_RunMigrationJob, an external task by which the process waits for its job
 * without holding a thread: when the task is created or its incident retried, the job is offered once the engine's
 * transaction commits, and the delivery executor (one thread: offers are delivered in the order they were made) locks the task and runs the job in the background (the execution the
 * process prepared, or, after a failure, a new one that resumes it). When the job ends, its end (announced by the batch
 * jobs as {@link LegacyMigrationEnded}) completes the task with the outcome, or fails it with no retries left: an
 * incident whose message says why and whose retry resumes the migration.
 */
public class MigrationJobWorker {

    static final String WORKER = "arkisto-legacy-migration";
    /** The task stays locked while its job runs; the job's end unlocks it. Nothing else fetches the topic. */
    static final Duration LOCK = Duration.ofDays(30);
    private static final Logger log = LoggerFactory.getLogger(MigrationJobWorker.class);

    private final LegacyMigrations migrations;
    private final RuntimeService runtime;
    private final ExternalTaskService tasks;
    private final TaskExecutor deliveries;

    public MigrationJobWorker(LegacyMigrations migrations, RuntimeService runtime, ExternalTaskService tasks,
                              TaskExecutor deliveries) {
        this.migrations = migrations;
        this.runtime = runtime;
        this.tasks = tasks;
        this.deliveries = deliveries;
    }

    /**
     * Offers the migration job of the execution waiting (or about to wait) at ServiceTask_RunMigrationJob, to be run
     * once the current transaction commits: before, the task is not there for another thread to see.
     */
    void offerAfterCommit(String executionId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("The migration job is offered when the engine's transaction commits, outside of one it would be lost");
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                deliveries.execute(() -> deliver(executionId));
            }
        });
    }

    /** Locks the task and runs its job: the prepared execution, or one resuming a failed migration. */
    void deliver(String executionId) {
        ExternalTask task = tasks.createExternalTaskQuery().executionId(executionId).activityId(MigrationValues.RUN_ACTIVITY)
                .singleResult();
        if (task == null) {
            log.warn("No migration job waits at execution {} any more (its process was cancelled or moved on)", executionId);
            return;
        }
        try {
            tasks.lock(task.getId(), WORKER, LOCK.toMillis());
            String process = task.getProcessInstanceId();
            long execution = ((Number) runtime.getVariable(process, MigrationValues.JOB_EXECUTION_ID)).longValue();
            MigrationOutcome last = migrations.outcome(execution).orElseThrow(() ->
                    new IllegalStateException("The process's migration execution " + execution + " does not exist"));
            if (last.completed()) {
                // its end was not taken (a process that stopped before), so it is taken now
                report(task, last);
                return;
            }
            if (last.failed()) {
                PreparedMigration resumed = migrations.prepare(Path.of(last.packageLocation()), Oid.of(last.controller()));
                // recorded before it runs: its end finds the process waiting for it
                runtime.setVariable(process, MigrationValues.JOB_EXECUTION_ID, resumed.jobExecutionId());
                migrations.run(resumed.jobExecutionId());
            } else {
                migrations.run(execution);
            }
        } catch (RuntimeException e) {
            log.warn("The migration job at {} could not be run: {}", executionId, e.getMessage());
            String reason = e instanceof ArchiveException refused ? refused.detail() + " (" + refused.code() + ")" : e.getMessage();
            try {
                tasks.handleFailure(task.getId(), WORKER, "Siirtoa ei voitu käynnistää / The migration could not be run: "
                        + reason, e.toString(), 0, 0);
            } catch (RuntimeException unreported) {
                log.error("The migration job at {} could not be run, nor its failure reported", executionId, unreported);
            }
        }
    }

    /**
     * The end of a migration's execution: its process's task completes with the outcome, or fails. The process is
     * told first of whoever listens, so a listener that follows the migration finds its process told.
     */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void ended(LegacyMigrationEnded ended) {
        MigrationOutcome outcome = ended.outcome();
        ProcessInstance process = runtime.createProcessInstanceQuery().processDefinitionKey(MigrationValues.PROCESS)
                .variableValueEquals(MigrationValues.MIGRATION_ID, outcome.migrationId()).active().singleResult();
        if (process == null) {
            log.debug("Migration {} has no process waiting for it", outcome.migrationId());
            return;
        }
        Object current = runtime.getVariable(process.getId(), MigrationValues.JOB_EXECUTION_ID);
        if (!(current instanceof Number n) || n.longValue() != outcome.jobExecutionId()) {
            log.info("Migration {}: execution {} ended, its process waits for execution {}", outcome.migrationId(),
                    outcome.jobExecutionId(), current);
            return;
        }
        ExternalTask task = tasks.createExternalTaskQuery().processInstanceId(process.getId())
                .activityId(MigrationValues.RUN_ACTIVITY).singleResult();
        if (task == null) {
            log.warn("The process of migration {} does not wait for its job", outcome.migrationId());
            return;
        }
        tasks.lock(task.getId(), WORKER, LOCK.toMillis());
        report(task, outcome);
    }

    /**
     * Takes the end a process missed: its instance stopped between the job's end and the task's completion (or the
     * engine's database failed then). A task waiting for an execution that has ended is completed or failed as at the
     * end; a task in an incident has had its end.
     *
     * @return whether an end was taken
     */
    boolean takeMissedEnd(ExternalTask task) {
        if (task.getRetries() != null && task.getRetries() == 0) {
            return false;
        }
        Object execution = runtime.getVariable(task.getProcessInstanceId(), MigrationValues.JOB_EXECUTION_ID);
        MigrationOutcome outcome = execution instanceof Number n ? migrations.outcome(n.longValue()).orElse(null) : null;
        if (outcome == null || !outcome.ended()) {
            return false;
        }
        log.info("Migration {}: its process missed the end of execution {}, taken now", outcome.migrationId(),
                outcome.jobExecutionId());
        try {
            tasks.lock(task.getId(), WORKER, LOCK.toMillis());
            report(task, outcome);
            return true;
        } catch (RuntimeException e) {
            // taken meanwhile by whoever saw the end (another instance); the process has it either way
            log.info("Migration {}: the end of execution {} was taken meanwhile ({})", outcome.migrationId(),
                    outcome.jobExecutionId(), e.getMessage());
            return false;
        }
    }

    /** {@link #takeMissedEnd} for the process's task, if it waits for its job. */
    void takeMissedEnd(String processInstanceId) {
        ExternalTask task = tasks.createExternalTaskQuery().processInstanceId(processInstanceId)
                .activityId(MigrationValues.RUN_ACTIVITY).singleResult();
        if (task != null) {
            takeMissedEnd(task);
        }
    }

    /** {@link #takeMissedEnd} for every migration process waiting for its job (a server's start). */
    int takeMissedEnds() {
        int taken = 0;
        for (ExternalTask task : tasks.createExternalTaskQuery().topicName(MigrationValues.TOPIC)
                .activityId(MigrationValues.RUN_ACTIVITY).list()) {
            if (takeMissedEnd(task)) {
                taken++;
            }
        }
        return taken;
    }

    private void report(ExternalTask task, MigrationOutcome outcome) {
        if (outcome.completed()) {
            tasks.complete(task.getId(), WORKER, MigrationValues.of(outcome));
        } else {
            tasks.handleFailure(task.getId(), WORKER, MigrationValues.failureMessage(outcome),
                    MigrationValues.failureDetails(outcome), 0, 0, MigrationValues.of(outcome), null);
        }
    }
}
