package fi.arkisto.workflows.deploymenttest;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * The delegates of bpmn/deployment-test.bpmn, one bean: its service tasks call
 * {@code ${deploymentTestSteps.<step>}}, so an engine built without Spring needs only this one bean too.
 */
public final class DeploymentTestSteps {

    private final JavaDelegate recordRegistration;
    private final JavaDelegate assessTestRequirement;
    private final JavaDelegate rejectRegistration;
    private final JavaDelegate handOutTestIdentities;
    private final JavaDelegate openTestWindow;
    private final JavaDelegate verifyTestDocuments;
    private final JavaDelegate recordReview;
    private final JavaDelegate writeReport;
    private final JavaDelegate putFunctionsInUse;
    private final JavaDelegate returnForRetest;

    public DeploymentTestSteps(DeploymentTestService service, ObjectMapper json) {
        recordRegistration = new RecordRegistrationDelegate(service);
        assessTestRequirement = new AssessTestRequirementDelegate(service);
        rejectRegistration = new RejectRegistrationDelegate(service);
        handOutTestIdentities = new HandOutTestIdentitiesDelegate(service);
        openTestWindow = new OpenTestWindowDelegate(service);
        verifyTestDocuments = new VerifyTestDocumentsDelegate(service, json);
        recordReview = new RecordReviewDelegate(service);
        writeReport = new WriteReportDelegate(service, json);
        putFunctionsInUse = new PutFunctionsInUseDelegate(service);
        returnForRetest = new ReturnForRetestDelegate(service);
    }

    public JavaDelegate getRecordRegistration() {
        return recordRegistration;
    }

    public JavaDelegate getAssessTestRequirement() {
        return assessTestRequirement;
    }

    public JavaDelegate getRejectRegistration() {
        return rejectRegistration;
    }

    public JavaDelegate getHandOutTestIdentities() {
        return handOutTestIdentities;
    }

    public JavaDelegate getOpenTestWindow() {
        return openTestWindow;
    }

    public JavaDelegate getVerifyTestDocuments() {
        return verifyTestDocuments;
    }

    public JavaDelegate getRecordReview() {
        return recordReview;
    }

    public JavaDelegate getWriteReport() {
        return writeReport;
    }

    public JavaDelegate getPutFunctionsInUse() {
        return putFunctionsInUse;
    }

    public JavaDelegate getReturnForRetest() {
        return returnForRetest;
    }
}
