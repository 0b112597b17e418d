package fi.arkisto.app.operations;

import fi.arkisto.store.document.OrphanSweepLog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What operators read besides metrics: the orphan sweeps' records ({@link OrphanSweepsEndpoint}). */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

    @Bean
    OrphanSweepsEndpoint orphanSweepsEndpoint(OrphanSweepLog sweeps) {
        return new OrphanSweepsEndpoint(sweeps);
    }
}
