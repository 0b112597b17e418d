package fi.arkisto.app.health;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * Puts the application's {@code dataSource} behind {@link CircuitBreakingDataSource}, so that every user of the
 * database (the archive, Spring Batch, the Camunda engine, health) fails fast alike while it is gone.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseCircuitConfiguration {

    /** Static: a post-processor is created before the beans it processes, without this configuration's instance. */
    @Bean
    static BeanPostProcessor databaseCircuit(ObjectProvider<HealthProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if ("dataSource".equals(beanName) && bean instanceof DataSource target
                        && !(bean instanceof CircuitBreakingDataSource)) {
                    return new CircuitBreakingDataSource(target, properties.getObject().databaseFailFast());
                }
                return bean;
            }
        };
    }
}
