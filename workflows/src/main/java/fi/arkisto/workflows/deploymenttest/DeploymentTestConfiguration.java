package fi.arkisto.workflows.deploymenttest;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.deploymenttest.TestRunLedger;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.organisation.OrganisationRegistry;
import fi.arkisto.workflows.WorkflowsProperties;
import fi.arkisto.workflows.calendar.FinnishBusinessDays;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The deployment test process's service and its delegates ({@link DeploymentTestSteps}). */
@Configuration(proxyBeanMethods = false)
public class DeploymentTestConfiguration {

    @Bean
    public DeploymentTestService deploymentTestService(OrganisationRegistry registry, TestRunLedger ledger,
                                                       DocumentReadService documents, AuditLog audit,
                                                       WorkflowsProperties properties, ObjectProvider<Clock> clock) {
        return new DeploymentTestService(registry, ledger, documents, audit, new FinnishBusinessDays(),
                clock.getIfAvailable(Clock::systemUTC), properties.reportDueBusinessDays());
    }

    @Bean
    public DeploymentTestSteps deploymentTestSteps(DeploymentTestService service, ObjectMapper json) {
        return new DeploymentTestSteps(service, json);
    }
}
