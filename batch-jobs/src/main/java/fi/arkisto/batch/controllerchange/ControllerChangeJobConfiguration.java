package fi.arkisto.batch.controllerchange;

import fi.arkisto.store.controllerchange.ControllerChange;
import fi.arkisto.store.controllerchange.ControllerChangeService;
import fi.arkisto.store.controllerchange.ControllerChangeVerification;
import fi.arkisto.store.controllerchange.ScopeSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobParametersInvalidException;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.support.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The controller change job (docs/workflows.md, "Controller change"; kanta.fi, "Controller changes": a controller
 * change run re-assigns the register). Job parameter {@code change}, the change's id, identifying: launching it again
 * restarts the unfinished run. {@code impact} counts the scope's documents and bytes once (kept across restarts as
 * the count before); {@code assign} is partitioned by ranges of document OIDs, each partition a step that goes
 * through its range a chunk at a time, each chunk picked and assigned by one statement in one transaction with one
 * audit event, never twice (the assignment's primary key); {@code verify} assigns what arrived in the moment before
 * the pause reached every instance, compares counts before and after, reads samples back against their SHA-256,
 * verifies the audit chain, and completes the change, from which moment the access decision reads its assignments.
 * Nothing archived is rewritten.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ControllerChangeProperties.class)
public class ControllerChangeJobConfiguration {

    public static final String JOB_NAME = "controllerChange";
    public static final String CHANGE = "change";
    public static final String DOCUMENTS_BEFORE = "documentsBefore";
    public static final String BYTES_BEFORE = "bytesBefore";
    public static final String ASSIGNED = "assigned";
    public static final String DOCUMENTS_AFTER = "documentsAfter";
    public static final String SWEPT = "swept";
    public static final String SAMPLES = "samples";
    public static final String AUDIT_CHAIN_VALID = "auditChainValid";
    public static final String COMPLETED_BY = "completedBy";
    static final String ASSIGN_STEP = "controllerChangeAssign";
    static final String FROM = "fromOid";
    static final String UNTIL = "untilOid";
    private static final Logger log = LoggerFactory.getLogger(ControllerChangeJobConfiguration.class);

    @Bean
    Job controllerChangeJob(JobRepository jobRepository, Step controllerChangeImpactStep,
                            Step controllerChangePartitionedStep, Step controllerChangeVerifyStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(parameters -> {
                    String change = parameters == null ? null : parameters.getString(CHANGE);
                    try {
                        UUID.fromString(change);
                    } catch (RuntimeException e) {
                        throw new JobParametersInvalidException("The controller change job needs the job parameter "
                                + CHANGE + ", a controller change id");
                    }
                })
                .start(controllerChangeImpactStep)
                .next(controllerChangePartitionedStep)
                .next(controllerChangeVerifyStep)
                .build();
    }

