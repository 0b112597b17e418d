package fi.arkisto.store.accesslog;

import fi.arkisto.store.audit.AuditLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;

/** The client's log extract ({@link AccessLogService}) for any application holding the archive store. */
@Configuration(proxyBeanMethods = false)
public class AccessLogConfiguration {

    @Bean
    public AccessLogService accessLogService(DataSource dataSource, AuditLog audit, ObjectProvider<Clock> clock) {
        return new AccessLogService(dataSource, audit, clock.getIfAvailable(Clock::systemUTC));
    }
}
