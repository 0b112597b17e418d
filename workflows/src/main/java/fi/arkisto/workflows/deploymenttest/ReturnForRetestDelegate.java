package fi.arkisto.workflows.deploymenttest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** Task_ReturnForRetest: the coordinator did not approve; the test returns to agreeing a new window. */
class ReturnForRetestDelegate implements JavaDelegate {

    private final DeploymentTestService service;

    ReturnForRetestDelegate(DeploymentTestService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        service.returnForRetest(ProcessValues.runId(execution), ProcessValues.text(execution, "approvalNote"));
    }
}
