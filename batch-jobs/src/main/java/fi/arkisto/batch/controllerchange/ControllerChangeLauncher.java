package fi.arkisto.batch.controllerchange;

import fi.arkisto.batch.execution.AbandonedExecutions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs or resumes the controller change job of one change in the calling thread. The change identifies the job
 * instance: running it again after a failure (or after the process running it was killed) restarts it from what every
 * partition committed; a completed run is answered with its execution, nothing done twice. An execution left STARTED
 * by a process that is gone is marked FAILED first: one that no thread of this process runs is taken as such, since
 * the process that owns a change's run is the one its process instance's job runs in (docs/workflows.md).
 */
@Component
public class ControllerChangeLauncher {

    private static final Logger log = LoggerFactory.getLogger(ControllerChangeLauncher.class);

    private final JobRepository repository;
    private final Job controllerChangeJob;
    private final TaskExecutorJobLauncher launcher;
    private final Set<UUID> runningHere = ConcurrentHashMap.newKeySet();

    ControllerChangeLauncher(JobRepository repository, Job controllerChangeJob) throws Exception {
        this.repository = repository;
        this.controllerChangeJob = controllerChangeJob;
        this.launcher = new TaskExecutorJobLauncher();
        launcher.setJobRepository(repository);
        launcher.setTaskExecutor(new SyncTaskExecutor());
        launcher.afterPropertiesSet();
    }

    public static JobParameters parameters(UUID change) {
        return new JobParametersBuilder().addString(ControllerChangeJobConfiguration.CHANGE, change.toString(), true)
                .toJobParameters();
    }

    /**
     * Runs the change's job to its end.
     *
     * @param completedBy who scheduled the run (recorded with the completion)
     * @return the execution; FAILED with the reason in its exit description when it failed
     */
    public JobExecution run(UUID change, String completedBy) {
        JobParameters identifying = parameters(change);
        JobExecution last = repository.getLastJobExecution(ControllerChangeJobConfiguration.JOB_NAME, identifying);
        if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
            return last;
        }
        if (!runningHere.add(change)) {
            throw new IllegalStateException("The controller change " + change + " is running in this process");
        }
        try {
            abandonStale(last);
            JobParameters parameters = new JobParametersBuilder(identifying)
                    .addString(ControllerChangeJobConfiguration.COMPLETED_BY, completedBy, false).toJobParameters();
            return launcher.run(controllerChangeJob, parameters);
        } catch (Exception e) {
            throw new IllegalStateException("The controller change job could not be launched: " + e.getMessage(), e);
        } finally {
            runningHere.remove(change);
        }
    }

    /** The last execution of the change's job, or null. */
    public JobExecution last(UUID change) {
        return repository.getLastJobExecution(ControllerChangeJobConfiguration.JOB_NAME, parameters(change));
    }

    private void abandonStale(JobExecution last) {
        if (last == null || !last.isRunning()) {
            return;
        }
        log.warn("Controller change execution {} was left {} by a process that is gone; marking it FAILED to resume",
                last.getId(), last.getStatus());
        AbandonedExecutions.markFailed(repository, last);
        repository.update(last);
    }
}