    @Bean
    Step controllerChangeImpactStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                    ControllerChangeService changes) {
        return new StepBuilder("controllerChangeImpact", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    StepExecution step = chunkContext.getStepContext().getStepExecution();
                    ExecutionContext job = step.getJobExecution().getExecutionContext();
                    UUID id = UUID.fromString(step.getJobParameters().getString(CHANGE));
                    ControllerChange change = changes.find(id);
                    if (change.completed()) {
                        throw new IllegalStateException(change.describe() + " was completed at " + change.completedAt());
                    }
                    if (!job.containsKey(DOCUMENTS_BEFORE)) {
                        // counted once, when the run first starts: a restart compares with the scope as it was then
                        ScopeSize size = changes.size(id);
                        job.putLong(DOCUMENTS_BEFORE, size.documents());
                        job.putLong(BYTES_BEFORE, size.bytes());
                        log.info("{}: {} documents, {} bytes to assign", change.describe(), size.documents(),
                                size.bytes());
                    }
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    Step controllerChangePartitionedStep(JobRepository jobRepository, Partitioner controllerChangePartitioner,
                                         PartitionHandler controllerChangePartitionHandler) {
        return new StepBuilder("controllerChangePartitioned", jobRepository)
                .partitioner(ASSIGN_STEP, controllerChangePartitioner)
                .partitionHandler(controllerChangePartitionHandler)
                .build();
    }

    /** Equal ranges of the scope by document OID; a restart reuses the ranges of the first run. */
    @Bean
    @JobScope
    Partitioner controllerChangePartitioner(@Value("#{jobParameters['" + CHANGE + "']}") String change,
                                            ControllerChangeService changes, ControllerChangeProperties properties) {
        return gridSize -> {
            List<String> starts = changes.rangeStarts(UUID.fromString(change), properties.partitions());
            Map<String, ExecutionContext> partitions = new HashMap<>();
            for (int i = 0; i < starts.size(); i++) {
                ExecutionContext context = new ExecutionContext();
                context.putString(FROM, starts.get(i));
                if (i + 1 < starts.size()) {
                    context.putString(UNTIL, starts.get(i + 1));
                }
                partitions.put(String.format("range%03d", i), context);
            }
            return partitions;
        };
    }

    @Bean
    PartitionHandler controllerChangePartitionHandler(Step controllerChangeAssignStep,
                                                      ControllerChangeProperties properties) {
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("controller-change-");
        executor.setConcurrencyLimit(properties.threads());
        handler.setTaskExecutor(executor);
        handler.setStep(controllerChangeAssignStep);
        handler.setGridSize(properties.partitions());
        return handler;
    }

    @Bean
    Step controllerChangeAssignStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                    RangeAssignmentTasklet controllerChangeRangeTasklet) {
        return new StepBuilder(ASSIGN_STEP, jobRepository)
                .tasklet(controllerChangeRangeTasklet, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    RangeAssignmentTasklet controllerChangeRangeTasklet(@Value("#{jobParameters['" + CHANGE + "']}") String change,
                                                        @Value("#{stepExecutionContext['" + FROM + "']}") String from,
                                                        @Value("#{stepExecutionContext['" + UNTIL + "']}") String until,
                                                        ControllerChangeService changes,
                                                        ControllerChangeProperties properties,
                                                        AssignmentRate controllerChangeRate) {
        return new RangeAssignmentTasklet(changes, changes.find(UUID.fromString(change)), from, until,
                properties.chunkSize(), controllerChangeRate);
    }

    /** One pace for the instance, whatever the partitions and the runs under way. */
    @Bean
    AssignmentRate controllerChangeRate(ControllerChangeProperties properties) {
        return new AssignmentRate(properties.maxRate());
    }

    @Bean
    Step controllerChangeVerifyStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                    ControllerChangeService changes, ControllerChangeProperties properties) {
        return new StepBuilder("controllerChangeVerify", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    StepExecution step = chunkContext.getStepContext().getStepExecution();
                    ExecutionContext job = step.getJobExecution().getExecutionContext();
                    UUID id = UUID.fromString(step.getJobParameters().getString(CHANGE));
                    ControllerChange change = changes.find(id);
                    long swept = changes.sweep(change, properties.chunkSize());
                    ControllerChangeVerification verification = changes.verify(id, job.getLong(DOCUMENTS_BEFORE),
                            properties.samples());
                    job.putLong(ASSIGNED, verification.assigned());
                    job.putLong(DOCUMENTS_AFTER, verification.documentsAfter());
                    job.putLong(SWEPT, swept);
                    job.putString(SAMPLES, String.join(" ", verification.samples()));
                    job.putString(AUDIT_CHAIN_VALID, String.valueOf(verification.auditChainValid()));
                    if (!verification.passed()) {
                        throw new IllegalStateException("The verification of " + change.describe() + " failed: "
                                + String.join("; ", verification.problems()));
                    }
                    String by = step.getJobParameters().getString(COMPLETED_BY, ControllerChangeService.JOB_USER);
                    changes.complete(id, by);
                    log.info("{}: {} documents assigned ({} swept after the pause), {} samples read back, audit chain"
                            + " valid; completed", change.describe(), verification.assigned(), swept,
                            verification.samples().size());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }
}
