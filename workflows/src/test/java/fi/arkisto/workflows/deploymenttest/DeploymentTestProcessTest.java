package fi.arkisto.workflows.deploymenttest;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.deploymenttest.TestRun;
import fi.arkisto.store.deploymenttest.TestRunId;
import fi.arkisto.store.deploymenttest.TestRunState;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.organisation.ClientInformationSystem;
import fi.arkisto.store.organisation.FunctionState;
import fi.arkisto.store.organisation.FunctionUse;
import fi.arkisto.store.organisation.KantaFunction;
import fi.arkisto.store.organisation.Organisation;
import fi.arkisto.store.organisation.OrganisationId;
import fi.arkisto.testkit.deployment.TestCaseCatalogue;
import fi.arkisto.testkit.generator.TestCaseDocuments;
import fi.arkisto.workflows.calendar.FinnishBusinessDays;
import fi.arkisto.workflows.support.ProcessTestArchive;
import fi.arkisto.workflows.support.ProcessTestEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

/**
 * Every path of bpmn/deployment-test.bpmn against the real archive (local PostgreSQL, embedded S3, signatures by a
 * test PKI) with the engine's clock moved for the timers: registration accepted and rejected, a window with every
 * expected document, a missing document, a real identity code refused, the archivist's rejection, a late report,
 * approval writing the start date, a re-test.
 */
@Deployment(resources = {"bpmn/deployment-test.bpmn", "bpmn/register-access-test-required.dmn"})
class DeploymentTestProcessTest {

    /** Wednesday before Easter 2027: the report's two business days skip Good Friday and Easter Monday. */
    private static final Instant BASE = Instant.parse("2027-03-24T06:00:00Z");
    private static final String REAL_CODE = "131052-308T";
    private static final String ORGANISATION_NAME = "Testilän hyvinvointialue";
    private static final ProcessTestArchive ARCHIVE = new ProcessTestArchive(Oid.of("1.2.246.10.99999001.10.0"),
            ORGANISATION_NAME, BASE);
    private static final DeploymentTestService SERVICE = new DeploymentTestService(ARCHIVE.registry, ARCHIVE.ledger,
            ARCHIVE.reading, ARCHIVE.audit, new FinnishBusinessDays(), ProcessTestArchive.ENGINE_CLOCK, 2);
    // not final: the extension injects the engine it was given into ProcessEngine fields
    private static ProcessEngine ENGINE = ProcessTestEngine.build(
            Map.of("deploymentTestSteps", new DeploymentTestSteps(SERVICE, new ObjectMapper())));

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(ENGINE).build();

    private Organisation organisation;

