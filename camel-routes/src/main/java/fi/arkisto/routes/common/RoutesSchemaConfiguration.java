package fi.arkisto.routes.common;

import fi.arkisto.store.schema.ModuleMigration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * camel-routes' own table (the file drop's idempotent repository, {@code archive.ingest_processed_file}) migrates
 * from {@code classpath:db/migration/routes} with its own history table, {@code archive.routes_flyway_history}
 * (docs/database.md). It exists whether or not the file drop is configured, so switching the drop on later needs no
 * schema change.
 */
@Configuration(proxyBeanMethods = false)
class RoutesSchemaConfiguration {

    static final String HISTORY_TABLE = "routes_flyway_history";
    static final String LOCATION = "classpath:db/migration/routes";

    @Bean
    ModuleMigration routesMigration(DataSource dataSource) {
        return new ModuleMigration(dataSource, HISTORY_TABLE, LOCATION);
    }
}
