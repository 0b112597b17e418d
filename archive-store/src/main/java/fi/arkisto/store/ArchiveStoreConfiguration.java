package fi.arkisto.store;

import fi.arkisto.store.access.AccessProperties;
import fi.arkisto.store.access.AccessRules;
import fi.arkisto.store.access.ClientFactsSource;
import fi.arkisto.store.access.extract.DocumentFactsReader;
import fi.arkisto.store.access.nondisclosure.LocationDataFields;
import fi.arkisto.store.access.registeraccess.UnitOrganisation;
import fi.arkisto.store.accesslog.AccessLogConfiguration;
import fi.arkisto.store.accessrecords.AccessRecordsConfiguration;
import fi.arkisto.store.controllerchange.ControllerChangeConfiguration;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.deploymenttest.TestRunGuard;
import fi.arkisto.store.deploymenttest.RegisterAccessTestWindows;
import fi.arkisto.store.deploymenttest.TestRunGuardCheck;
import fi.arkisto.store.deploymenttest.TestRunLedger;
import fi.arkisto.store.document.AccessFactsBackfill;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.DocumentCheck;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.document.DocumentRepository;
import fi.arkisto.store.document.OrphanObjectSweeper;
import fi.arkisto.store.document.OrphanSweepLog;
import fi.arkisto.store.document.OrphanSweepSchedule;
import fi.arkisto.store.hl7.Hl7Timestamp;
import fi.arkisto.store.message.IntakeProperties;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.object.ObjectStoreProperties;
import fi.arkisto.store.organisation.OrganisationRegistry;
import fi.arkisto.store.schedule.ScheduleConfiguration;
import fi.arkisto.store.schema.LegacyHistorySplit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The archive store for any Spring Boot application scanning {@code fi.arkisto}. The DataSource,
 * transaction manager and Flyway come from Boot; the application sets
 * {@code spring.flyway.schemas=archive} and {@code spring.flyway.locations=classpath:db/migration/archive}
 * (archive-store's own migrations; every other module migrates its tables with a history of its own,
 * docs/database.md).
 * Object store settings are {@code arkisto.s3.*} ({@link ObjectStoreProperties}), tuning is
 * {@code arkisto.store.*} ({@link ArchiveStoreProperties}). Archiving-stage checks are every
 * {@link DocumentCheck} bean, run in {@code @Order}; the first is the deployment test guard ({@link TestRunGuardCheck}).
 * The records behind the access facts ({@link AccessRecordsConfiguration}) come with it: reads decide on them; and
 * the client's log extract ({@link AccessLogConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ArchiveStoreProperties.class, ObjectStoreProperties.class, CdaProperties.class,
        IntakeProperties.class, AccessProperties.class})
@Import({ScheduleConfiguration.class, AccessRecordsConfiguration.class, AccessLogConfiguration.class,
        ControllerChangeConfiguration.class})
public class ArchiveStoreConfiguration {

    /** This instance in the sweep records and the locks: the JVM's {@code pid@host}. */
    private static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    /** A database of the former single-history layout is split into the modules' histories before Flyway validates. */
    @Bean
    @ConditionalOnMissingBean
    public FlywayMigrationStrategy flywayMigrationStrategy() {
        return flyway -> {
            LegacyHistorySplit.apply(flyway.getConfiguration().getDataSource());
            flyway.migrate();
        };
    }

    @Bean(destroyMethod = "close")
    public ObjectStore objectStore(ObjectStoreProperties properties, ObjectProvider<SslBundles> sslBundles) {
        // an https endpoint under a private CA: its trust store is an SSL bundle (spring.ssl.bundle.*)
        return new ObjectStore(properties, properties.sslBundle() == null ? null
                : sslBundles.getObject().getBundle(properties.sslBundle()));
    }

    /** The one access decision, with the rules an operator configured ({@code arkisto.access.*}, docs/access.md). */
    @Bean
    public AccessRules accessRules(AccessProperties access) {
        return new AccessRules(access);
    }

    @Bean
    @ConditionalOnMissingBean
    public CdaParser cdaParser(CdaProperties properties) {
        return new CdaParser(properties.toLimits());
    }

