package fi.arkisto.batch.migration;

import fi.arkisto.store.schema.ModuleMigration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * batch-jobs' own tables (the migration ledger and rejects in schema {@code archive}, Spring Batch's metadata in
 * schema {@code batch}) migrate from {@code classpath:db/migration/batch} with their own history table,
 * {@code archive.batch_flyway_history} (docs/database.md).
 */
@Configuration(proxyBeanMethods = false)
class BatchSchemaConfiguration {

    static final String HISTORY_TABLE = "batch_flyway_history";
    static final String LOCATION = "classpath:db/migration/batch";

    @Bean
    ModuleMigration batchMigration(DataSource dataSource) {
        return new ModuleMigration(dataSource, HISTORY_TABLE, LOCATION);
    }
}
