package fi.arkisto.batch.controllerchange;

import fi.arkisto.store.controllerchange.ControllerChangeRuns;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@link ControllerChangeRuns} over the controller change job. The caller's transaction (a process engine's job) is
 * suspended while the job runs: Spring Batch commits each chunk on its own and refuses to start inside a transaction.
 */
@Component
class ControllerChangeRunner implements ControllerChangeRuns {

    private final ControllerChangeLauncher launcher;
    private final TransactionTemplate outside;

    ControllerChangeRunner(ControllerChangeLauncher launcher, PlatformTransactionManager transactions) {
        this.launcher = launcher;
        this.outside = new TransactionTemplate(transactions);
        outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    @Override
    public ControllerChangeRun run(UUID change, String scheduledBy) {
        JobExecution execution = outside.execute(status -> launcher.run(change, scheduledBy));
        ExecutionContext context = execution.getExecutionContext();
        boolean completed = execution.getStatus() == BatchStatus.COMPLETED;
        String failure = completed ? null : execution.getAllFailureExceptions().stream().map(Throwable::getMessage)
                .collect(Collectors.joining("; "));
        String samples = context.getString(ControllerChangeJobConfiguration.SAMPLES, "");
        return new ControllerChangeRun(completed, failure == null || !failure.isEmpty() ? failure
                : "the job ended " + execution.getStatus(),
                context.getLong(ControllerChangeJobConfiguration.DOCUMENTS_BEFORE, 0),
                context.getLong(ControllerChangeJobConfiguration.DOCUMENTS_AFTER, 0),
                context.getLong(ControllerChangeJobConfiguration.ASSIGNED, 0),
                context.getLong(ControllerChangeJobConfiguration.SWEPT, 0),
                samples.isBlank() ? 0 : samples.split(" ").length,
                Boolean.parseBoolean(context.getString(ControllerChangeJobConfiguration.AUDIT_CHAIN_VALID, "false")));
    }
}