    @BeforeEach
    void organisationJoins() {
        BpmnAwareTests.init(ENGINE);
        ClockUtil.setCurrentTime(Date.from(BASE));
        int businessId = ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        organisation = ARCHIVE.registry.register(ORGANISATION_NAME + " " + businessId, null,
                Oid.of("1.2.246.10." + businessId + ".10.0"));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @AfterAll
    static void close() {
        ENGINE.close();
        ARCHIVE.close();
    }

    @Test
    void aRejectedRegistrationEndsAndChangesNoFunction() {
        ProcessInstance process = register(EnumSet.of(KantaFunction.ARCHIVING));
        assertThat(process).isWaitingAt("Task_ReviewRegistration").task().hasCandidateGroup("kela-coordinators");
        assertThat(process).variables().containsEntry("testRequirement", "REQUIRED");

        complete(task(process), withVariables("registrationAccepted", false, "coordinatorNote", "Järjestelmä ei ole sertifioitu"));

        assertThat(process).isEnded().hasPassed("Task_RejectRegistration", "EndEvent_RegistrationRejected");
        TestRun run = run(process);
        assertThat(run.state()).isEqualTo(TestRunState.REJECTED);
        assertThat(run.note()).isEqualTo("Järjestelmä ei ole sertifioitu");
        assertThat(function(KantaFunction.ARCHIVING).state()).isEqualTo(FunctionState.PLANNED);
    }

    @Test
    void aRegistrationFromTheStartFormIsRecorded() {
        ProcessInstance process = ENGINE.getRuntimeService().startProcessInstanceByKey("deploymentTest", "form", Map.of(
                "organisationId", organisation.id().value(), "fnSharing", true, "fnArchiving", false,
                "systemProduct", "Sosiaalitieto", "systemVersion", "5.2", "systemVendor", "Testitoimittaja Oy",
                "plannedStart", "2027-05-03", "deploymentLead", "lead-1"));

        assertThat(process).isWaitingAt("Task_ReviewRegistration").variables()
                .containsEntry("functionsText", "SHARING").containsEntry("plannedStartText", "3.5.2027")
                .containsEntry("deploymentLead", "lead-1");
        assertThat(run(process).functions()).containsExactly(KantaFunction.SHARING);
        assertThat(ARCHIVE.registry.find(organisation.id()).orElseThrow().systems())
                .contains(new ClientInformationSystem("Sosiaalitieto", "5.2", "Testitoimittaja Oy"));
    }

    @Test
    void aWindowWithEveryExpectedDocumentEndsWithTheFunctionsInUseFromTheirStartDate() throws Exception {
        // given an accepted registration and an agreed window
        ProcessInstance process = register(EnumSet.of(KantaFunction.ARCHIVING, KantaFunction.PROFESSIONAL_SIGNATURES));
        acceptAndSchedule(process);
        assertThat(process).isWaitingAt("Event_WindowOpens");

        // when the window opens, the client system sends the whole test case, and the window closes
        openWindow(process);
        assertThat(process).isWaitingAt("Event_WindowCloses");
        assertThat(run(process).state()).isEqualTo(TestRunState.OPEN);
        sendTestCase(process, Set.of());
        closeWindow(process);

        // then the findings pass, the archivist confirms, the report is written and sent, the coordinator approves
        assertThat(process).isWaitingAt("Task_ReviewFindings").task().hasCandidateGroup("kanta-archivists");
        assertThat(process).variables().containsEntry("verificationPassed", true);
        assertThat((String) ENGINE.getRuntimeService().getVariable(process.getId(), "verificationSummary"))
                .startsWith("HYVÄKSYTTY / PASSED").contains("Päätös ammattilaisen allekirjoituksella");
        reviewFindings(process, true, "Vastaa järjestelmän tietoja");
        execute(job());
        assertThat(process).isWaitingAt("Task_SendReportToKela").task().hasCandidateUser("lead-1");
        FileValue report = ENGINE.getRuntimeService().getVariableTyped(process.getId(), "testReport");
        assertThat(report.getMimeType()).isEqualTo("application/pdf");
        assertThat(new String(report.getValue().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(process).variables().containsEntry("reportDueText", "30.3.2027");
        complete(task(process), withVariables("reportSent", true));
        assertThat(process).isWaitingAt("Task_ApproveDeployment");
        complete(task(process), withVariables("deploymentApproved", true));
        execute(job());

        assertThat(process).isEnded().hasPassed("Task_PutFunctionsInUse", "EndEvent_FunctionsInUse");
        assertThat(run(process).state()).isEqualTo(TestRunState.APPROVED);
        assertThat(function(KantaFunction.ARCHIVING)).isEqualTo(
                new FunctionUse(KantaFunction.ARCHIVING, FunctionState.IN_USE, LocalDate.of(2027, 5, 3)));
        assertThat(function(KantaFunction.PROFESSIONAL_SIGNATURES).state()).isEqualTo(FunctionState.IN_USE);
    }

    @Test
    void aMissingDocumentFailsTheTestWhichIsRetestedInANewWindow() {
        // given a window in which the decision never arrives
        ProcessInstance process = register(EnumSet.of(KantaFunction.ARCHIVING, KantaFunction.PROFESSIONAL_SIGNATURES));
        acceptAndSchedule(process);
        openWindow(process);
        sendTestCase(process, Set.of(TestCaseCatalogue.DECISION));
        closeWindow(process);

        // then the findings say so, and the test fails even when the archivist confirms the rest
        assertThat(process).variables().containsEntry("verificationPassed", false);
        assertThat((String) ENGINE.getRuntimeService().getVariable(process.getId(), "verificationSummary"))
                .contains("[!!] Päätös ammattilaisen allekirjoituksella", "No such document arrived during the test");
        reviewFindings(process, true, null);
        assertThat(process).isWaitingAt("Task_ScheduleTestWindow");
        assertThat(run(process).state()).isEqualTo(TestRunState.FAILED);

        // when a second window is agreed and this time everything arrives
        ClockUtil.setCurrentTime(Date.from(BASE.plus(Duration.ofDays(1))));
        schedule(process, BASE.plus(Duration.ofDays(1)));
        assertThat(run(process).attempt()).isEqualTo(2);
        openWindow(process);
        sendTestCase(process, Set.of());
        closeWindow(process);

        // then the re-test passes
        assertThat(process).isWaitingAt("Task_ReviewFindings").variables().containsEntry("verificationPassed", true);
    }

    @Test
    void aRealIdentityCodeIsRefusedDuringTheWindowAndFailsTheTest() {
        ProcessInstance process = register(EnumSet.of(KantaFunction.ARCHIVING));
        acceptAndSchedule(process);
        openWindow(process);
        sendTestCase(process, Set.of());

        // when the client system sends a document of a real person during the test
        TestRun run = run(process);
        byte[] real = TestCaseDocuments.write(List.of(TestCaseCatalogue.item(TestCaseCatalogue.CLIENT_RELATIONSHIP)),
                options(TestCaseDocuments.class.hashCode(), run.identities().get(0))).get(0).xml();
        String xml = new String(real, StandardCharsets.UTF_8).replace("extension=\"" + run.identities().get(0) + "\"",
                "extension=\"" + REAL_CODE + "\"");
        assertThatThrownBy(() -> ARCHIVE.archiving.archive(xml.getBytes(StandardCharsets.UTF_8), context()))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REAL_IDENTITY_CODE_IN_TEST));
        closeWindow(process);

        // then the findings name the refusal
        assertThat(process).variables().containsEntry("verificationPassed", false);
        assertThat((String) ENGINE.getRuntimeService().getVariable(process.getId(), "verificationSummary"))
                .contains("The archive refused the document", "REAL_IDENTITY_CODE_IN_TEST").doesNotContain(REAL_CODE);
    }

    @Test
    void theArchivistsRejectionReturnsTheTestToScheduling() {
        ProcessInstance process = register(EnumSet.of(KantaFunction.ARCHIVING));
        acceptAndSchedule(process);
        openWindow(process);
        sendTestCase(process, Set.of());
        closeWindow(process);
        assertThat(process).variables().containsEntry("verificationPassed", true);

        reviewFindings(process, false, "Asiakaskertomus ei vastaa järjestelmän tietoja");

        assertThat(process).isWaitingAt("Task_ScheduleTestWindow");
        assertThat(run(process).state()).isEqualTo(TestRunState.FAILED);
        assertThat(run(process).note()).isEqualTo("Asiakaskertomus ei vastaa järjestelmän tietoja");
        assertThat(function(KantaFunction.ARCHIVING).state()).isEqualTo(FunctionState.TESTING);
    }

    @Test
    void aLateReportIsEscalatedAfterTwoBusinessDaysSkippingEaster() {
        ProcessInstance process = passedAndReported(EnumSet.of(KantaFunction.ARCHIVING));

        // just before the end of the due day (Tuesday 30.3.2027 in Finland) nothing escalates
        assertThat(ENGINE.getManagementService().createJobQuery().timers().singleResult().getDuedate())
                .isEqualTo(Date.from(Instant.parse("2027-03-30T21:00:00Z")));
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-03-30T20:59:00Z")));
        assertThat(ENGINE.getManagementService().createJobQuery().executable().count()).isZero();

        // when the due day is over
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-03-30T21:00:01Z")));
        execute(job());

        // then the coordinators chase the report, and the lead can still send it
        assertThat(process).isWaitingAt("Task_SendReportToKela", "Task_ChaseLateReport");
        assertThat(ENGINE.getTaskService().createTaskQuery().processInstanceId(process.getId())
                .taskDefinitionKey("Task_ChaseLateReport").singleResult()).satisfies(
                        t -> assertThat(t).hasCandidateGroup("kela-coordinators"));
    }

    @Test
    void aCoordinatorWhoDoesNotApproveReturnsTheTestForARetest() {
        ProcessInstance process = passedAndReported(EnumSet.of(KantaFunction.ARCHIVING));
        complete(task("Task_SendReportToKela", process), withVariables("reportSent", true));

        complete(task("Task_ApproveDeployment", process), withVariables("deploymentApproved", false,
                "approvalNote", "Raportti puutteellinen"));

        assertThat(process).isWaitingAt("Task_ScheduleTestWindow").hasPassed("Task_ReturnForRetest");
        assertThat(run(process).state()).isEqualTo(TestRunState.FAILED);
        assertThat(function(KantaFunction.ARCHIVING).state()).isEqualTo(FunctionState.TESTING);
    }

    @Test
    void theRegisterAccessRightTestIsRecommendedOnceTheSystemCombinationWasApproved() {
        // given a provider and a first register access right deployment of this combination
        int businessId = ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        Organisation provider = ARCHIVE.registry.register("Palveluntuottaja Oy " + businessId, null,
                Oid.of("1.2.246.10." + businessId + ".10.0"));
        ClientInformationSystem organiserSystem = new ClientInformationSystem("Sosiaalitieto", "6." + businessId, "Toimittaja A");
        ClientInformationSystem providerSystem = new ClientInformationSystem("Hoiva", "2." + businessId, "Toimittaja B");
        ProcessInstance first = registerAccess(provider, organiserSystem, providerSystem);
        assertThat(first).variables().containsEntry("testRequirement", "REQUIRED");

        // when that test is approved
        TestRunId firstRun = run(first).id();
        Instant start = BASE.plus(Duration.ofHours(1));
        ARCHIVE.ledger.schedule(firstRun, start, start.plusSeconds(60), List.of());
        ARCHIVE.ledger.transition(firstRun, EnumSet.of(TestRunState.SCHEDULED), TestRunState.APPROVED, null, BASE);

        // then the next deployment of the same combination (either way round) needs no test, only recommends one
        ProcessInstance second = registerAccess(provider, providerSystem, organiserSystem);
        assertThat(second).variables().containsEntry("testRequirement", "RECOMMENDED");
        ProcessInstance other = registerAccess(provider, organiserSystem,
                new ClientInformationSystem("Hoiva", "3." + businessId, "Toimittaja B"));
        assertThat(other).variables().containsEntry("testRequirement", "REQUIRED");
    }

    @Test
    void aRegistrationOfAFunctionInUseIsRefusedAndRecordsNothing() {
        ARCHIVE.registry.setFunction(organisation.id(), new FunctionUse(KantaFunction.ARCHIVING, FunctionState.IN_USE,
                LocalDate.of(2020, 1, 1)));
        assertThatThrownBy(() -> SERVICE.register(registration(EnumSet.of(KantaFunction.ARCHIVING))))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DEPLOYMENT_TEST_STATE_CONFLICT));
        assertThat(ARCHIVE.registry.find(organisation.id()).orElseThrow().systems()).isEmpty();
    }

    // ---- steps ------------------------------------------------------------------------------

    private Registration registration(Set<KantaFunction> functions) {
        return new Registration(organisation.id(), null, null, functions,
                new ClientInformationSystem("Sosiaalitieto", "5.2", "Testitoimittaja Oy"), LocalDate.of(2027, 5, 3),
                "lead-1", null, null);
    }

    /** As the REST API does: the registration is recorded, then its process starts. */
    private ProcessInstance register(Set<KantaFunction> functions) {
        TestRun run = SERVICE.register(registration(functions));
        return ENGINE.getRuntimeService().startProcessInstanceByKey("deploymentTest",
                "deployment-test:" + organisation.id() + ":" + run.id(), Map.of("testRunId", run.id().toString()));
    }

    private ProcessInstance registerAccess(Organisation provider, ClientInformationSystem system,
                                           ClientInformationSystem providerSystem) {
        TestRun run = SERVICE.register(new Registration(organisation.id(), null, null,
                EnumSet.of(KantaFunction.REGISTER_ACCESS_RIGHT), system, LocalDate.of(2027, 5, 3), "lead-1", provider.id(),
                providerSystem));
        return ENGINE.getRuntimeService().startProcessInstanceByKey("deploymentTest", "deployment-test:" + run.id(),
                Map.of("testRunId", run.id().toString()));
    }

    private void acceptAndSchedule(ProcessInstance process) {
        ENGINE.getTaskService().claim(task(process).getId(), "coordinator-1");
        complete(task(process), withVariables("registrationAccepted", true));
        schedule(process, BASE);
    }

    /** The window opens an hour after {@code from} and lasts four hours (as the form submits: ISO with an offset). */
    private void schedule(ProcessInstance process, Instant from) {
        assertThat(process).isWaitingAt("Task_ScheduleTestWindow");
        ENGINE.getTaskService().claim(task(process).getId(), "coordinator-1");
        complete(task(process), withVariables(
                "windowStart", from.plus(Duration.ofHours(1)).atOffset(java.time.ZoneOffset.ofHours(2)).toString(),
                "windowEnd", from.plus(Duration.ofHours(5)).atOffset(java.time.ZoneOffset.ofHours(2)).toString(),
                "testIdentityCount", 2L));
    }

    private void openWindow(ProcessInstance process) {
        assertThat(process).isWaitingAt("Event_WindowOpens");
        ClockUtil.setCurrentTime(Date.from(run(process).windowStart().plusSeconds(1)));
        execute(job());
    }

    private void closeWindow(ProcessInstance process) {
        assertThat(process).isWaitingAt("Event_WindowCloses");
        ClockUtil.setCurrentTime(Date.from(run(process).windowEnd().plusSeconds(1)));
        execute(job());
        assertThat(process).isWaitingAt("Task_VerifyTestDocuments");
        execute(job());
    }

    private void reviewFindings(ProcessInstance process, boolean confirmed, String note) {
        assertThat(process).isWaitingAt("Task_ReviewFindings");
        ENGINE.getTaskService().claim(task(process).getId(), "archivist-1");
        complete(task(process), withVariables("archivistConfirmed", confirmed, "archivistNote", note));
    }

    private ProcessInstance passedAndReported(Set<KantaFunction> functions) {
        ProcessInstance process = register(functions);
        acceptAndSchedule(process);
        openWindow(process);
        sendTestCase(process, Set.of());
        closeWindow(process);
        reviewFindings(process, true, null);
        execute(job());
        assertThat(process).isWaitingAt("Task_SendReportToKela");
        return process;
    }

    /** The client system enters the test case (all but {@code skipped}) with the first test identity code handed out. */
    private void sendTestCase(ProcessInstance process, Set<String> skipped) {
        TestRun run = run(process);
        List<TestCaseDocuments.TestCaseDocument> documents = TestCaseDocuments.write(
                TestCaseCatalogue.expectedFor(run.functions()),
                options(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), run.identities().get(0)));
        for (TestCaseDocuments.TestCaseDocument document : documents) {
            if (skipped.contains(document.key())) {
                continue;
            }
            ARCHIVE.archiving.archive(document.xml(), context());
            if (document.toNullify()) {
                ARCHIVE.archiving.nullify(new DocumentOid(document.documentOid()), "Testin mitätöinti", context());
            }
        }
    }

    private TestCaseDocuments.Options options(long seed, String client) {
        Clock clock = ProcessTestArchive.ENGINE_CLOCK;
        return new TestCaseDocuments.Options(organisation.organisationOid(), ORGANISATION_NAME, client,
                LocalDate.ofInstant(clock.instant(), DeploymentTestService.FINLAND), seed,
                ARCHIVE.systemSignerFor(organisation.organisationOid(), ORGANISATION_NAME, clock)::sign,
                ARCHIVE.pki.professionalSigner(0, clock)::sign);
    }

    private RequestContext context() {
        return new RequestContext(organisation.organisationOid(), "cis-test-user", RequestContext.OWN_REGISTER_USE);
    }

    private TestRun run(ProcessInstance process) {
        // from the history: the process may have ended
        return ARCHIVE.ledger.get(TestRunId.of((String) ENGINE.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(process.getId()).variableName("testRunId").singleResult().getValue()));
    }

    private FunctionUse function(KantaFunction function) {
        return ARCHIVE.registry.find(organisation.id()).orElseThrow().function(function).orElseThrow();
    }

    @SuppressWarnings("unused")
    private static OrganisationId id(long value) {
        return new OrganisationId(value);
    }
}
