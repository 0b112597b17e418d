package fi.arkisto.app.camunda;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Arkisto's additions to the Camunda engine the starter builds (plugins are picked up as beans). */
@Configuration(proxyBeanMethods = false)
class CamundaConfiguration {

    /**
     * The administrator exists for the webapps, so only a web application creates it: a command-line tool that
     * runs the engine without them leaves its creation, and the one-time printing of its password, to the server.
     */
    @Bean
    @ConditionalOnWebApplication
    ProcessEnginePlugin initialAdministrator(CamundaAdminProperties properties) {
        return new InitialAdministrator(properties);
    }

    @Bean
    MeterBinder camundaJobMetrics(ProcessEngine engine) {
        return new CamundaJobMetrics(engine);
    }
}
