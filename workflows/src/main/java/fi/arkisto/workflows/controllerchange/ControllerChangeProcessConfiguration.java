package fi.arkisto.workflows.controllerchange;

import fi.arkisto.store.controllerchange.ArchivingPauses;
import fi.arkisto.store.controllerchange.ControllerChangeAbandonment;
import fi.arkisto.store.controllerchange.ControllerChangeRuns;
import fi.arkisto.store.controllerchange.ControllerChangeService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The controller change process (bpmn/controller-change.bpmn): its delegates and starter. */
@Configuration(proxyBeanMethods = false)
public class ControllerChangeProcessConfiguration {

    @Bean
    public ControllerChangeSteps controllerChangeSteps(ControllerChangeService changes, ControllerChangeRuns runs,
                                                       ArchivingPauses pauses,
                                                       ControllerChangeAbandonment abandonment) {
        return new ControllerChangeSteps(changes, runs, pauses, abandonment);
    }

    @Bean
    public ControllerChangeStarter controllerChangeStarter(ControllerChangeService changes, RuntimeService runtime) {
        return new ControllerChangeStarter(changes, runtime);
    }
}
