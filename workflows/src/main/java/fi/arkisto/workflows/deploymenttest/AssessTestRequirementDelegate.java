package fi.arkisto.workflows.deploymenttest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** Task_AssessTestRequirement: the DMN's input, whether this combination of systems was tested and approved before. */
class AssessTestRequirementDelegate implements JavaDelegate {

    private final DeploymentTestService service;

    AssessTestRequirementDelegate(DeploymentTestService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("combinationPreviouslyTested", service.combinationPreviouslyTested(ProcessValues.runId(execution)));
    }
}
