package fi.arkisto.workflows.registeraccess;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.arkisto.store.accessrecords.AgreementRecord;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.deploymenttest.TestRun;
import fi.arkisto.store.deploymenttest.TestRunId;
import fi.arkisto.store.deploymenttest.TestRunRegistration;
import fi.arkisto.store.deploymenttest.TestRunState;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.organisation.ClientInformationSystem;
import fi.arkisto.store.organisation.FunctionState;
import fi.arkisto.store.organisation.FunctionUse;
import fi.arkisto.store.organisation.KantaFunction;
import fi.arkisto.store.organisation.Organisation;
import fi.arkisto.store.testsupport.ClientRelationshipForms;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.testkit.deployment.TestCaseCatalogue;
import fi.arkisto.testkit.generator.TestCaseDocuments;
import fi.arkisto.workflows.calendar.FinnishBusinessDays;
import fi.arkisto.workflows.deploymenttest.DeploymentTestService;
import fi.arkisto.workflows.deploymenttest.DeploymentTestSteps;
import fi.arkisto.workflows.support.ProcessTestArchive;
import fi.arkisto.workflows.support.ProcessTestEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

/**
 * Every path of bpmn/register-access-lifecycle.bpmn against the real archive (local PostgreSQL, embedded S3, signed
 * client relationship documents) with the engine's clock moved for the contract's end: a missing registry
 * prerequisite waiting in its task, a required test as a call activity of the deployment test, a recommended test
 * skipped with a reason, the end by the contract's date and by either party's notice.
 */
@Deployment(resources = {"bpmn/register-access-lifecycle.bpmn", "bpmn/deployment-test.bpmn",
        "bpmn/register-access-test-required.dmn"})
class RegisterAccessLifecycleProcessTest {

    private static final ZoneId FINLAND = ZoneId.of("Europe/Helsinki");
    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Pattern SIGNATURE_COLLECTION =
            Pattern.compile("<signatureCollection xmlns=\"urn:hl7finland\">.*?</signatureCollection>", Pattern.DOTALL);
    private static final ProcessTestArchive ARCHIVE = new ProcessTestArchive(Oid.of("1.2.246.10.99999002.10.0"),
            "Testilän hyvinvointialue", BASE);
    private static final DeploymentTestService DEPLOYMENT_TESTS = new DeploymentTestService(ARCHIVE.registry,
            ARCHIVE.ledger, ARCHIVE.reading, ARCHIVE.audit, new FinnishBusinessDays(), ProcessTestArchive.ENGINE_CLOCK, 2);
    private static final RegisterAccessLifecycleService SERVICE = new RegisterAccessLifecycleService(ARCHIVE.registry,
            ARCHIVE.ledger, ARCHIVE.agreements, ARCHIVE.clientFacts, ProcessTestArchive.ENGINE_CLOCK);
    // not final: the extension injects the engine it was given into ProcessEngine fields
    private static ProcessEngine ENGINE = ProcessTestEngine.build(Map.of(
            "deploymentTestSteps", new DeploymentTestSteps(DEPLOYMENT_TESTS, new ObjectMapper()),
            "registerAccessLifecycleSteps", new RegisterAccessLifecycleSteps(SERVICE)));

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(ENGINE).build();

    private Organisation organiser;
    private Organisation provider;
    private ClientInformationSystem organiserSystem;
    private ClientInformationSystem providerSystem;