    @Bean
    public AuditLog auditLog(DataSource dataSource, PlatformTransactionManager transactionManager,
                             ObjectProvider<Clock> clock) {
        return new AuditLog(dataSource, transactionManager, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    public DocumentRepository documentRepository(DataSource dataSource) {
        return new DocumentRepository(dataSource);
    }

    /**
     * The threads of the bulk archiving path (preparation, object writes). Not a default candidate: it is the
     * archive's own, injected by name, and leaves the application's task executor to Boot.
     */
    @Bean(defaultCandidate = false)
    public ThreadPoolTaskExecutor archivingTaskExecutor(ArchiveStoreProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("arkisto-archive-");
        executor.setCorePoolSize(Math.max(properties.storageConcurrency(), Runtime.getRuntime().availableProcessors()));
        executor.setDaemon(true);
        // a bulk list in flight finishes its object writes before the context closes
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(30);
        return executor;
    }

    /**
     * Reads a document's access facts (docs/access.md, "Per-version access facts"): a service unit's organisation is a
     * {@link UnitOrganisation} bean's answer when one is given, else the {@link OrganisationRegistry}'s; the
     * location-data keys are {@code arkisto.access.non-disclosure.*}.
     */
    @Bean
    public DocumentFactsReader documentFactsReader(AccessRules rules, ObjectProvider<UnitOrganisation> units,
                                                   OrganisationRegistry registry) {
        var keys = rules.properties().nonDisclosure();
        return new DocumentFactsReader(units.getIfAvailable(registry::unitOrganisation),
                new LocationDataFields(keys.personKeys(), keys.locationKeys()));
    }

    @Bean
    public ArchivingService archivingService(CdaParser parser, ObjectProvider<DocumentCheck> checks, ObjectStore objects,
                                             AuditLog audit, AccessRules rules, ClientFactsSource clients,
                                             DocumentRepository documents,
                                             PlatformTransactionManager transactionManager, ObjectProvider<Clock> clock,
                                             @Qualifier("archivingTaskExecutor") TaskExecutor executor,
                                             ArchiveStoreProperties properties, DocumentFactsReader facts) {
        return new ArchivingService(parser, checks.orderedStream().toList(), objects, audit, rules, clients, documents,
                transactionManager, clock.getIfAvailable(Clock::systemUTC), executor, properties.storageConcurrency(),
                facts);
    }

    /** Reads, once the application is ready, the access facts of versions archived before they were recorded. */
    @Bean
    public AccessFactsBackfill accessFactsBackfill(DocumentRepository documents, ObjectStore objects, CdaParser parser,
                                                   DocumentFactsReader facts,
                                                   @Qualifier(ScheduleConfiguration.SCHEDULER) TaskScheduler scheduler,
                                                   ObjectProvider<Clock> clock) {
        return new AccessFactsBackfill(documents, objects, parser, facts, scheduler,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    public OrganisationRegistry organisationRegistry(DataSource dataSource) {
        return new OrganisationRegistry(dataSource);
    }

    @Bean
    public TestRunLedger testRunLedger(DataSource dataSource, PlatformTransactionManager transactionManager) {
        return new TestRunLedger(dataSource, transactionManager);
    }

    @Bean
    public TestRunGuard testRunGuard(TestRunLedger ledger, OrganisationRegistry registry, ObjectProvider<Clock> clock) {
        return new TestRunGuard(ledger, registry, clock.getIfAvailable(Clock::systemUTC));
    }

    /** The register access right deployment tests under way, for the access facts (docs/access.md). */
    @Bean
    public RegisterAccessTestWindows registerAccessTestWindows(TestRunLedger ledger) {
        return new RegisterAccessTestWindows(ledger);
    }

    @Bean
    public TestRunGuardCheck testRunGuardCheck(TestRunGuard guard) {
        return new TestRunGuardCheck(guard);
    }

    /**
     * The reads by identifier and the client document list decide with {@link AccessRules} on the document's and its
     * client's facts ({@link ClientFactsSource}, docs/access.md "Reading one document", "A client's document list"); a
     * service unit's organisation is a
     * {@link UnitOrganisation} bean's answer when one is given, else the {@link OrganisationRegistry}'s.
     */
    @Bean
    public DocumentReadService documentReadService(ObjectStore objects, AuditLog audit, AccessRules rules,
                                                   ClientFactsSource clients, ObjectProvider<UnitOrganisation> units,
                                                   OrganisationRegistry registry, CdaParser parser,
                                                   DataSource dataSource, ObjectProvider<Clock> clock,
                                                   @Qualifier("readTaskExecutor") TaskExecutor readExecutor) {
        return new DocumentReadService(objects, audit, rules, clients,
                units.getIfAvailable(registry::unitOrganisation), parser, dataSource,
                clock.getIfAvailable(() -> Clock.system(Hl7Timestamp.FINNISH_TIME)), readExecutor);
    }

    /**
     * Threads that append a list's audit event while the list reads its page. Without a free thread the caller
     * appends it itself (no queue), so a busy archive degrades to one after the other instead of waiting in line.
     */
    @Bean(defaultCandidate = false)
    public ThreadPoolTaskExecutor readTaskExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("arkisto-read-");
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(0);
        executor.setRejectedExecutionHandler(new ThreadPoolExecutor.CallerRunsPolicy());
        executor.setDaemon(true);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }

    @Bean
    public OrphanObjectSweeper orphanObjectSweeper(ObjectStore objects, DataSource dataSource,
                                                   ObjectProvider<Clock> clock, ArchiveStoreProperties properties) {
        return new OrphanObjectSweeper(objects, dataSource, clock.getIfAvailable(Clock::systemUTC),
                properties.orphanGracePeriod());
    }

    @Bean
    public OrphanSweepLog orphanSweepLog(DataSource dataSource) {
        return new OrphanSweepLog(dataSource);
    }

    /**
     * Locks of work that runs once across every instance sharing the database (ShedLock's {@code archive.shedlock},
     * on the database's clock): the orphan sweep's.
     */
    @Bean
    @ConditionalOnMissingBean
    public LockProvider arkistoLockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("archive.shedlock")
                .withLockedByValue(INSTANCE)
                .usingDbTime()
                // a database that cannot be reached fails the round (logged) instead of looking like a held lock
                .withThrowUnexpectedException(true)
                .build());
    }

    @Bean
    public OrphanSweepSchedule orphanSweepSchedule(OrphanObjectSweeper sweeper, OrphanSweepLog sweeps,
                                                   LockProvider locks,
                                                   @Qualifier(ScheduleConfiguration.SCHEDULER) TaskScheduler scheduler,
                                                   ArchiveStoreProperties properties, ObjectProvider<Clock> clock,
                                                   ObjectProvider<MeterRegistry> meters) {
        return new OrphanSweepSchedule(sweeper, sweeps, locks, scheduler, properties.orphanSweepInitialDelay(),
                properties.orphanSweepInterval(), INSTANCE, clock.getIfAvailable(Clock::systemUTC),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }
}
