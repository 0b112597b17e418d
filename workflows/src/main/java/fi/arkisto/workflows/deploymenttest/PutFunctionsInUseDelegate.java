package fi.arkisto.workflows.deploymenttest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** Task_PutFunctionsInUse: the coordinator approved; the registry shows the functions in use from the start date. */
class PutFunctionsInUseDelegate implements JavaDelegate {

    private final DeploymentTestService service;

    PutFunctionsInUseDelegate(DeploymentTestService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.approve(ProcessValues.runId(execution));
    }
}
