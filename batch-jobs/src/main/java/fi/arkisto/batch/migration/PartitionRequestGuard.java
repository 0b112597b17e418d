package fi.arkisto.batch.migration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * Decides whether a partition request taken from the queue still stands for work (remote partitioning, docs/legacy-package.md:
 * every good row archived exactly once across instances). A request is run when its step execution is waiting
 * (STARTING) or was left STARTED by a worker that died holding the request (the broker redelivered it; the step
 * resumes from its last committed chunk), and its job execution is still running. It is dropped, and so
 * acknowledged, when the partition has ended already or its job execution was given up: a relaunch marks an
 * abandoned execution FAILED and sends new requests for new step executions of the same partitions, so running the
 * old request too would run one partition twice at once.
 */
class PartitionRequestGuard {

    private static final Logger log = LoggerFactory.getLogger(PartitionRequestGuard.class);
    private final JobExplorer explorer;

    PartitionRequestGuard(JobExplorer explorer) {
        this.explorer = explorer;
    }

    boolean accept(StepExecutionRequest request) {
        StepExecution step = explorer.getStepExecution(request.getJobExecutionId(), request.getStepExecutionId());
        if (step == null) {
            log.warn("Dropping partition request {}: no such step execution in this job repository", request);
            return false;
        }
        if (!step.getStatus().isRunning()) {
            log.info("Dropping partition request {}: the partition is {} already", request, step.getStatus());
            return false;
        }
        if (!step.getJobExecution().getStatus().isRunning()) {
            log.info("Dropping partition request {}: its job execution is {}", request, step.getJobExecution().getStatus());
            return false;
        }
        return true;
    }
}
