package fi.arkisto.routes.file;

import fi.arkisto.routes.common.IngestProperties;
import fi.arkisto.store.message.MessageService;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

/**
 * Wires the file drop when {@code arkisto.ingest.file.inbox} names a directory. The idempotent repository is
 * Camel's {@link JdbcMessageIdRepository} over {@code archive.ingest_processed_file} (camel-routes' own migration,
 * {@code RoutesSchemaConfiguration}), so every
 * instance sharing the database agrees on which files were processed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "arkisto.ingest.file", name = "inbox")
class FileDropConfiguration {

    static final String PROCESSOR_NAME = "arkisto-file-drop";

    @Bean(initMethod = "start", destroyMethod = "stop")
    @DependsOnDatabaseInitialization
    JdbcMessageIdRepository fileDropRepository(DataSource dataSource, PlatformTransactionManager transactions) {
        JdbcMessageIdRepository repository =
                new JdbcMessageIdRepository(dataSource, new TransactionTemplate(transactions), PROCESSOR_NAME);
        repository.setCreateTableIfNotExists(false);
        repository.setTableName("archive.ingest_processed_file");
        return repository;
    }

    /**
     * The workers archiving a ZIP package's entries, {@code arkisto.ingest.file.workers} of them for all packages in
     * flight. Not a default candidate: the file drop's own, leaving the application's task executor to Boot.
     */
    @Bean(defaultCandidate = false)
    ThreadPoolTaskExecutor fileDropPackageWorkers(IngestProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("arkisto-file-package-");
        executor.setCorePoolSize(properties.file().workers());
        executor.setMaxPoolSize(properties.file().workers());
        executor.setDaemon(true);
        // a package in flight when the context closes (Camel lets its exchange finish) still gets its workers
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(30);
        return executor;
    }

    @Bean
    FileDropProcessor fileDropProcessor(MessageService messages, IngestProperties properties,
                                        @Qualifier("fileDropPackageWorkers") ThreadPoolTaskExecutor fileDropPackageWorkers) {
        return new FileDropProcessor(messages, properties.file(), fileDropPackageWorkers);
    }

    @Bean
    FileDropRoute fileDropRoute(IngestProperties properties, FileDropProcessor fileDropProcessor,
                                JdbcMessageIdRepository fileDropRepository) {
        return new FileDropRoute(properties.file(), fileDropProcessor, fileDropRepository);
    }
}
