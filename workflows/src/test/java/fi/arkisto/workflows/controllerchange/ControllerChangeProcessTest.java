package fi.arkisto.workflows.controllerchange;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.controllerchange.ArchivingPauses;
import fi.arkisto.store.controllerchange.ControllerChangeRequest;
import fi.arkisto.store.controllerchange.ControllerChangeScope;
import fi.arkisto.store.controllerchange.ControllerChangeService;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.workflows.identity.DeploymentLeads;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/**
 * Every path of bpmn/controller-change.bpmn against the real controller change job (Spring Batch on the local
 * PostgreSQL, stored objects in the embedded S3 server): each approval offered only to its own controller's deployment
 * leads (or naming that there is none), refused by either controller, a run at its scheduled time
 * (the engine's clock moved) that pauses archiving into the scope, assigns, verifies, resumes and reports, and a run
 * whose job fails, is an incident, and resumes when the incident is retried, and one an operator abandons.
 */
@Deployment(resources = {"bpmn/controller-change.bpmn", "forms/approve-controller-change-old.form",
        "forms/approve-controller-change-new.form", "forms/schedule-controller-change.form"})
class ControllerChangeProcessTest {

    /** Organisations whose deployment leads the context configures (two, one and one). */
    static final String LED_OLD = "1.2.246.10.99990001.10.0";
    static final String LED_NEW = "1.2.246.10.99990002.10.0";
    static final String LED_THIRD = "1.2.246.10.99990003.10.0";
    private static final List<String> LEADS = List.of("lead-old-1", "lead-old-2", "lead-new", "lead-third", "lead-of-none");

    private static final ControllerChangeProcessTestContext CONTEXT = ControllerChangeProcessTestContext.start();
    // not final: the extension injects the engine it was given into ProcessEngine fields
    private static ProcessEngine ENGINE = CONTEXT.engine();

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(ENGINE).build();

    private final ControllerChangeStarter starter = CONTEXT.bean(ControllerChangeStarter.class);
    private final ControllerChangeService changes = CONTEXT.bean(ControllerChangeService.class);
    private final ArchivingPauses pauses = CONTEXT.bean(ArchivingPauses.class);
    private final ObjectStore objects = CONTEXT.bean(ObjectStore.class);
    private final JdbcTemplate jdbc = new JdbcTemplate(CONTEXT.bean(DataSource.class));
    private final ManagementService management = ENGINE.getManagementService();

