package fi.arkisto.app.api.controllerchange;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The approvals of a controller change through the Camunda REST API the tasklist uses, as the configured deployment
 * leads: each approval is seen and completed only by its own controller's lead, and a lead of a third organisation,
 * or a lead of no organisation, neither sees it, nor reads its form, nor completes it (docs/workflows.md, "Controller
 * change").
 */
class ControllerChangeApprovalApiTest extends ApiIntegrationTest {

    @Autowired
    ProcessEngine engine;

    @Test
    void onlyEachControllersOwnDeploymentLeadSeesAndCompletesItsApproval() {
        // given a change from the old controller to the new one, waiting for the old controller's approval
        HttpResponse<byte[]> requested = postJson("/api/v1/controller-changes", LED_OLD_CONTROLLER, "{\"oldController\": \""
                + LED_OLD_CONTROLLER + "\", \"newController\": \"" + LED_NEW_CONTROLLER
                + "\", \"reason\": \"wellbeing services county\", \"plannedOn\": \"" + LocalDate.now() + "\"}");
        assertThat(requested.statusCode()).as(text(requested)).isEqualTo(201);
        String process = json(requested).path("processInstanceId").asText();
        String old = waitingTask(process, "UserTask_ApproveAsOldController");

        // then a lead of a third organisation, a lead of none and the new controller's lead do not see it
        assertThat(tasksOf(LEAD_OF_THIRD, process)).isEmpty();
        assertThat(tasksOf(DEPLOYMENT_LEAD, process)).isEmpty();
        assertThat(tasksOf(LEAD_OF_NEW, process)).isEmpty();
        // nor read its form's variables (the impact) or the process's variables
        assertThat(rest(LEAD_OF_THIRD, "/task/" + old + "/form-variables", null).statusCode()).isEqualTo(403);
        assertThat(json(rest(LEAD_OF_THIRD, "/variable-instance?processInstanceIdIn=" + process, null))).isEmpty();
        // nor complete it: refused, and the task still waits
        HttpResponse<byte[]> foreign = rest(LEAD_OF_THIRD, "/task/" + old + "/complete", approval("oldApproved"));
        assertThat(foreign.statusCode()).as(text(foreign)).isEqualTo(403);
        assertThat(rest(LEAD_OF_NEW, "/task/" + old + "/complete", approval("oldApproved")).statusCode()).isEqualTo(403);
        assertThat(rest(DEPLOYMENT_LEAD, "/task/" + old + "/complete", approval("oldApproved")).statusCode())
                .isEqualTo(403);
        // not even once the task is assigned to them by hand (which gives an assignee the engine's task permission):
        // the approvers' listener refuses it, which the engine's REST API answers as it answers a listener's failure
        engine.getTaskService().setAssignee(old, LEAD_OF_THIRD);
        HttpResponse<byte[]> assigned = rest(LEAD_OF_THIRD, "/task/" + old + "/complete", approval("oldApproved"));
        assertThat(assigned.statusCode()).as(text(assigned)).isEqualTo(500);
        assertThat(text(assigned)).contains("The user with id '" + LEAD_OF_THIRD + "' does not have 'TASK_WORK (a "
                + "deployment lead of " + LED_OLD_CONTROLLER + ")' permission");
        engine.getTaskService().setAssignee(old, null);
        assertThat(waitingTask(process, "UserTask_ApproveAsOldController")).isEqualTo(old);

        // when the old controller's lead, who sees it and its form, approves
        assertThat(tasksOf(LEAD_OF_OLD, process)).extracting(t -> t.path("id").asText()).containsExactly(old);
        HttpResponse<byte[]> form = rest(LEAD_OF_OLD, "/task/" + old + "/form-variables", null);
        assertThat(form.statusCode()).as(text(form)).isEqualTo(200);
        assertThat(json(form).path("impactDocuments").path("value").asLong()).isZero();
        HttpResponse<byte[]> approved = rest(LEAD_OF_OLD, "/task/" + old + "/complete", "{\"variables\": {"
                + "\"oldApproved\": {\"value\": true, \"type\": \"Boolean\"}, \"oldApprovedBy\": {\"value\": \""
                + LEAD_OF_THIRD + "\"}}}");
        assertThat(approved.statusCode()).as(text(approved)).isEqualTo(204);
        // recorded as the lead's who approved, not whom the form named
        assertThat(engine.getRuntimeService().getVariable(process, "oldApprovedBy")).isEqualTo(LEAD_OF_OLD);

        // then the new controller's approval is its lead's alone, which the third organisation's lead cannot complete
        String successor = waitingTask(process, "UserTask_ApproveAsNewController");
        assertThat(tasksOf(LEAD_OF_OLD, process)).isEmpty();
        assertThat(tasksOf(LEAD_OF_THIRD, process)).isEmpty();
        assertThat(rest(LEAD_OF_THIRD, "/task/" + successor + "/complete", approval("newApproved")).statusCode())
                .isEqualTo(403);
        assertThat(rest(LEAD_OF_OLD, "/task/" + successor + "/complete", approval("newApproved")).statusCode())
                .isEqualTo(403);
        assertThat(tasksOf(LEAD_OF_NEW, process)).extracting(t -> t.path("id").asText()).containsExactly(successor);
        assertThat(rest(LEAD_OF_NEW, "/task/" + successor + "/complete", approval("newApproved")).statusCode())
                .isEqualTo(204);

        // and the change waits for the operator's schedule, the approval recorded as the new controller's lead's
        waitingTask(process, "UserTask_ScheduleRun");
        assertThat(engine.getRuntimeService().getVariable(process, "newApproved")).isEqualTo(true);
        assertThat(engine.getRuntimeService().getVariable(process, "newApprovedBy")).isEqualTo(LEAD_OF_NEW);
    }

    private String waitingTask(String process, String key) {
        List<Task> waiting = engine.getTaskService().createTaskQuery().processInstanceId(process).list();
        assertThat(waiting).extracting(Task::getTaskDefinitionKey).containsExactly(key);
        return waiting.get(0).getId();
    }

    private List<JsonNode> tasksOf(String user, String process) {
        HttpResponse<byte[]> tasks = rest(user, "/task?processInstanceId=" + process, null);
        assertThat(tasks.statusCode()).as(text(tasks)).isEqualTo(200);
        return java.util.stream.StreamSupport.stream(json(tasks).spliterator(), false).toList();
    }

    private static String approval(String variable) {
        return "{\"variables\": {\"" + variable + "\": {\"value\": true, \"type\": \"Boolean\"}}}";
    }

    /** The engine's REST API as the Camunda user (HTTP Basic against its identity service): GET, or POST the body. */
    private HttpResponse<byte[]> rest(String user, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/engine-rest" + path))
                .header("Authorization", basic(user, PASSWORD));
        return send(body == null ? request.GET().build() : request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
