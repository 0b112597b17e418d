package fi.arkisto.batch.migration;

import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;

/**
 * Keeps a migration's {@link MigrationFailure} in its job execution context: cleared when an execution starts (a
 * restart inherits the context of the execution it resumes), recorded when one ends unsuccessfully, and written to
 * the repository at once, before Spring Batch records the end, so whoever sees the end also sees the reason.
 */
@Component
class MigrationFailureRecorder implements JobExecutionListener {

    private final JobRepository repository;
    private final JobExplorer explorer;

    MigrationFailureRecorder(JobRepository repository, JobExplorer explorer) {
        this.repository = repository;
        this.explorer = explorer;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        if (execution.getExecutionContext().containsKey(MigrationFailure.REASON_KEY)) {
            MigrationFailure.clearIn(execution.getExecutionContext());
            repository.updateExecutionContext(execution);
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (!execution.getStatus().isUnsuccessful()) {
            return;
        }
        MigrationFailure.of(execution, persistedSteps(execution)).recordIn(execution.getExecutionContext());
        repository.updateExecutionContext(execution);
    }

    private Collection<StepExecution> persistedSteps(JobExecution execution) {
        JobExecution persisted = explorer.getJobExecution(execution.getId());
        return persisted == null ? List.of() : persisted.getStepExecutions();
    }
}
