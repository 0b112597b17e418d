package fi.arkisto.app.embedded;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the no-setup defaults; see {@link EmbeddedServices}. */
@Configuration(proxyBeanMethods = false)
class EmbeddedServicesConfiguration {

    // static: a BeanFactoryPostProcessor must not force its configuration class to be created early.
    @Bean
    static BeanFactoryPostProcessor embeddedServices() {
        return new EmbeddedServices();
    }
}