    @BeforeEach
    void bothPartiesJoinWithTheirSystems() {
        BpmnAwareTests.init(ENGINE);
        ClockUtil.setCurrentTime(Date.from(BASE));
        organiser = joined("Testilän hyvinvointialue");
        provider = joined("Hoivapalvelu Oy");
        int version = ThreadLocalRandom.current().nextInt(1, 1_000_000);
        organiserSystem = new ClientInformationSystem("Sosiaalitieto", "7." + version, "Toimittaja A");
        providerSystem = new ClientInformationSystem("Hoiva", "3." + version, "Toimittaja B");
        ARCHIVE.registry.addSystem(organiser.id(), organiserSystem);
        ARCHIVE.registry.addSystem(provider.id(), providerSystem);
        enable(organiser);
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
    void aMissingRegistryPrerequisiteWaitsInATaskThatSaysWhatIsMissingAndProceedsOnceMet() {
        // given a provider that has not enabled the register access right in the registry
        combinationApprovedBefore();
        ProcessInstance process = request(null);

        // then the request waits in a task that names what is missing
        assertThat(process).isWaitingAt("Task_CompletePrerequisites").task().hasCandidateGroup("kela-coordinators")
                .hasCandidateUser("lead-1");
        assertThat((String) variable(process, "missingPrerequisites"))
                .contains("has not enabled the register access right in the registry", provider.name())
                .doesNotContain(organiser.name());

        // when it is completed with nothing changed, the registry is checked again and it still waits
        complete(task(process));
        assertThat(process).isWaitingAt("Task_CompletePrerequisites");

        // when the provider enables the function and the task is completed
        enable(provider);
        complete(task(process));

        // then the request goes on to the deployment test decision
        assertThat(process).isWaitingAt("Task_DecideRecommendedTest").hasPassed("Task_DecideTestRequirement");
        assertThat(process).variables().containsEntry("prerequisitesMet", true).containsEntry("missingPrerequisites", "");
    }

    @Test
    void aProviderThatHasNotJoinedIsNamedAsMissing() {
        Oid stranger = Oid.of("1.2.246.10." + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999) + ".10.0");
        ProcessInstance process = ENGINE.getRuntimeService().startProcessInstanceByKey(LifecycleValues.PROCESS_KEY,
                LifecycleValues.of("r-" + stranger, new AccessRequest(organiser.organisationOid(), stranger, "SOP-1",
                        false, List.of(), null, null, "lead-1")));

        assertThat(process).isWaitingAt("Task_CompletePrerequisites");
        assertThat((String) variable(process, "missingPrerequisites"))
                .contains("The provider " + stranger + " has not joined the archive");
    }

    @Test
    void aRequiredTestRunsAsACallActivityOfTheDeploymentTestWithBothPartiesAndARejectedOneEnablesNothing() {
        // given both parties ready, on a combination of systems never tested
        enable(provider);

        // when the organiser requests enabling
        ProcessInstance process = request(null);

        // then the DMN requires the test, which runs as the deployment test process with both parties
        assertThat(process).variables().containsEntry("testRequirement", "REQUIRED");
        assertThat(process).isWaitingAt("CallActivity_DeploymentTest");
        ProcessInstance test = ENGINE.getRuntimeService().createProcessInstanceQuery()
                .superProcessInstanceId(process.getId()).singleResult();
        assertThat(test).isNotNull().isWaitingAt("Task_ReviewRegistration");
        TestRun run = ARCHIVE.ledger.get(TestRunId.of((String) variable(process, "testRunId")));
        assertThat(run.organisationId()).isEqualTo(organiser.id());
        assertThat(run.partnerOrganisationId()).isEqualTo(provider.id());
        assertThat(run.functions()).containsExactly(KantaFunction.REGISTER_ACCESS_RIGHT);
        assertThat(run.system()).isEqualTo(organiserSystem);
        assertThat(run.partnerSystem()).isEqualTo(providerSystem);
        assertThat(test.getBusinessKey()).startsWith("deployment-test:" + organiser.organisationOid().value());

        // when the coordinator rejects the test's registration
        complete(task(test), withVariables("registrationAccepted", false, "coordinatorNote", "Järjestelmä ei ole sertifioitu"));

        // then the lifecycle ends without an agreement
        assertThat(test).isEnded();
        assertThat(process).isEnded().hasPassed("Task_ReadTestOutcome", "EndEvent_NotEnabled")
                .hasNotPassed("Task_ActivateAgreement");
        assertThat(agreements()).isEmpty();
    }

