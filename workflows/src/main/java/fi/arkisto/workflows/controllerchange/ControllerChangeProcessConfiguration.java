package fi.arkisto.workflows.controllerchange;

import fi.arkisto.store.controllerchange.ArchivingPauses;
import fi.arkisto.store.controllerchange.ControllerChangeAbandonment;
import fi.arkisto.store.controllerchange.ControllerChangeRuns;
import fi.arkisto.store.controllerchange.ControllerChangeService;
import fi.arkisto.workflows.identity.DeploymentLeads;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The controller change process (bpmn/controller-change.bpmn): its delegates, the approvers' listener and the starter. */
@Configuration(proxyBeanMethods = false)
public class ControllerChangeProcessConfiguration {

    @Bean
    public ControllerChangeSteps controllerChangeSteps(ControllerChangeService changes, ControllerChangeRuns runs,
                                                       ArchivingPauses pauses,
                                                       ControllerChangeAbandonment abandonment) {
        return new ControllerChangeSteps(changes, runs, pauses, abandonment);
    }

    @Bean
    public ControllerChangeApprovers controllerChangeApprovers(IdentityService identity) {
        return new ControllerChangeApprovers(new DeploymentLeads(identity));
    }

    /** At every start, approvals an earlier model offered to every deployment lead go to their own controller's. */
    @Bean
    static ProcessEnginePlugin controllerChangeApprovalsReoffered() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void postProcessEngineBuild(ProcessEngine engine) {
                int reoffered = ControllerChangeApprovers.reofferWaiting(engine.getTaskService());
                if (reoffered > 0) {
                    LoggerFactory.getLogger(ControllerChangeApprovers.class).info("{} waiting controller change "
                            + "approvals offered to their own controller's deployment leads only", reoffered);
                }
            }
        };
    }

    @Bean
    public ControllerChangeStarter controllerChangeStarter(ControllerChangeService changes, RuntimeService runtime) {
        return new ControllerChangeStarter(changes, runtime);
    }
}
