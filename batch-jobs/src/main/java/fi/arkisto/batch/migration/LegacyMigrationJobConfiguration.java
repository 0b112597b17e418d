package fi.arkisto.batch.migration;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.cda.Code;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.DocumentCheck;
import fi.arkisto.store.document.Intake;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.signature.SystemSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.SkipListener;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.support.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.skip.SkipPolicy;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;

/**
 * The legacy migration job (docs/legacy-package.md, "The job"): {@code index} loads the manifest's legacy ids and fixes the migration's signing
 * time; {@code rows} is partitioned by manifest row ranges, each partition a chunk-oriented step (streaming reader,
 * processor, bulk writer) whose bad rows go to the reject table; {@code report} writes the reject CSV. Job
 * parameters: {@code package} (path of a directory or ZIP) and {@code controller} (organisation OID), both
 * identifying, so launching the same pair again restarts the unfinished migration instead of starting another.
 *
 * <p>Where partitions run is {@code arkisto.migration.partitioning} (docs/legacy-package.md: "partitioned for both cores, and by
 * design able to spread partitions across several app instances sharing PostgreSQL and S3"): {@code local} (the
 * default, no broker needed) runs them on threads of the launching instance through a
 * {@link TaskExecutorPartitionHandler}; {@code remote} replaces that handler by Spring Batch Integration's over
 * RabbitMQ and lets worker instances run the same {@code legacyMigrationRows} step
 * ({@link RemotePartitioningConfiguration}, docs/legacy-package.md "Several instances"). The step is the same either
 * way because all its state (read position, ledger, rejects) is in the shared database, and every partition records
 * in its execution context which instance ran it ({@value #PARTITION_RUNNER}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MigrationProperties.class)
public class LegacyMigrationJobConfiguration {

    public static final String JOB_NAME = "legacyMigration";
    public static final String PACKAGE = "package";
    public static final String CONTROLLER = "controller";
    static final String ROWS_STEP = "legacyMigrationRows";
    static final String MANIFEST_ROWS = "manifestRows";
    static final String PARTITIONS = "partitions";
    static final String SIGNING_TIME = "signingTime";
    static final String REPORT = "rejectReport";
    static final String PARTITION_RUNNER = "runBy";
    private static final Logger log = LoggerFactory.getLogger(LegacyMigrationJobConfiguration.class);

    @Bean
    Job legacyMigrationJob(JobRepository jobRepository, Step legacyMigrationIndexStep, Step legacyMigrationPartitionedStep,
                           Step legacyMigrationReportStep, MigrationProgressLogger progressLogger,
                           MigrationFailureRecorder failureRecorder, MigrationEndAnnouncer endAnnouncer) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(parameters -> {
                    if (parameters == null || parameters.getString(PACKAGE) == null || parameters.getString(CONTROLLER) == null) {
                        throw new org.springframework.batch.core.JobParametersInvalidException(
                                "The legacy migration needs the job parameters package and controller");
                    }
                })
                // afterJob runs in reverse order: the failure is recorded before the outcome is logged and announced
                .listener(endAnnouncer)
                .listener(progressLogger)
                .listener(failureRecorder)
                .start(legacyMigrationIndexStep)
                .next(legacyMigrationPartitionedStep)
                .next(legacyMigrationReportStep)
                .build();
    }

    @Bean
    Step legacyMigrationIndexStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                  ManifestIndex manifestIndex, DocumentSigner documentSigner, MigrationProperties properties) {
        return new StepBuilder("legacyMigrationIndex", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    documentSigner.requireReady();
                    StepExecution step = chunkContext.getStepContext().getStepExecution();
                    var jobContext = step.getJobExecution().getExecutionContext();
                    long instance = step.getJobExecution().getJobInstance().getInstanceId();
                    Path pkg = Path.of(step.getJobParameters().getString(PACKAGE));
                    Oid.of(step.getJobParameters().getString(CONTROLLER));
                    long rows = manifestIndex.load(instance, pkg);
                    jobContext.putLong(MANIFEST_ROWS, rows);
                    jobContext.putInt(PARTITIONS, properties.effectiveRowRanges());
                    if (!jobContext.containsKey(SIGNING_TIME)) {
                        // One signing time per migration, fixed before the first document is signed: restarts re-sign
                        // byte-identically, which is what makes the archive see them as already archived.
                        jobContext.putString(SIGNING_TIME, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
                    }
                    contribution.incrementReadCount();
                    log.info("Legacy migration {}: manifest of {} has {} rows, {} row ranges, {} at a time", instance,
                            pkg, rows, properties.effectiveRowRanges(), properties.effectivePartitions());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    Step legacyMigrationPartitionedStep(JobRepository jobRepository, Partitioner legacyMigrationPartitioner,
                                        PartitionHandler legacyMigrationPartitionHandler) {
        return new StepBuilder("legacyMigrationPartitioned", jobRepository)
                .partitioner(ROWS_STEP, legacyMigrationPartitioner)
                .partitionHandler(legacyMigrationPartitionHandler)
                .build();
    }

    @Bean
    @JobScope
    Partitioner legacyMigrationPartitioner(@Value("#{jobExecutionContext['" + MANIFEST_ROWS + "']}") Long rows) {
        return new ManifestRangePartitioner(rows == null ? 0 : rows);
    }

    @Bean
    @ConditionalOnProperty(prefix = "arkisto.migration", name = "partitioning", havingValue = "local", matchIfMissing = true)
    PartitionHandler legacyMigrationPartitionHandler(Step legacyMigrationRowsStep, MigrationProperties properties) {
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("migration-");
        executor.setConcurrencyLimit(properties.effectivePartitions());
        handler.setTaskExecutor(executor);
        handler.setStep(legacyMigrationRowsStep);
        handler.setGridSize(properties.effectiveRowRanges());
        return handler;
    }

    /** Also named {@value #ROWS_STEP}: remote workers look the step up by the name in the partition requests. */
    @Bean({"legacyMigrationRowsStep", ROWS_STEP})
    Step legacyMigrationRowsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                 ManifestItemReader legacyManifestReader, LegacyRowProcessor legacyRowProcessor,
                                 MigrationWriter legacyMigrationWriter, MigrationSkipListener legacyMigrationSkipListener,
                                 MigrationProperties properties,
                                 ObjectProvider<RemotePartitioningConfiguration.RemotePartitionWorker> remoteWorker) {
        RemotePartitioningConfiguration.RemotePartitionWorker worker = remoteWorker.getIfAvailable();
        StepBuilder builder = worker == null ? new StepBuilder(ROWS_STEP, jobRepository) : worker.stepBuilder(ROWS_STEP);
        return builder
                .<ManifestRow, MigrationItem>chunk(properties.chunkSize(), transactionManager)
                .reader(legacyManifestReader)
                .processor(legacyRowProcessor)
                .writer(legacyMigrationWriter)
                .faultTolerant()
                .skipPolicy(new MigrationSkipPolicy())
                .listener((SkipListener<ManifestRow, MigrationItem>) legacyMigrationSkipListener)
                .listener((StepExecutionListener) new PartitionRunnerRecorder(properties.effectiveInstanceName()))
                .build();
    }

    @Bean
    @StepScope
    ManifestItemReader legacyManifestReader(@Value("#{jobParameters['" + PACKAGE + "']}") String pkg,
                                            @Value("#{stepExecutionContext['" + ManifestRangePartitioner.FROM_ROW + "']}") Long fromRow,
                                            @Value("#{stepExecutionContext['" + ManifestRangePartitioner.TO_ROW + "']}") Long toRow) {
        return new ManifestItemReader(Path.of(pkg), fromRow, toRow);
    }

    @Bean
    @StepScope
    LegacyRowProcessor legacyRowProcessor(@Value("#{jobParameters['" + PACKAGE + "']}") String pkg,
                                          @Value("#{jobParameters['" + CONTROLLER + "']}") String controller,
                                          @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long instance,
                                          @Value("#{stepExecutionContext['" + ManifestRangePartitioner.FROM_ROW + "']}") Long fromRow,
                                          @Value("#{stepExecutionContext['" + ManifestRangePartitioner.TO_ROW + "']}") Long toRow,
                                          @Value("#{jobExecutionContext['" + SIGNING_TIME + "']}") String signingTime,
                                          MigrationCodes migrationCodes, KantaDocumentWrapper kantaDocumentWrapper,
                                          DocumentSigner documentSigner, ManifestIndex manifestIndex,
                                          MigrationProperties properties) {
        return new LegacyRowProcessor(Path.of(pkg), Oid.of(controller), instance, fromRow, toRow, Instant.parse(signingTime),
                new RowValidator(migrationCodes), kantaDocumentWrapper, documentSigner, manifestIndex, properties);
    }

    @Bean
    @StepScope
    MigrationWriter legacyMigrationWriter(@Value("#{jobParameters['" + CONTROLLER + "']}") String controller,
                                          @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long instance,
                                          DocumentArchive documentArchive, MigrationLedger migrationLedger,
                                          MigrationRejects migrationRejects, MigrationProperties properties) {
        RequestContext context = new RequestContext(Oid.of(controller), properties.userId(), RequestContext.OWN_REGISTER_USE);
        return new MigrationWriter(instance, context, documentArchive, migrationLedger, migrationRejects);
    }

    @Bean
    @StepScope
    MigrationSkipListener legacyMigrationSkipListener(@Value("#{jobParameters['" + CONTROLLER + "']}") String controller,
                                                      @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long instance,
                                                      MigrationRejects migrationRejects) {
        return new MigrationSkipListener(instance, controller, migrationRejects);
    }

    @Bean
    Step legacyMigrationReportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                   MigrationRejects migrationRejects, MigrationProperties properties) {
        return new StepBuilder("legacyMigrationReport", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    StepExecution step = chunkContext.getStepContext().getStepExecution();
                    long instance = step.getJobExecution().getJobInstance().getInstanceId();
                    Path report = migrationRejects.writeReport(instance, properties.reportDir());
                    new WorkFiles(properties.effectiveWorkDir(), instance).clearAll();
                    step.getJobExecution().getExecutionContext().putString(REPORT, report.toAbsolutePath().toString());
                    log.info("Legacy migration {}: {} rejects reported in {}", instance, migrationRejects.count(instance), report);
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .allowStartIfComplete(true)
                .build();
    }

    /**
     * The archive's bulk and streaming paths, as the writer's port. The migration signs the documents itself, so they
     * arrive as {@link Intake.Channel#MIGRATION} (no bound of the signing time by the arrival, docs/trust.md).
     */
    @Bean
    @ConditionalOnMissingBean
    DocumentArchive documentArchive(ArchivingService archivingService) {
        return new DocumentArchive() {
            @Override
            public List<Result> archiveAll(List<byte[]> cdas, List<DocumentCheck> rowChecks, RequestContext context) {
                return archivingService.archiveAll(cdas, rowChecks, context, Intake.migration(Instant.now())).stream()
                        .map(r -> new Result(r.outcome(), r.error())).toList();
            }

            @Override
            public Result archive(Path cda, DocumentCheck rowCheck, RequestContext context) {
                try {
                    return new Result(archivingService.archive(cda, context, Intake.migration(Instant.now()), rowCheck),
                            null);
                } catch (ArchiveException e) {
                    if (e.code() == ErrorCode.STORAGE_UNAVAILABLE) {
                        throw e;
                    }
                    return new Result(null, e);
                }
            }
        };
    }

    /** The organisation's system signature ({@code arkisto.signature.system-signer.*}), at the migration's signing time. */
    @Bean
    @ConditionalOnMissingBean
    DocumentSigner documentSigner(ObjectProvider<SystemSigner> systemSigner) {
        return new DocumentSigner() {
            @Override
            public byte[] sign(byte[] unsignedCda, Instant signingTime) {
                return signer().sign(unsignedCda, signingTime);
            }

            @Override
            public void sign(Path unsignedCda, Path signedCda, Instant signingTime) {
                signer().sign(unsignedCda, signedCda, signingTime);
            }

            @Override
            public void requireReady() {
                signer();
            }

            private SystemSigner signer() {
                SystemSigner signer = systemSigner.getIfAvailable();
                if (signer == null) {
                    throw new ArchiveException(ErrorCode.MIGRATION_SIGNER_MISSING, "The legacy migration signs the documents"
                            + " it wraps with the organisation's system signature: configure"
                            + " arkisto.signature.system-signer.keystore (a PKCS#12 file) and put its password in the"
                            + " environment variable named by arkisto.signature.system-signer.password-env"
                            + " (default ARKISTO_SYSTEM_SIGNER_PASSWORD)");
                }
                return signer;
            }
        };
    }

    @Bean
    ManifestIndex manifestIndex(DataSource dataSource) {
        return new ManifestIndex(dataSource);
    }

    @Bean
    MigrationRejects migrationRejects(JdbcTemplate jdbcTemplate) {
        return new MigrationRejects(jdbcTemplate);
    }

    @Bean
    MigrationLedger migrationLedger(JdbcTemplate jdbcTemplate) {
        return new MigrationLedger(jdbcTemplate);
    }

    @Bean
    MigrationCodes migrationCodes(MigrationProperties properties) {
        return properties.codesFile() == null ? MigrationCodes.builtIn() : MigrationCodes.fromFile(properties.codesFile());
    }

    @Bean
    KantaDocumentWrapper kantaDocumentWrapper(MigrationProperties properties) {
        String version = LegacyMigrationJobConfiguration.class.getPackage().getImplementationVersion();
        return new KantaDocumentWrapper(new Code(properties.oldDocumentGroupCode(), KantaDocumentWrapper.DOCUMENT_GROUP_SYSTEM,
                properties.oldDocumentGroupName()), version == null ? "1" : version);
    }

    /**
     * Bad rows never stop the job: anything a row can cause is skipped (and reported by the skip listener); a failing
     * database or object store, or a manifest that cannot be read on, stops it, so a restart can resume.
     */
    static final class MigrationSkipPolicy implements SkipPolicy {
        @Override
        public boolean shouldSkip(Throwable t, long skipCount) {
            if (t instanceof DataAccessException || t instanceof TransactionException || t instanceof Error) {
                return false;
            }
            if (t instanceof ArchiveException e) {
                return e.code() != ErrorCode.STORAGE_UNAVAILABLE && !ManifestCsv.isManifestFailure(e);
            }
            return true;
        }
    }

    /**
     * Records which instance runs a partition (the last one, when a partition was resumed elsewhere), so operators of
     * remotely partitioned migrations can tell where a partition ran or died.
     */
    static final class PartitionRunnerRecorder implements StepExecutionListener {
        private final String instanceName;

        PartitionRunnerRecorder(String instanceName) {
            this.instanceName = instanceName;
        }

        @Override
        public void beforeStep(StepExecution stepExecution) {
            stepExecution.getExecutionContext().putString(PARTITION_RUNNER, instanceName);
        }
    }

    /** Unexpected per-row failures (skipped by the policy) are reported like every other bad row. */
    static class MigrationSkipListener implements SkipListener<ManifestRow, MigrationItem> {
        private final long instance;
        private final String controller;
        private final MigrationRejects rejects;

        MigrationSkipListener(long instance, String controller, MigrationRejects rejects) {
            this.instance = instance;
            this.controller = controller;
            this.rejects = rejects;
        }

        @Override
        public void onSkipInProcess(ManifestRow item, Throwable t) {
            rejects.insert(instance, controller, List.of(rejectFor(item.rowNumber(), item.legacyId(), t)));
        }

        @Override
        public void onSkipInWrite(MigrationItem item, Throwable t) {
            rejects.insert(instance, controller, List.of(rejectFor(item.rowNumber(), item.legacyId(), t)));
        }

        private static MigrationItem.Rejected rejectFor(long row, String legacyId, Throwable t) {
            if (t instanceof ArchiveException e) {
                return new MigrationItem.Rejected(row, legacyId, e.code(), e.detail());
            }
            log.warn("Legacy migration row {} failed unexpectedly", row, t);
            return new MigrationItem.Rejected(row, legacyId, ErrorCode.LEGACY_ROW_INVALID,
                    "Row could not be processed: " + t.getClass().getSimpleName());
        }
    }
}
