package fi.arkisto.app.camunda;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Arkisto's additions to the Camunda engine the starter builds (plugins are picked up as beans). */
@Configuration(proxyBeanMethods = false)
class CamundaConfiguration {

    @Bean
    ProcessEnginePlugin initialAdministrator(CamundaAdminProperties properties) {
        return new InitialAdministrator(properties);
    }

    @Bean
    MeterBinder camundaJobMetrics(ProcessEngine engine) {
        return new CamundaJobMetrics(engine);
    }
}
