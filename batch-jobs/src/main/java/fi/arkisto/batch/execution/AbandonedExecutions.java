package fi.arkisto.batch.execution;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.repository.JobRepository;

import java.time.LocalDateTime;

/**
 * An execution a killed process left STARTED or STOPPING, marked FAILED with its running steps, so that Spring Batch
 * restarts it where it stopped instead of refusing it as still running. The callers decide when an execution is
 * abandoned (docs/workflows.md).
 */
public final class AbandonedExecutions {

    private AbandonedExecutions() {
    }

    /** Marks the execution and its running steps FAILED, ended now; the caller saves what else it records. */
    public static void markFailed(JobRepository repository, JobExecution execution) {
        LocalDateTime now = LocalDateTime.now();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setEndTime(now);
                repository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setEndTime(now);
    }
}
