package fi.arkisto.workflows.registeraccess;

import fi.arkisto.store.accessrecords.ClientFactsService;
import fi.arkisto.store.accessrecords.RegisterAccessAgreementService;
import fi.arkisto.store.deploymenttest.TestRunLedger;
import fi.arkisto.store.organisation.OrganisationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The register access lifecycle process's service and its delegates ({@link RegisterAccessLifecycleSteps}). */
@Configuration(proxyBeanMethods = false)
public class RegisterAccessLifecycleConfiguration {

    @Bean
    public RegisterAccessLifecycleService registerAccessLifecycleService(OrganisationRegistry registry,
                                                                         TestRunLedger ledger,
                                                                         RegisterAccessAgreementService agreements,
                                                                         ClientFactsService clientFacts,
                                                                         ObjectProvider<Clock> clock) {
        return new RegisterAccessLifecycleService(registry, ledger, agreements, clientFacts,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    public RegisterAccessLifecycleSteps registerAccessLifecycleSteps(RegisterAccessLifecycleService service) {
        return new RegisterAccessLifecycleSteps(service);
    }
}
