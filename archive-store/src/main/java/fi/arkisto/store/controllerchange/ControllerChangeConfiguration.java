package fi.arkisto.store.controllerchange;

import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.object.ObjectStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/** Controller changes for any application holding the archive store: the service, the abandonment and the archiving
 * pause check. */
@Configuration(proxyBeanMethods = false)
public class ControllerChangeConfiguration {

    @Bean
    public ControllerChangeService controllerChangeService(DataSource dataSource,
                                                           PlatformTransactionManager transactionManager,
                                                           AuditLog audit, ObjectStore objects,
                                                           ObjectProvider<Clock> clock) {
        return new ControllerChangeService(dataSource, transactionManager, audit, objects,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    public ControllerChangeAbandonment controllerChangeAbandonment(DataSource dataSource,
                                                                   PlatformTransactionManager transactionManager,
                                                                   AuditLog audit, ObjectProvider<Clock> clock) {
        return new ControllerChangeAbandonment(dataSource, transactionManager, audit,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    public ArchivingPauses archivingPauses(ControllerChangeService changes, ObjectProvider<Clock> clock) {
        return new ArchivingPauses(changes, clock.getIfAvailable(Clock::systemUTC), Duration.ofSeconds(1));
    }
}