    @BeforeEach
    void init() {
        BpmnAwareTests.init(ENGINE);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @AfterAll
    static void close() {
        CONTEXT.close();
    }

    @Test
    void theOldControllerRefusingEndsTheChangeWithNothingAssigned() {
        // given a requested change whose impact the form shows
        Register register = register(30);
        ControllerChangeStarter.Started started = request(register);
        ProcessInstance process = process(started);
        assertThat(process).isWaitingAt("UserTask_ApproveAsOldController").variables()
                .containsEntry("impactDocuments", 30L).containsEntry("impactClients", 3L);

        // when the old controller's deployment lead refuses
        complete(task(process), Map.of("oldApproved", false));

        // then the change ends there, nothing assigned
        assertThat(process).isEnded().hasPassed("EndEvent_RefusedByOld");
        assertThat(changes.assignedCount(started.change().id())).isZero();
    }

    @Test
    void theNewControllerRefusingEndsTheChangeWithNothingAssigned() {
        // given a change the old controller approved
        ControllerChangeStarter.Started started = request(register(10));
        ProcessInstance process = process(started);
        complete(task(process), Map.of("oldApproved", true));

        // when the new controller's deployment lead refuses
        assertThat(process).isWaitingAt("UserTask_ApproveAsNewController");
        complete(task(process), Map.of("newApproved", false));

        // then
        assertThat(process).isEnded().hasPassed("EndEvent_RefusedByNew");
        assertThat(changes.assignedCount(started.change().id())).isZero();
    }

    @Test
    void eachApprovalIsOfferedOnlyToItsOwnControllersDeploymentLeadsAndRecordedAsTheirs() {
        // given a change from an organisation with two configured deployment leads to one with one
        ControllerChangeStarter.Started started = request(register(5, LED_OLD), LED_NEW);
        ProcessInstance process = process(started);

        // when the old controller's approval is created
        assertThat(process).isWaitingAt("UserTask_ApproveAsOldController");
        Task old = task(process);

        // then its only candidates are the old controller's group, that is, exactly the old controller's leads
        assertThat(candidates(old)).containsExactly("group:" + DeploymentLeads.groupOf(LED_OLD));
        assertThat(offeredTo(old)).containsExactly("lead-old-1", "lead-old-2");
        assertThat(old.getName()).isEqualTo("Approve for the old controller");

        // and when one of the old controller's leads approves, signed in, whatever name the form sent
        ENGINE.getIdentityService().setAuthenticatedUserId("lead-old-2");
        try {
            complete(old, Map.of("oldApproved", true, "oldApprovedBy", "someone-else"));
        } finally {
            ENGINE.getIdentityService().clearAuthentication();
        }

        // then the approval is recorded as that lead's, and the new controller's is offered only to its lead
        assertThat(process).variables().containsEntry("oldApprovedBy", "lead-old-2");
        Task approval = task(process);
        assertThat(approval.getTaskDefinitionKey()).isEqualTo("UserTask_ApproveAsNewController");
        assertThat(candidates(approval)).containsExactly("group:" + DeploymentLeads.groupOf(LED_NEW));
        assertThat(offeredTo(approval)).containsExactly("lead-new");
    }

    @Test
    void anApprovalWaitingOfferedToEveryLeadIsOfferedToItsOwnControllersLeadsAtStart() {
        // given an approval waiting as an earlier model left it: offered to the whole deployment-leads group
        ProcessInstance process = process(request(register(2, "1.2.246.10.99990004.10.0"), LED_NEW));
        complete(task(process), Map.of("oldApproved", true));
        Task waiting = task(process);
        ENGINE.getTaskService().deleteCandidateGroup(waiting.getId(), DeploymentLeads.groupOf(LED_NEW));
        ENGINE.getTaskService().addCandidateGroup(waiting.getId(), "deployment-leads");
        assertThat(offeredTo(waiting)).containsExactlyElementsOf(LEADS);

        // when the start re-offers the waiting approvals
        int reoffered = ControllerChangeApprovers.reofferWaiting(ENGINE.getTaskService());

        // then it is the new controller's lead's alone
        assertThat(reoffered).isEqualTo(1);
        assertThat(candidates(waiting)).containsExactly("group:" + DeploymentLeads.groupOf(LED_NEW));
        assertThat(offeredTo(waiting)).containsExactly("lead-new");
    }

    @Test
    void anApprovalOfAnOrganisationWithoutADeploymentLeadSaysSoAndIsOfferedToNoLead() {
        // given a change from an organisation with no configured deployment lead
        ControllerChangeStarter.Started started = request(register(3));
        ProcessInstance process = process(started);
        String controller = (String) ENGINE.getRuntimeService().getVariable(process.getId(), "oldController");

        // when its approval is created
        Task old = task(process);

        // then no lead is offered it, and it names what is missing
        assertThat(offeredTo(old)).isEmpty();
        assertThat(old.getName()).isEqualTo("Approve for the old controller: no deployment lead of " + controller
                + " is configured");
        assertThat(old.getDescription()).contains("arkisto.workflows.users[n].organisations");
    }

    @Test
    void anApprovedChangeRunsAtItsScheduledTimePausingArchivingAndEndsWithItsReport() {
        // given an approved change scheduled for an hour from now
        Register register = register(120);
        ControllerChangeStarter.Started started = request(register);
        ProcessInstance process = approveAndSchedule(started);
        assertThat(process).isWaitingAt("TimerEvent_ScheduledTime");

        // when the clock reaches the scheduled time and the timer and the pause run
        moveClockPastTheSchedule();
        runDueJob(process);
        runDueJob(process);

        // then archiving into the scope is paused while the job waits
        assertThat(process).isWaitingAt("ServiceTask_RunChangeJob");
        assertThat(changes.paused()).extracting(c -> c.id()).contains(started.change().id());

        // and when the job, the resumption and the report run
        runDueJob(process);
        runDueJob(process);

        // then every document is assigned once, archiving resumed, and the report written
        assertThat(process).isEnded().hasPassed("ServiceTask_PauseArchiving", "ServiceTask_RunChangeJob",
                "ServiceTask_ResumeArchiving", "ServiceTask_WriteReport", "EndEvent_ControllerChanged");
        assertThat(changes.find(started.change().id()).completed()).isTrue();
        assertThat(changes.assignedCount(started.change().id())).isEqualTo(120);
        assertThat(changes.paused()).extracting(c -> c.id()).doesNotContain(started.change().id());
        FileValue report = ENGINE.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(process.getId()).variableName(ControllerChangeSteps.REPORT).singleResult()
                .getTypedValue() instanceof FileValue file ? file : null;
        assertThat(report).isNotNull();
        assertThat(report.getMimeType()).isEqualTo("application/pdf");
        assertThat(new String(readAll(report), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void aFailedJobIsAnIncidentAndRetryingItAfterTheCauseIsMendedResumesTheRun() {
        // given an approved, scheduled change whose scope's stored object is gone, so the verification fails
        Register register = register(60);
        ControllerChangeStarter.Started started = request(register);
        ProcessInstance process = pausedAtItsTimeWithoutItsObject(started, register);

        // when the job runs and fails
        Job run = runFailingJob(process);

        // then it is an incident on the run step that says why, the change is not completed and the scope stays paused
        assertThat(process).isWaitingAt("ServiceTask_RunChangeJob");
        Incident incident = ENGINE.getRuntimeService().createIncidentQuery().processInstanceId(process.getId())
                .singleResult();
        assertThat(incident.getActivityId()).isEqualTo("ServiceTask_RunChangeJob");
        assertThat(incident.getIncidentMessage()).contains("does not read back");
        assertThat(changes.find(started.change().id()).completed()).isFalse();
        pauses.refresh();
        assertThat(changes.paused()).extracting(c -> c.id()).contains(started.change().id());

        // and when the cause is mended and an operator retries the incident (the cockpit's "increment retries")
        objects.put(register.objectKey, register.bytes, register.sha256);
        management.setJobRetries(run.getId(), 1);
        runDueJob(process);
        // (and once completed, the change can no longer be abandoned: the request is refused and changes nothing)
        assertThatThrownBy(() -> ENGINE.getRuntimeService().createMessageCorrelation(ControllerChangeSteps.ABANDON_REQUESTED)
                .processInstanceId(process.getId()).setVariable(ControllerChangeSteps.ABANDON_REASON, "too late")
                .correlate()).hasMessageContaining("has completed");
        runDueJob(process);

        // then the run resumed in the same job instance and the change completed
        assertThat(process).isEnded().hasPassed("ServiceTask_ResumeArchiving", "EndEvent_ControllerChanged")
                .hasNotPassed("StartEvent_AbandonRequested");
        assertThat(changes.find(started.change().id()).completed()).isTrue();
        assertThat(changes.assignedCount(started.change().id())).isEqualTo(60);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT job_instance_id) FROM batch.batch_job_execution_params p"
                + " JOIN batch.batch_job_execution e USING (job_execution_id) WHERE p.parameter_name = 'change'"
                + " AND p.parameter_value = ?", Long.class, started.change().id().toString())).isEqualTo(1L);
    }

    @Test
    void anOperatorAbandonsAFailedRunArchivingResumesAndTheChangeNeverTakesEffect() {
        // given a change whose job assigned the scope but failed its verification: an incident
        Register register = register(40);
        ControllerChangeStarter.Started started = request(register);
        ProcessInstance process = pausedAtItsTimeWithoutItsObject(started, register);
        runFailingJob(process);
        UUID id = started.change().id();
        long written = changes.assignedCount(id);

        // when a request without a reason is refused and changes nothing; then an operator abandons it with one
        var runtime = ENGINE.getRuntimeService();
        assertThatThrownBy(() -> runtime.createMessageCorrelation(ControllerChangeSteps.ABANDON_REQUESTED)
                .processInstanceId(process.getId()).correlate()).hasMessageContaining("reason");
        assertThat(process).isWaitingAt("ServiceTask_RunChangeJob");
        assertThat(runtime.createIncidentQuery().processInstanceId(process.getId()).count()).isEqualTo(1);
        ENGINE.getIdentityService().setAuthenticatedUserId("operator-2");
        try {
            runtime.createMessageCorrelation(ControllerChangeSteps.ABANDON_REQUESTED).processInstanceId(process.getId())
                    .setVariable(ControllerChangeSteps.ABANDON_REASON,
                            "the object store lost the scope's object; a new change will be requested")
                    .correlate();
        } finally {
            ENGINE.getIdentityService().clearAuthentication();
        }
        assertThat(runtime.createIncidentQuery().processInstanceId(process.getId()).count()).isZero();
        runDueJob(process);

        // then the process ends on its own end event, the change is recorded abandoned with who and why
        assertThat(process).isEnded().hasPassed("StartEvent_AbandonRequested", "ServiceTask_AbandonChange",
                "EndEvent_ChangeAbandoned").hasNotPassed("ServiceTask_ResumeArchiving", "EndEvent_ControllerChanged");
        var abandoned = changes.find(id);
        assertThat(abandoned.status()).isEqualTo(fi.arkisto.store.controllerchange.ControllerChange.Status.ABANDONED);
        assertThat(abandoned.abandonedBy()).isEqualTo("operator-2");
        assertThat(abandoned.abandonReason()).startsWith("the object store lost");
        // and archiving into the scope resumed, the assignments written stay without effect
        pauses.refresh();
        assertThat(changes.paused()).extracting(c -> c.id()).doesNotContain(id);
        assertThat(written).isPositive();
        assertThat(changes.assignedCount(id)).isEqualTo(written);
        assertThat(abandoned.completed()).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archive.audit_event WHERE operation ="
                + " 'CONTROLLER_CHANGE_ABANDON' AND detail LIKE ?", Long.class, "%" + id + "%")).isEqualTo(1L);
    }

    /**
     * Approved and scheduled, the scope's stored object deleted (so that the run's verification fails), the clock past
     * the schedule and archiving into the scope paused: the run's job is due next.
     */
    private ProcessInstance pausedAtItsTimeWithoutItsObject(ControllerChangeStarter.Started started, Register register) {
        ProcessInstance process = approveAndSchedule(started);
        objects.delete(register.objectKey);
        moveClockPastTheSchedule();
        runDueJob(process);
        runDueJob(process);
        return process;
    }

    /** Runs the one due job, which fails: with no retries left it is an incident. Answers the job. */
    private Job runFailingJob(ProcessInstance process) {
        Job due = management.createJobQuery().processInstanceId(process.getId()).executable().singleResult();
        assertThatThrownBy(() -> management.executeJob(due.getId())).hasMessageContaining("job failed");
        Job failed = management.createJobQuery().jobId(due.getId()).singleResult();
        assertThat(failed.getRetries()).isZero();
        return failed;
    }

    private ProcessInstance approveAndSchedule(ControllerChangeStarter.Started started) {
        ProcessInstance process = process(started);
        complete(task(process), Map.of("oldApproved", true, "oldApprovedBy", "lead-old"));
        complete(task(process), Map.of("newApproved", true, "newApprovedBy", "lead-new"));
        assertThat(process).isWaitingAt("UserTask_ScheduleRun");
        // the operator signed in is recorded as the scheduler, whatever the form says
        ENGINE.getIdentityService().setAuthenticatedUserId("operator-1");
        try {
            complete(task(process), Map.of("scheduledAt", Date.from(Instant.now().plus(1, ChronoUnit.HOURS)),
                    "scheduledBy", "someone-else"));
        } finally {
            ENGINE.getIdentityService().clearAuthentication();
        }
        assertThat(ENGINE.getRuntimeService().getVariable(process.getId(), "scheduledBy")).isEqualTo("operator-1");
        return process;
    }

    private static void moveClockPastTheSchedule() {
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(61, ChronoUnit.MINUTES)));
    }

    private void runDueJob(ProcessInstance process) {
        List<Job> due = management.createJobQuery().processInstanceId(process.getId()).executable().list();
        assertThat(due).as("one job due").hasSize(1);
        management.executeJob(due.get(0).getId());
    }

    /** How the task's candidates are set: {@code group:<id>} or {@code user:<id>}. */
    private List<String> candidates(Task task) {
        return ENGINE.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(link -> link.getGroupId() != null ? "group:" + link.getGroupId() : "user:" + link.getUserId())
                .toList();
    }

    /** Which of the configured deployment leads the engine offers the task to (the tasklist's candidate query). */
    private List<String> offeredTo(Task task) {
        return LEADS.stream().filter(lead -> ENGINE.getTaskService().createTaskQuery().taskId(task.getId())
                .taskCandidateUser(lead).count() == 1).toList();
    }

    private ControllerChangeStarter.Started request(Register register) {
        return request(register, newController());
    }

    private ControllerChangeStarter.Started request(Register register, String newController) {
        return starter.start(new ControllerChangeRequest(ControllerChangeScope.wholeRegister(register.controller),
                newController, "wellbeing services county", LocalDate.now()),
                new RequestContext(Oid.of(register.controller), "lead-old", RequestContext.OWN_REGISTER_USE));
    }

    private ProcessInstance process(ControllerChangeStarter.Started started) {
        return ENGINE.getRuntimeService().createProcessInstanceQuery().processInstanceId(started.processInstanceId())
                .singleResult();
    }

    private record Register(String controller, String objectKey, byte[] bytes, String sha256) {
    }

    /** {@code count} document rows of a new register over three test clients, all pointing at one stored object. */
    private Register register(int count) {
        return register(count, newController());
    }

    private Register register(int count, String controller) {
        byte[] bytes = ("<ClinicalDocument>" + UUID.randomUUID() + "</ClinicalDocument>").getBytes(StandardCharsets.UTF_8);
        String sha256 = sha256(bytes);
        String key = ObjectStore.documentKey(sha256);
        objects.put(key, bytes, sha256);
        String prefix = "1.2.246.10.98." + ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        jdbc.update("""
                INSERT INTO archive.document_version (document_oid, set_id, version_number, client_id, client_id_root,
                    controller_oid, service_task, document_group, effective_time, metadata, status, sha256, size_bytes,
                    object_key, archived_at, archived_by_org, archived_by_user, original_custodian_oid, location_data,
                    non_disclosure_declared, own_restriction, facts_read_at)
                SELECT ? || '.' || n, ? || '.' || n, 1, (ARRAY['010150-901D', '020250-902W', '030350-903C'])[1 + n % 3],
                    '1.2.246.21', ?, '24', '3', now(), '{}'::jsonb, 'ACTIVE', ?, ?, ?, now(), ?, 'process-test', ?,
                    false, false, 'NONE', now()
                  FROM generate_series(1, ?) n""", prefix, prefix, controller, sha256, bytes.length, key, controller,
                controller, count);
        return new Register(controller, key, bytes, sha256);
    }

    private static byte[] readAll(FileValue file) {
        try (var in = file.getValue()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String newController() {
        return "1.2.246.10." + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999) + ".10.0";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
