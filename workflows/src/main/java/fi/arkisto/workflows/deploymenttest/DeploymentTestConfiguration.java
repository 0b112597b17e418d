package fi.arkisto.workflows.deploymenttest;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.deploymenttest.TestRunLedger;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.organisation.OrganisationRegistry;
import fi.arkisto.workflows.WorkflowsProperties;
import fi.arkisto.workflows.calendar.FinnishBusinessDays;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The deployment test process's service and delegates. Delegate beans are named as the BPMN's
 * {@code camunda:delegateExpression}s call them; {@link #delegates} gives the same set to an engine built without Spring.
 */
@Configuration(proxyBeanMethods = false)
public class DeploymentTestConfiguration {

    @Bean
    public DeploymentTestService deploymentTestService(OrganisationRegistry registry, TestRunLedger ledger,
                                                       DocumentReadService documents, AuditLog audit,
                                                       WorkflowsProperties properties, ObjectProvider<Clock> clock) {
        return new DeploymentTestService(registry, ledger, documents, audit, new FinnishBusinessDays(),
                clock.getIfAvailable(Clock::systemUTC), properties.reportDueBusinessDays());
    }

    /** Every delegate of bpmn/deployment-test.bpmn by its expression name. */
    public static Map<String, JavaDelegate> delegates(DeploymentTestService service, ObjectMapper json) {
        Map<String, JavaDelegate> delegates = new LinkedHashMap<>();
        delegates.put("recordRegistration", new RecordRegistrationDelegate(service));
        delegates.put("assessTestRequirement", new AssessTestRequirementDelegate(service));
        delegates.put("rejectRegistration", new RejectRegistrationDelegate(service));
        delegates.put("handOutTestIdentities", new HandOutTestIdentitiesDelegate(service));
        delegates.put("openTestWindow", new OpenTestWindowDelegate(service));
        delegates.put("verifyTestDocuments", new VerifyTestDocumentsDelegate(service, json));
        delegates.put("recordReview", new RecordReviewDelegate(service));
        delegates.put("writeReport", new WriteReportDelegate(service, json));
        delegates.put("putFunctionsInUse", new PutFunctionsInUseDelegate(service));
        delegates.put("returnForRetest", new ReturnForRetestDelegate(service));
        return delegates;
    }

    @Bean
    JavaDelegate recordRegistration(DeploymentTestService service) {
        return new RecordRegistrationDelegate(service);
    }

    @Bean
    JavaDelegate assessTestRequirement(DeploymentTestService service) {
        return new AssessTestRequirementDelegate(service);
    }

    @Bean
    JavaDelegate rejectRegistration(DeploymentTestService service) {
        return new RejectRegistrationDelegate(service);
    }

    @Bean
    JavaDelegate handOutTestIdentities(DeploymentTestService service) {
        return new HandOutTestIdentitiesDelegate(service);
    }

    @Bean
    JavaDelegate openTestWindow(DeploymentTestService service) {
        return new OpenTestWindowDelegate(service);
    }

    @Bean
    JavaDelegate verifyTestDocuments(DeploymentTestService service, ObjectMapper json) {
        return new VerifyTestDocumentsDelegate(service, json);
    }

    @Bean
    JavaDelegate recordReview(DeploymentTestService service) {
        return new RecordReviewDelegate(service);
    }

    @Bean
    JavaDelegate writeReport(DeploymentTestService service, ObjectMapper json) {
        return new WriteReportDelegate(service, json);
    }

    @Bean
    JavaDelegate putFunctionsInUse(DeploymentTestService service) {
        return new PutFunctionsInUseDelegate(service);
    }

    @Bean
    JavaDelegate returnForRetest(DeploymentTestService service) {
        return new ReturnForRetestDelegate(service);
    }
}
