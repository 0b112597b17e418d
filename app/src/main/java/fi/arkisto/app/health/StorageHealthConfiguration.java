package fi.arkisto.app.health;

import fi.arkisto.store.object.ObjectStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * The stores in health: {@code db} and {@code objectStore}, each answering within {@code arkisto.health.timeout}.
 * The readiness group includes both, liveness neither (application.yml, {@code management.endpoint.health.group.*};
 * docs/running.md, "Health"): a store outage takes an instance out of the load balancer, never restarts it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HealthProperties.class)
class StorageHealthConfiguration {

    /** Named so that Boot's own {@code db} indicator, whose checks have no bound, backs off. */
    @Bean(name = "dbHealthIndicator")
    DatabaseHealthIndicator dbHealthIndicator(DataSource dataSource, HealthProperties properties) {
        return new DatabaseHealthIndicator(dataSource, properties.timeout());
    }

    @Bean
    ObjectStoreHealthIndicator objectStoreHealthIndicator(ObjectStore objects, HealthProperties properties) {
        return new ObjectStoreHealthIndicator(objects, properties.timeout());
    }
}
