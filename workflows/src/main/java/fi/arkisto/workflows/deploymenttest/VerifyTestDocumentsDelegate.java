package fi.arkisto.workflows.deploymenttest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.arkisto.testkit.deployment.VerificationFindings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** Task_VerifyTestDocuments: the window closed; the verifier's findings become process data for the archivist. */
class VerifyTestDocumentsDelegate implements JavaDelegate {

    private final DeploymentTestService service;
    private final ObjectMapper json;

    VerifyTestDocumentsDelegate(DeploymentTestService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @Override
    public void execute(DelegateExecution execution) throws JsonProcessingException {
        VerificationFindings findings = service.closeAndVerify(ProcessValues.runId(execution));
        execution.setVariable("verificationPassed", findings.passed());
        execution.setVariable("verificationSummary", findings.summary());
        execution.setVariable("verificationFindings", json.writeValueAsString(findings));
        // a fresh review for this attempt
        execution.setVariable("archivistConfirmed", false);
    }
}