    @Test
    void anApprovedRequiredTestActivatesTheAgreement() {
        // given both parties ready on a combination never tested, the test running as the call activity
        enable(provider);
        ProcessInstance process = request(null);
        ProcessInstance test = ENGINE.getRuntimeService().createProcessInstanceQuery()
                .superProcessInstanceId(process.getId()).singleResult();
        complete(task(test), withVariables("registrationAccepted", true));
        Instant start = BASE.plus(1, ChronoUnit.HOURS);
        complete(task(test), withVariables("windowStart", start.toString(), "windowEnd",
                start.plus(4, ChronoUnit.HOURS).toString(), "testIdentityCount", 1L));
        TestRun run = ARCHIVE.ledger.get(TestRunId.of((String) variable(process, "testRunId")));

        // when the window opens and the test case arrives: the organiser places the test client with the provider,
        // and the provider's own system records its client document in the organiser's register (no agreement yet)
        ClockUtil.setCurrentTime(Date.from(start.plusSeconds(1)));
        executeJobOf(test);
        String client = ARCHIVE.ledger.get(run.id()).identities().get(0);
        placeWithProvider(client);
        TestCaseDocuments.TestCaseDocument providers = TestCaseDocuments.write(
                List.of(TestCaseCatalogue.item(TestCaseCatalogue.PROVIDER_CASE_DOCUMENT)), new TestCaseDocuments.Options(
                        organiser.organisationOid(), organiser.name(), client, today(),
                        ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), bytes -> bytes, null)).get(0);
        byte[] inProvidersUnit = new String(providers.xml(), StandardCharsets.UTF_8)
                .replace(unitOf(organiser), unitOf(provider)).getBytes(StandardCharsets.UTF_8);
        ARCHIVE.archiving.archive(ARCHIVE.systemSignerFor(provider.organisationOid(), provider.name(),
                ProcessTestArchive.ENGINE_CLOCK).sign(inProvidersUnit), asProvider());

        // and the window closes and everyone approves
        ClockUtil.setCurrentTime(Date.from(start.plus(4, ChronoUnit.HOURS).plusSeconds(1)));
        executeJobOf(test);
        executeJobOf(test);
        assertThat(test).isWaitingAt("Task_ReviewFindings").variables().containsEntry("verificationPassed", true);
        complete(task(test), withVariables("archivistConfirmed", true));
        executeJobOf(test);
        complete(task(test), withVariables("reportSent", true));
        complete(task(test), withVariables("deploymentApproved", true));
        executeJobOf(test);

