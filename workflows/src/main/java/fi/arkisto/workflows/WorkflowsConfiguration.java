package fi.arkisto.workflows;

import fi.arkisto.workflows.identity.ProcessGroups;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The workflows module for a Spring Boot application with the Camunda starter (scanning {@code fi.arkisto}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkflowsProperties.class)
public class WorkflowsConfiguration {

    @Bean
    ProcessEnginePlugin processGroups(WorkflowsProperties properties) {
        return new ProcessGroups(properties.users());
    }
}
