package fi.arkisto.workflows.deploymenttest;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** Task_RecordReview: the archivist's confirmation or rejection, with the verification, decides the test. */
class RecordReviewDelegate implements JavaDelegate {

    private final DeploymentTestService service;

    RecordReviewDelegate(DeploymentTestService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("testPassed", service.recordReview(ProcessValues.runId(execution),
                ProcessValues.flag(execution, "verificationPassed"), ProcessValues.flag(execution, "archivistConfirmed"),
                ProcessValues.text(execution, "archivistNote")));
    }
}
