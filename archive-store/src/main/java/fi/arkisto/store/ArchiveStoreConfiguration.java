package fi.arkisto.store;

import fi.arkisto.store.access.AccessPolicy;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.DocumentCheck;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.document.OrphanObjectSweeper;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.object.ObjectStoreProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * The archive store for any Spring Boot application scanning {@code fi.arkisto}. The DataSource,
 * transaction manager and Flyway come from Boot; the application sets
 * {@code spring.flyway.schemas=archive} and a location covering {@code classpath:db/migration/archive}.
 * Object store settings are {@code arkisto.s3.*} ({@link ObjectStoreProperties}), tuning is
 * {@code arkisto.store.*} ({@link ArchiveStoreProperties}). Archiving-stage checks are every
 * {@link DocumentCheck} bean, run in {@code @Order}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ArchiveStoreProperties.class, ObjectStoreProperties.class})
public class ArchiveStoreConfiguration {

    @Bean(destroyMethod = "close")
    public ObjectStore objectStore(ObjectStoreProperties properties) {
        return new ObjectStore(properties);
    }

    @Bean
    public AccessPolicy accessPolicy() {
        return new AccessPolicy();
    }

    @Bean
    @ConditionalOnMissingBean
    public CdaParser cdaParser() {
        return new CdaParser();
    }

    @Bean
    public AuditLog auditLog(DataSource dataSource, PlatformTransactionManager transactionManager,
                             ObjectProvider<Clock> clock) {
        return new AuditLog(dataSource, transactionManager, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean(destroyMethod = "close")
    public ArchivingService archivingService(CdaParser parser, ObjectProvider<DocumentCheck> checks, ObjectStore objects,
                                             AuditLog audit, AccessPolicy policy, DataSource dataSource,
                                             PlatformTransactionManager transactionManager, ObjectProvider<Clock> clock,
                                             ArchiveStoreProperties properties) {
        return new ArchivingService(parser, checks.orderedStream().toList(), objects, audit, policy, dataSource,
                transactionManager, clock.getIfAvailable(Clock::systemUTC), properties.storageConcurrency());
    }

    @Bean
    public DocumentReadService documentReadService(ObjectStore objects, AuditLog audit, AccessPolicy policy,
                                                   CdaParser parser, DataSource dataSource) {
        return new DocumentReadService(objects, audit, policy, parser, dataSource);
    }

    @Bean
    public OrphanObjectSweeper orphanObjectSweeper(ObjectStore objects, DataSource dataSource,
                                                   ObjectProvider<Clock> clock, ArchiveStoreProperties properties) {
        return new OrphanObjectSweeper(objects, dataSource, clock.getIfAvailable(Clock::systemUTC),
                properties.orphanGracePeriod());
    }
}