        // then the test ends approved, and the lifecycle activates the agreement
        assertThat(test).isEnded().hasPassed("EndEvent_FunctionsInUse");
        assertThat(process).hasPassed("Task_ReadTestOutcome").isWaitingAt("Task_ActivateAgreement");
        assertThat(process).variables().containsEntry("testApproved", true);
        executeJobOf(process);
        assertThat(process).isWaitingAt("Event_EndNoticeReceived");
        assertThat(agreements()).singleElement().satisfies(a -> assertThat(a.inEffectOn(today())).isTrue());
        assertThat(ARCHIVE.registry.find(organiser.id()).orElseThrow().function(KantaFunction.REGISTER_ACCESS_RIGHT)
                .map(FunctionUse::state)).contains(FunctionState.IN_USE);
    }

    @Test
    void aTestOfANewCombinationLeavesTheOrganisersFunctionInUseWithItsStartDate() {
        // given an organiser that uses the register access right since 2024 with other providers
        FunctionUse inUse = new FunctionUse(KantaFunction.REGISTER_ACCESS_RIGHT, FunctionState.IN_USE, LocalDate.of(2024, 3, 1));
        ARCHIVE.registry.setFunction(organiser.id(), inUse);
        enable(provider);

        // when its new combination with this provider is tested and the window agreed
        ProcessInstance process = request(null);
        ProcessInstance test = ENGINE.getRuntimeService().createProcessInstanceQuery()
                .superProcessInstanceId(process.getId()).singleResult();
        complete(task(test), withVariables("registrationAccepted", true));
        Instant start = BASE.plus(1, ChronoUnit.DAYS);
        complete(task(test), withVariables("windowStart", start.toString(), "windowEnd", start.plus(4, ChronoUnit.HOURS)
                .toString(), "testIdentityCount", 1L));

        // then the function stays in use from its own start date while the combination is tested
        assertThat(test).isWaitingAt("Event_WindowOpens");
        assertThat(ARCHIVE.registry.find(organiser.id()).orElseThrow().function(KantaFunction.REGISTER_ACCESS_RIGHT))
                .contains(inUse);
        assertThat(process).isWaitingAt("CallActivity_DeploymentTest");
    }

    @Test
    void theClientsCountedAreThoseTheOrganisersCurrentDocumentsPlaceWithTheProviderFromToday() {
        // given clients placed with the provider: one now, one whose placement ended yesterday, one with another
        // provider, one placed twice; and a client of another organiser placed with the same provider
        Organisation other = joined("Muu tuottaja Oy");
        String now = KantaSamples.newTestIdentityCode();
        placeWithProvider(now);
        placeWith(organiser, KantaSamples.newTestIdentityCode(), provider, today().minusDays(1));
        placeWith(organiser, KantaSamples.newTestIdentityCode(), other, null);
        String twice = KantaSamples.newTestIdentityCode();
        placeWithProvider(twice);
        placeWithProvider(twice);
        placeWith(other, KantaSamples.newTestIdentityCode(), provider, null);

        // then two clients are under an agreement between the organiser and the provider
        assertThat(SERVICE.clientsUnderAgreement(organiser.organisationOid(), provider.organisationOid())).isEqualTo(2);
    }

    @Test
    void aRecommendedTestIsSkippedOnlyWithAReasonAndTheAgreementBecomesActive() {
        // given both parties ready on a combination approved before, and a client placed with the provider
        enable(provider);
        combinationApprovedBefore();
        String client = KantaSamples.newTestIdentityCode();
        String relationship = placeWithProvider(client);
        ProcessInstance process = request(null);
        assertThat(process).variables().containsEntry("testRequirement", "RECOMMENDED").containsEntry("clientsUnderAgreement", 1);
        assertThat(process).isWaitingAt("Task_DecideRecommendedTest").task().hasCandidateGroup("kela-coordinators");

        // when the coordinator skips it without a reason, the skip is refused and the task stays
        assertThatThrownBy(() -> complete(task(process), withVariables("runTest", false)))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD_VALUE));
        assertThat(process).isWaitingAt("Task_DecideRecommendedTest");

        // when the coordinator skips it with a reason
        complete(task(process), withVariables("runTest", false, "testSkipReason", "Sama yhdistelmä testattu 2026"));
        assertThat(agreements()).isEmpty();
        execute(job());

        // then the reason is recorded and the agreement the access rules read is active
        assertThat(process).hasPassed("Task_RecordTestSkipped", "Task_ActivateAgreement")
                .hasNotPassed("CallActivity_DeploymentTest").isWaitingAt("Event_EndNoticeReceived");
        assertThat(process).variables().containsEntry("testSkipReason", "Sama yhdistelmä testattu 2026")
                .containsEntry("clientsUnderAgreement", 1);
        AgreementRecord agreement = agreements().get(0);
        assertThat(agreement.id().toString()).isEqualTo(variable(process, "agreementId"));
        assertThat(agreement.inEffectOn(today())).isTrue();
        assertThat(agreement.contractReference()).isEqualTo("SOP-2026-17");
        assertThat(agreement.created().userId()).isEqualTo("lead-1");
        assertThat(ARCHIVE.reading.metadata(new DocumentOid(relationship), asProvider()).metadata().clientId())
                .isEqualTo(client);
    }

    @Test
    void theContractsEndDateEndsTheAgreementByTimerAndTheProviderIsTold() {
        // given an active agreement whose contract ends in ten days
        LocalDate lastDay = today().plusDays(10);
        ProcessInstance process = active(lastDay);
        // the event-based gateway waits for whichever comes first
        assertThat(process).isWaitingAt("Gateway_AwaitEnd");
        assertThat(ENGINE.getRuntimeService().createEventSubscriptionQuery().processInstanceId(process.getId())
                .eventName(LifecycleValues.END_MESSAGE).count()).isOne();
        Instant endsAt = lastDay.plusDays(1).atStartOfDay(FINLAND).toInstant();
        assertThat(ENGINE.getManagementService().createJobQuery().processInstanceId(process.getId()).timers()
                .singleResult().getDuedate()).isEqualTo(Date.from(endsAt));

        // just before the contract's last day is over nothing happens
        ClockUtil.setCurrentTime(Date.from(endsAt.minusSeconds(1)));
        assertThat(ENGINE.getManagementService().createJobQuery().processInstanceId(process.getId()).executable().count())
                .isZero();

        // when it is over
        ClockUtil.setCurrentTime(Date.from(endsAt.plusSeconds(1)));
        execute(job());

        // then the agreement has ended on its own date and the provider is to be told
        assertThat(process).hasPassed("Event_ContractEnds", "Task_EndAgreement").isWaitingAt("Task_TellProvider");
        assertThat(task(process)).hasCandidateUser("lead-1");
        AgreementRecord agreement = agreements().get(0);
        assertThat(agreement.end()).isNull();
        assertThat(agreement.lastDay()).isEqualTo(lastDay);
        assertThat(agreement.inEffectOn(lastDay.plusDays(1))).isFalse();
        assertThat(process).variables().containsEntry("lastDayText", LifecycleValues.DAY.format(lastDay))
                .containsEntry("endedByText", "sopimuksen päättymispäivä / the contract's end date");
        complete(task(process), withVariables("providerTold", true));
        assertThat(process).isEnded().hasPassed("EndEvent_AgreementEnded");
    }

    @Test
    void theOrganisersNoticeEndsTheAgreementAtOnceAndTheProviderIsRefusedWhateverTheDocumentsSay() {
        // given an open-ended active agreement and a client the organiser places with the provider
        String relationship = placeWithProvider(KantaSamples.newTestIdentityCode());
        ProcessInstance process = active(null);
        assertThat(process).isWaitingAt("Event_EndNoticeReceived");
        assertThat(ENGINE.getManagementService().createJobQuery().processInstanceId(process.getId()).count()).isZero();

        // when the organiser gives notice
        endNotice(process, organiser, "Palvelusopimus irtisanottu");

        // then the agreement ends today, by the organiser, and the provider is to be told
        assertThat(process).hasPassed("Event_EndNoticeReceived", "Task_EndAgreement").isWaitingAt("Task_TellProvider");
        AgreementRecord agreement = agreements().get(0);
        assertThat(agreement.end().from()).isEqualTo(today());
        assertThat(agreement.end().stamp().organisation()).isEqualTo(organiser.organisationOid().value());
        assertThat(agreement.end().reason()).isEqualTo("Palvelusopimus irtisanottu");
        assertThat(agreement.inEffectOn(today())).isFalse();
        assertThat(process).variables().containsEntry("endedByText", "järjestäjä / the organiser")
                .containsEntry("clientsUnderAgreement", 1);

        // and the provider no longer reads the client's documents, though the organiser's document still names it
        assertThatThrownBy(() -> ARCHIVE.reading.metadata(new DocumentOid(relationship), asProvider()))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REGISTER_ACCESS_AGREEMENT_ENDED));
    }

    @Test
    void theProvidersNoticeEndsTheAgreementBeforeTheContractsEndDate() {
        // given an active agreement whose contract runs a year
        ProcessInstance process = active(today().plusYears(1));

        // when the provider gives notice ending it in a month
        LocalDate endsOn = today().plusMonths(1);
        Map<String, Object> notice = new HashMap<>(Map.of(LifecycleValues.ENDED_BY, provider.organisationOid().value(),
                LifecycleValues.ENDED_BY_USER, "provider-user", LifecycleValues.ENDS_ON, endsOn.toString()));
        ENGINE.getRuntimeService().createMessageCorrelation(LifecycleValues.END_MESSAGE)
                .processInstanceId(process.getId()).setVariables(notice).correlate();

        // then the agreement ends from that day, by the provider; the contract's timer is gone
        assertThat(process).hasPassed("Event_EndNoticeBeforeContractEnd").hasNotPassed("Event_ContractEnds")
                .isWaitingAt("Task_TellProvider");
        assertThat(ENGINE.getManagementService().createJobQuery().processInstanceId(process.getId()).timers().count())
                .isZero();
        AgreementRecord agreement = agreements().get(0);
        assertThat(agreement.end().from()).isEqualTo(endsOn);
        assertThat(agreement.end().stamp().organisation()).isEqualTo(provider.organisationOid().value());
        assertThat(agreement.lastDay()).isEqualTo(endsOn.minusDays(1));
        assertThat(process).variables().containsEntry("endedByText", "tuottaja / the provider");
    }

    // ---- steps ------------------------------------------------------------------------------

    private static Organisation joined(String name) {
        int businessId = ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        return ARCHIVE.registry.register(name + " " + businessId, null, Oid.of("1.2.246.10." + businessId + ".10.0"));
    }

    private static void enable(Organisation organisation) {
        ARCHIVE.registry.setFunction(organisation.id(), new FunctionUse(KantaFunction.REGISTER_ACCESS_RIGHT,
                FunctionState.PLANNED, null));
    }

    /** An approved register access right test of the same two systems, between other organisations. */
    private void combinationApprovedBefore() {
        Organisation other = joined("Toinen hyvinvointialue");
        Organisation otherProvider = joined("Toinen tuottaja Oy");
        TestRun run = ARCHIVE.ledger.register(new TestRunRegistration(other.id(), EnumSet.of(KantaFunction.REGISTER_ACCESS_RIGHT),
                        providerSystem, today(), "lead-2", otherProvider.id(), organiserSystem),
                other.organisationOid().value(), otherProvider.organisationOid().value(), BASE);
        ARCHIVE.ledger.schedule(run.id(), BASE, BASE.plusSeconds(60), List.of());
        ARCHIVE.ledger.transition(run.id(), EnumSet.of(TestRunState.SCHEDULED), TestRunState.APPROVED, null, BASE);
    }

    private ProcessInstance request(LocalDate validUntil) {
        // the contract took effect a month ago: an agreement ended on its first day would never have been in effect
        AccessRequest request = new AccessRequest(organiser.organisationOid(), provider.organisationOid(), "SOP-2026-17",
                false, List.of(), today().minusMonths(1), validUntil, "lead-1");
        String requestId = "request-" + ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        return ENGINE.getRuntimeService().startProcessInstanceByKey(LifecycleValues.PROCESS_KEY,
                LifecycleValues.businessKey(requestId, request), LifecycleValues.of(requestId, request));
    }

    /** A request on a combination approved before, its recommended test skipped, activated. */
    private ProcessInstance active(LocalDate validUntil) {
        enable(provider);
        combinationApprovedBefore();
        ProcessInstance process = request(validUntil);
        complete(task(process), withVariables("runTest", false, "testSkipReason", "Yhdistelmä testattu aiemmin"));
        execute(job());
        assertThat(agreements()).singleElement().satisfies(a -> assertThat(a.inEffectOn(today())).isTrue());
        return process;
    }

    private void endNotice(ProcessInstance process, Organisation party, String reason) {
        Map<String, Object> notice = new HashMap<>();
        notice.put(LifecycleValues.ENDED_BY, party.organisationOid().value());
        notice.put(LifecycleValues.ENDED_BY_USER, "user-of-" + party.id());
        notice.put(LifecycleValues.END_REASON, reason);
        ENGINE.getRuntimeService().createMessageCorrelation(LifecycleValues.END_MESSAGE)
                .processInstanceId(process.getId()).setVariables(notice).correlate();
    }

    /** The organiser's signed client relationship document placing the client with a unit of the provider. */
    private String placeWithProvider(String client) {
        return placeWith(organiser, client, provider, null);
    }

    /** A signed client relationship document of {@code controller} placing the client with a unit of {@code with}. */
    private static String placeWith(Organisation controller, String client, Organisation with, LocalDate until) {
        String unit = with.organisationOid().value().substring(0, with.organisationOid().value().length() - 1) + "2001";
        KantaSamples.Builder document = KantaSamples.document().client(client)
                .controller(controller.organisationOid().value()).serviceTask("24").structuredForm(form -> {
                    ClientRelationshipForms.relationship(form, today().minusMonths(1), null);
                    ClientRelationshipForms.providers(form, "24",
                            new ClientRelationshipForms.Provider(unit, today().minusMonths(1), until));
                });
        String unsigned = SIGNATURE_COLLECTION.matcher(new String(document.build(), StandardCharsets.UTF_8)).replaceFirst("");
        byte[] signed = ARCHIVE.systemSignerFor(controller.organisationOid(), controller.name(), ProcessTestArchive.ENGINE_CLOCK)
                .sign(unsigned.getBytes(StandardCharsets.UTF_8));
        ARCHIVE.archiving.archive(signed, new RequestContext(controller.organisationOid(), "cis-user",
                RequestContext.OWN_REGISTER_USE));
        return document.oidValue();
    }

    /** The unit the test kit names for an organisation's documents (TestCaseDocuments). */
    private static String unitOf(Organisation organisation) {
        String oid = organisation.organisationOid().value();
        return oid.substring(0, oid.length() - 1) + "2001001";
    }

    private static void executeJobOf(ProcessInstance process) {
        org.camunda.bpm.engine.runtime.Job job = ENGINE.getManagementService().createJobQuery()
                .processInstanceId(process.getId()).executable().singleResult();
        assertThat(job).as("an executable job of " + process.getId()).isNotNull();
        ENGINE.getManagementService().executeJob(job.getId());
    }

    private RequestContext asProvider() {
        return new RequestContext(provider.organisationOid(), "provider-professional", RequestContext.OWN_REGISTER_USE);
    }

    private List<AgreementRecord> agreements() {
        return ARCHIVE.agreements.list(new RequestContext(organiser.organisationOid(), "test-reader",
                RequestContext.OWN_REGISTER_USE), provider.organisationOid());
    }

    private static Object variable(ProcessInstance process, String name) {
        return ENGINE.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(process.getId())
                .variableName(name).singleResult().getValue();
    }

    private static LocalDate today() {
        return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), FINLAND);
    }
}
