package fi.arkisto.app.api.controllerchange;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.testsupport.KantaSamples;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A controller change through the running app: requested by REST, its process worked through (tasks completed, the
 * engine's jobs run by the test), archiving into the scope answered 503 with Retry-After while the run goes on and
 * archived after it, the new controller reading the documents byte-identical with their signatures valid, the old
 * one refused.
 */
class ControllerChangeApiTest extends ApiIntegrationTest {

    private static final String CHANGES = "/api/v1/controller-changes";

    @Autowired
    ProcessEngine engine;
    @Autowired
    DataSource dataSource;
    @Autowired
    ObjectStore objects;

    @Test
    void afterAChangeTheNewControllerReadsTheDocumentsAsArchivedAndTheOldOneIsRefusedAndWhatWaitedIsArchived() {
        // given two signed documents of a client in the old controller's register
        String old = newOrganisation();
        String successor = newOrganisation();
        String other = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        List<byte[]> originals = new ArrayList<>();
        List<String> oids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            KantaSamples.Builder document = derivedDocument().controller(old).client(client);
            byte[] signed = signedFor(old, document);
            assertThat(archiveAs(old, signed).statusCode()).isEqualTo(201);
            originals.add(signed);
            oids.add(document.oidValue());
        }

        // when the old controller requests the change of its whole register
        HttpResponse<byte[]> requested = postJson(CHANGES, old, "{\"oldController\": \"" + old + "\", \"newController\": \""
                + successor + "\", \"reason\": \"wellbeing services county\", \"plannedOn\": \"" + LocalDate.now() + "\"}");

        // then it is recorded with its impact and its process waits for the old controller's approval
        assertThat(requested.statusCode()).as(text(requested)).isEqualTo(201);
        JsonNode change = json(requested);
        String id = change.path("id").asText();
        assertThat(change.path("impact").path("total").path("documents").asLong()).isEqualTo(2);
        assertThat(change.path("impact").path("total").path("clients").asLong()).isEqualTo(1);
        assertThat(requested.headers().firstValue("Location")).hasValue(uri(CHANGES + "/" + id).toString());
        String process = change.path("processInstanceId").asText();

        // and when both approve, an operator schedules it, the time comes and archiving pauses
        approvedAndPaused(process);

        // then a document into the scope is answered to retry later and nothing of it is stored, while another
        // register's document is archived
        KantaSamples.Builder waiting = derivedDocument().controller(old).client(client);
        byte[] waitingBytes = signedFor(old, waiting);
        HttpResponse<byte[]> paused = archiveAs(old, waitingBytes);
        assertProblem(paused, 503, "ARCHIVING_PAUSED_FOR_CONTROLLER_CHANGE");
        assertThat(paused.headers().firstValue("Retry-After")).isPresent();
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM archive.document_version"
                + " WHERE document_oid = ?", Long.class, waiting.oidValue())).isZero();
        assertThat(archiveAs(other, signedFor(other, derivedDocument().controller(other)
                .client(KantaSamples.newTestIdentityCode()))).statusCode()).isEqualTo(201);

        // and when the job, the resumption and the report run, and the waiting document is sent again
        runJob(process);
        runJob(process);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(process).count()).isZero();
        HttpResponse<byte[]> resent = archiveAs(old, waitingBytes);
        assertThat(resent.statusCode()).as(text(resent)).isEqualTo(201);
        oids.add(waiting.oidValue());
        originals.add(waitingBytes);

        // then the new controller reads every document byte-identical, as its own register, signatures valid
        for (int i = 0; i < oids.size(); i++) {
            HttpResponse<byte[]> original = getAs("/api/v1/documents/" + oids.get(i), successor);
            assertThat(original.statusCode()).as(text(original)).isEqualTo(200);
            assertThat(original.body()).isEqualTo(originals.get(i));
            JsonNode metadata = json(getAs("/api/v1/documents/" + oids.get(i) + "/metadata", successor));
            assertThat(metadata.path("currentControllerOid").asText()).isEqualTo(successor);
            assertThat(metadata.path("originalCustodianOid").asText()).isEqualTo(old);
            assertThat(metadata.path("controllerOid").asText()).isEqualTo(old);
            assertThat(metadata.path("access").path("basis").asText()).isEqualTo("OWN_REGISTER");
            assertThat(metadata.path("signatures")).isNotEmpty().allSatisfy(s -> assertThat(s.path("valid").asBoolean())
                    .isTrue());
        }
        assertThat(json(getAs("/api/v1/clients/" + client + "/documents", successor)).path("items")
                .findValuesAsText("documentOid")).containsExactlyInAnyOrderElementsOf(oids);

        // and the old controller is refused them and lists none
        assertProblem(getAs("/api/v1/documents/" + oids.get(0), old), 403, "REGISTER_CONTROLLER_CHANGED");
        assertThat(json(getAs("/api/v1/clients/" + client + "/documents", old)).path("items")).isEmpty();

        // and both controllers read the change, completed; a third organisation is not told it exists
        JsonNode completed = json(getAs(CHANGES + "/" + id, successor));
        assertThat(completed.path("completedAt").isMissingNode() || completed.path("completedAt").isNull()).isFalse();
        assertThat(completed.path("assignedCount").asLong()).isEqualTo(2);
        assertThat(completed.path("status").asText()).isEqualTo("COMPLETED");
        assertProblem(getAs(CHANGES + "/" + id, other), 404, "CONTROLLER_CHANGE_NOT_FOUND");
    }

    @Test
    void anAbandonedChangeResumesArchivingIntoTheScopeAndLeavesTheRegisterWithTheOldController() {
        // given two signed documents in the old controller's register, one of whose stored object is then lost
        String old = newOrganisation();
        String successor = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        List<String> oids = new ArrayList<>();
        List<byte[]> signed = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            KantaSamples.Builder document = derivedDocument().controller(old).client(client);
            signed.add(signedFor(old, document));
            assertThat(archiveAs(old, signed.get(i)).statusCode()).isEqualTo(201);
            oids.add(document.oidValue());
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String lost = jdbc.queryForObject("SELECT object_key FROM archive.document_version WHERE document_oid = ?",
                String.class, oids.get(1));

        // and a change of the register whose run paused archiving and failed verifying the lost object
        HttpResponse<byte[]> requested = postJson(CHANGES, old, "{\"oldController\": \"" + old
                + "\", \"newController\": \"" + successor + "\", \"reason\": \"merger\", \"plannedOn\": \""
                + LocalDate.now() + "\"}");
        String id = json(requested).path("id").asText();
        String process = json(requested).path("processInstanceId").asText();
        approvedAndPaused(process);
        objects.delete(lost);
        assertThatThrownBy(() -> runJob(process)).hasMessageContaining("job failed");
        KantaSamples.Builder waiting = derivedDocument().controller(old).client(client);
        byte[] waitingBytes = signedFor(old, waiting);
        assertProblem(archiveAs(old, waitingBytes), 503, "ARCHIVING_PAUSED_FOR_CONTROLLER_CHANGE");

        // when a deployment lead tries to abandon it through the Camunda REST API, and is refused
        assertThat(abandonRequest(process, DEPLOYMENT_LEAD, "not mine to abandon").statusCode()).isEqualTo(403);
        assertThat(json(getAs(CHANGES + "/" + id, old)).path("status").asText()).isEqualTo("REQUESTED");

        // and an archive operator abandons it, as docs/workflows.md shows
        HttpResponse<byte[]> abandon = abandonRequest(process, OPERATOR, "a stored object was lost");
        assertThat(abandon.statusCode()).as(text(abandon)).isEqualTo(204);
        runJob(process);

        // then both controllers read it abandoned, with who and why
        JsonNode abandoned = json(getAs(CHANGES + "/" + id, successor));
        assertThat(abandoned.path("status").asText()).isEqualTo("ABANDONED");
        assertThat(abandoned.path("abandonedBy").asText()).isEqualTo(OPERATOR);
        assertThat(abandoned.path("abandonReason").asText()).isEqualTo("a stored object was lost");
        assertThat(abandoned.path("abandonedAt").isNull() || abandoned.path("abandonedAt").isMissingNode()).isFalse();

        // and archiving into the scope resumed (the lost object mended), into the old controller's register
        objects.put(lost, signed.get(1), jdbc.queryForObject("SELECT sha256 FROM archive.document_version"
                + " WHERE document_oid = ?", String.class, oids.get(1)).trim());
        HttpResponse<byte[]> resent = archiveAs(old, waitingBytes);
        assertThat(resent.statusCode()).as(text(resent)).isEqualTo(201);
        oids.add(waiting.oidValue());

        // and access is as before: the old controller reads and lists its documents, the new one none
        for (String oid : oids) {
            JsonNode metadata = json(getAs("/api/v1/documents/" + oid + "/metadata", old));
            assertThat(metadata.path("access").path("basis").asText()).as(oid).isEqualTo("OWN_REGISTER");
            assertThat(metadata.path("currentControllerOid").asText()).isEqualTo(old);
            assertProblem(getAs("/api/v1/documents/" + oid, successor), 403, "NO_ACCESS_TO_REGISTER");
        }
        assertThat(json(getAs("/api/v1/clients/" + client + "/documents", old)).path("items")
                .findValuesAsText("documentOid")).containsExactlyInAnyOrderElementsOf(oids);
        assertThat(json(getAs("/api/v1/clients/" + client + "/documents", successor)).path("items")).isEmpty();
    }

    @Test
    void aBadOrForeignRequestIsRefusedWithItsCodeAndRecordsNothing() {
        // given
        String old = newOrganisation();
        String stranger = newOrganisation();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        long before = jdbc.queryForObject("SELECT count(*) FROM archive.controller_change WHERE old_controller_oid = ?",
                Long.class, old);

        // when / then
        assertProblem(postJson(CHANGES, old, "{\"oldController\": \"" + old + "\"}"), 422, "MISSING_REQUEST_FIELD");
        assertProblem(postJson(CHANGES, old, "{\"oldController\": \"not-an-oid\", \"newController\": \"" + stranger
                + "\", \"reason\": \"x\", \"plannedOn\": \"2026-12-31\"}"), 422, "INVALID_OID");
        assertProblem(postJson(CHANGES, stranger, "{\"oldController\": \"" + old + "\", \"newController\": \""
                + newOrganisation() + "\", \"reason\": \"x\", \"plannedOn\": \"2026-12-31\"}"), 403, "ACCESS_DENIED");
        assertProblem(postJson(CHANGES, old, "{\"oldController\": "), 400, "MALFORMED_JSON");
        assertProblem(getAs(CHANGES + "/not-a-change", old), 404, "CONTROLLER_CHANGE_NOT_FOUND");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archive.controller_change WHERE old_controller_oid = ?",
                Long.class, old)).isEqualTo(before);
        // and without credentials nothing is answered
        HttpResponse<byte[]> anonymous = send(HttpRequest.newBuilder(uri(CHANGES)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private HttpResponse<byte[]> archiveAs(String organisation, byte[] cda) {
        return send(asOrganisation("/api/v1/documents", organisation).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(cda)).build());
    }

    private void complete(String process, String taskKey, Map<String, Object> variables) {
        TaskService tasks = engine.getTaskService();
        Task task = tasks.createTaskQuery().processInstanceId(process).taskDefinitionKey(taskKey).singleResult();
        assertThat(task).as("task " + taskKey).isNotNull();
        tasks.complete(task.getId(), variables);
    }

    /** {@code POST /engine-rest/message}: the abandonment an operator asks for (docs/workflows.md). */
    private HttpResponse<byte[]> abandonRequest(String process, String user, String reason) {
        String body = "{\"messageName\": \"controllerChangeAbandonRequested\", \"processInstanceId\": \"" + process
                + "\", \"processVariables\": {\"abandonReason\": {\"value\": \"" + reason
                + "\", \"type\": \"String\"}}}";
        return send(HttpRequest.newBuilder(uri("/engine-rest/message")).header("Authorization", basic(user, PASSWORD))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Both controllers approve, an operator schedules the run a minute ago, its time comes and archiving pauses. */
    private void approvedAndPaused(String process) {
        complete(process, "UserTask_ApproveAsOldController", Map.of("oldApproved", true));
        complete(process, "UserTask_ApproveAsNewController", Map.of("newApproved", true));
        complete(process, "UserTask_ScheduleRun", Map.of("scheduledAt",
                Date.from(Instant.now().minus(1, ChronoUnit.MINUTES)), "scheduledBy", "operator-1"));
        runJob(process);
        runJob(process);
    }

    private void runJob(String process) {
        ManagementService management = engine.getManagementService();
        List<Job> due = management.createJobQuery().processInstanceId(process).executable().list();
        assertThat(due).as("one job due").hasSize(1);
        management.executeJob(due.get(0).getId());
    }
}
