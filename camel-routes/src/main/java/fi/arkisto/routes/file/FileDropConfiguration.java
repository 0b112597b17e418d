package fi.arkisto.routes.file;

import fi.arkisto.routes.common.IngestProperties;
import fi.arkisto.store.message.MessageService;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

/**
 * Wires the file drop when {@code arkisto.ingest.file.inbox} names a directory. The idempotent repository is
 * Camel's {@link JdbcMessageIdRepository} over {@code archive.ingest_processed_file} (Flyway V31), so every
 * instance sharing the database agrees on which files were processed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "arkisto.ingest.file", name = "inbox")
class FileDropConfiguration {

    static final String PROCESSOR_NAME = "arkisto-file-drop";

    @Bean(initMethod = "start", destroyMethod = "stop")
    JdbcMessageIdRepository fileDropRepository(DataSource dataSource, PlatformTransactionManager transactions) {
        JdbcMessageIdRepository repository =
                new JdbcMessageIdRepository(dataSource, new TransactionTemplate(transactions), PROCESSOR_NAME);
        repository.setCreateTableIfNotExists(false);
        repository.setTableName("archive.ingest_processed_file");
        return repository;
    }

    @Bean
    FileDropProcessor fileDropProcessor(MessageService messages, IngestProperties properties,
                                        JdbcMessageIdRepository fileDropRepository) {
        return new FileDropProcessor(messages, properties.file(), fileDropRepository);
    }

    @Bean
    FileDropRoute fileDropRoute(IngestProperties properties, FileDropProcessor fileDropProcessor) {
        return new FileDropRoute(properties.file(), fileDropProcessor);
    }
}
