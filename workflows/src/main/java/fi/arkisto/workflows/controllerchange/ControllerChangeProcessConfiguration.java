package fi.arkisto.workflows.controllerchange;

import fi.arkisto.store.controllerchange.ArchivingPauses;
import fi.arkisto.store.controllerchange.ControllerChangeRuns;
import fi.arkisto.store.controllerchange.ControllerChangeService;
import fi.arkisto.workflows.identity.DeploymentLeads;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The controller change process (bpmn/controller-change.bpmn): its delegates, the approvers' listener and the starter. */
@Configuration(proxyBeanMethods = false)
public class ControllerChangeProcessConfiguration {

    @Bean
    public ControllerChangeSteps controllerChangeSteps(ControllerChangeService changes, ControllerChangeRuns runs,
                                                       ArchivingPauses pauses) {
        return new ControllerChangeSteps(changes, runs, pauses);
    }

    @Bean
    public ControllerChangeApprovers controllerChangeApprovers(IdentityService identity) {
        return new ControllerChangeApprovers(new DeploymentLeads(identity));
    }

    @Bean
    public ControllerChangeStarter controllerChangeStarter(ControllerChangeService changes, RuntimeService runtime) {
        return new ControllerChangeStarter(changes, runtime);
    }
}
