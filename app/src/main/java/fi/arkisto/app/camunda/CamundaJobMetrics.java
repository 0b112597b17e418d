package fi.arkisto.app.camunda;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.Meter;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.runtime.JobQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The Camunda job executor's figures as Micrometer meters (the executor's thread pool itself is measured by Spring
 * Boot as {@code executor.*} with {@code name="camundaTaskExecutor"}):
 * <ul>
 *   <li>gauges of the job table: {@code camunda.jobs.executable} (due, retries left, not suspended: the backlog),
 *       {@code camunda.jobs.retrying} (failed at least once, retries left) and {@code camunda.jobs.failed} (no retries
 *       left: an incident waits for an operator);</li>
 *   <li>counters of Camunda's own engine metrics ({@code job-successful}, {@code job-failed},
 *       {@code job-acquisition-attempt}, {@code job-acquired-success}, {@code job-acquired-failure},
 *       {@code job-execution-rejected}, {@code job-locked-exclusive}) as {@code camunda.job.*}: the totals in the
 *       database's meter log (all instances, as each reports at its reporting interval) plus what this instance counted
 *       since its last report.</li>
 * </ul>
 */
final class CamundaJobMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(CamundaJobMetrics.class);

    private final ProcessEngine engine;

    CamundaJobMetrics(ProcessEngine engine) {
        this.engine = engine;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        ManagementService management = engine.getManagementService();
        jobGauge(registry, "camunda.jobs.executable", "jobs due with retries left (the job executor's backlog)",
                () -> management.createJobQuery().executable());
        jobGauge(registry, "camunda.jobs.retrying", "jobs that failed and have retries left",
                () -> management.createJobQuery().withException().withRetriesLeft());
        jobGauge(registry, "camunda.jobs.failed", "jobs without retries left (each an incident)",
                () -> management.createJobQuery().noRetriesLeft());
        engineCounter(registry, "camunda.job.successful", Metrics.JOB_SUCCESSFUL, "jobs executed successfully");
        engineCounter(registry, "camunda.job.failed", Metrics.JOB_FAILED, "job executions that failed");
        engineCounter(registry, "camunda.job.acquisition.attempts", Metrics.JOB_ACQUISITION_ATTEMPT,
                "job acquisition cycles");
        engineCounter(registry, "camunda.job.acquired", Metrics.JOB_ACQUIRED_SUCCESS, "jobs acquired for execution");
        engineCounter(registry, "camunda.job.acquisition.failures", Metrics.JOB_ACQUIRED_FAILURE,
                "jobs another executor acquired first");
        engineCounter(registry, "camunda.job.rejected", Metrics.JOB_EXECUTION_REJECTED,
                "acquired jobs the executor's thread pool had no room for");
        engineCounter(registry, "camunda.job.locked.exclusive", Metrics.JOB_LOCKED_EXCLUSIVE,
                "exclusive jobs executed right after their predecessor");
    }

    private void jobGauge(MeterRegistry registry, String name, String description, Supplier<JobQuery> query) {
        Gauge.builder(name, this, metrics -> metrics.count(query))
                .description(description).strongReference(true).register(registry);
    }

    private void engineCounter(MeterRegistry registry, String name, String engineMetric, String description) {
        FunctionCounter.builder(name, this, metrics -> metrics.total(engineMetric))
                .description(description + " (Camunda engine metric " + engineMetric + ")").register(registry);
    }

    private double count(Supplier<JobQuery> query) {
        return read(() -> query.get().count());
    }

    private double total(String engineMetric) {
        return read(() -> {
            double reported = engine.getManagementService().createMetricsQuery().name(engineMetric).sum();
            Meter unreported = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                    .getMetricsRegistry().getDbMeterByName(engineMetric);
            return reported + (unreported == null ? 0 : unreported.get());
        });
    }

    private static double read(DoubleSupplier figure) {
        try {
            return figure.getAsDouble();
        } catch (RuntimeException e) {
            // a scrape must not fail because the database is briefly unreachable: the figure reads as unknown
            log.debug("Camunda job figure unavailable", e);
            return Double.NaN;
        }
    }
}
