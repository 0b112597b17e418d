package fi.arkisto.workflows.deploymenttest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.arkisto.store.deploymenttest.TestRun;
import fi.arkisto.testkit.deployment.VerificationFindings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Task_WriteReport: the PDF report (a file variable the tasklist offers for download) and its due date at Kela,
 * which the boundary timer of the next task watches.
 */
class WriteReportDelegate implements JavaDelegate {

    static final String REPORT = "testReport";

    private final DeploymentTestService service;
    private final ObjectMapper json;

    WriteReportDelegate(DeploymentTestService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @Override
    public void execute(DelegateExecution execution) throws JsonProcessingException {
        TestRun run = service.run(ProcessValues.runId(execution));
        VerificationFindings findings = json.readValue((String) execution.getVariable("verificationFindings"),
                VerificationFindings.class);
        List<String> participants = new ArrayList<>();
        participants.add("Käyttöönoton vastaava / Deployment lead: " + run.deploymentLead());
        participants.add("Järjestelmätoimittaja / System vendor: " + run.system().vendor());
        if (run.partnerSystem() != null) {
            participants.add("Palveluntuottajan järjestelmätoimittaja / Provider's vendor: " + run.partnerSystem().vendor());
        }
        addIfPresent(participants, "Koordinaattori / Coordinator: ", lastAssignee(execution, "Task_ScheduleTestWindow"));
        addIfPresent(participants, "Arkistonhoitaja / Archivist: ", lastAssignee(execution, "Task_ReviewFindings"));
        byte[] pdf = service.report(run.id(), findings, participants, ProcessValues.text(execution, "archivistNote"));
        execution.setVariable(REPORT, Variables.fileValue("deployment-test-" + run.id() + "-" + run.attempt() + ".pdf")
                .file(pdf).mimeType("application/pdf").create());
        execution.setVariable("reportDueAt", Date.from(service.reportLateFrom(run)));
        execution.setVariable("reportDueText", ProcessValues.DAY.format(service.reportDue(run)));
        execution.setVariable("reportLink", "/engine-rest/process-instance/" + execution.getProcessInstanceId()
                + "/variables/" + REPORT + "/data");
    }

    /** Who completed the latest instance of a user task of this process (the tasklist assigns a task on claiming). */
    private static String lastAssignee(DelegateExecution execution, String taskDefinitionKey) {
        return execution.getProcessEngineServices().getHistoryService().createHistoricTaskInstanceQuery()
                .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(taskDefinitionKey).finished()
                .orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1).stream()
                .map(task -> task.getAssignee()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private static void addIfPresent(List<String> participants, String role, String user) {
        if (user != null) {
            participants.add(role + user);
        }
    }
}
