package fi.arkisto.workflows.deploymenttest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** Task_RejectRegistration: the coordinator rejected the registration (with a note). */
class RejectRegistrationDelegate implements JavaDelegate {

    private final DeploymentTestService service;

    RejectRegistrationDelegate(DeploymentTestService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.reject(ProcessValues.runId(execution), ProcessValues.text(execution, "coordinatorNote"));
    }
}
