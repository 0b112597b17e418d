package fi.arkisto.app.api.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.deploymenttest.TestRun;
import fi.arkisto.store.deploymenttest.TestRunLedger;
import fi.arkisto.store.deploymenttest.TestRunState;
import fi.arkisto.store.organisation.OrganisationRegistry;
import fi.arkisto.store.testsupport.ClientRelationshipForms.Provider;
import fi.arkisto.store.testsupport.KantaSamples;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The register access lifecycle through the running application (real PostgreSQL, signed documents): the organiser
 * requests enabling, the coordinator skips the recommended test with a reason, the agreement becomes active, and once
 * a party ends it through the process the provider is refused even for a client whose client relationship document
 * still names it. Bad requests and notices answer their codes and change nothing.
 */
class RegisterAccessLifecycleApiTest extends ApiIntegrationTest {

    private static final String LIFECYCLES = "/api/v1/register-access-lifecycles";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Helsinki"));
    private static final LocalDate FROM = TODAY.minusMonths(2);
    /** The unit of the provider that the organiser's client relationship document names. */
    private static final int PROVIDER_UNIT = 2001001;

    @Autowired
    OrganisationRegistry registry;
    @Autowired
    TestRunLedger ledger;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    IdentityService identity;

    private static String body(String organiser, String provider) {
        return "{\"organiser\": \"" + organiser + "\", \"provider\": \"" + provider + "\", \"contractReference\": "
                + "\"SOP-2026-31\", \"validFrom\": \"" + FROM + "\"}";
    }

    @Test
    void afterTheAgreementEndsThroughTheProcessTheProviderIsRefusedThoughTheClientRelationshipDocumentStillNamesIt() {
        // given two organisations that have joined and enabled the function, on a combination tested before,
        // and a client the organiser places with a unit of the provider
        String organiser = joinedOrganisation();
        String provider = joinedOrganisation();
        combinationApprovedBefore(organiser, provider);
        String client = KantaSamples.newTestIdentityCode();
        archiveClientRelationship(organiser, client, FROM, null, new Provider(unitOf(provider, PROVIDER_UNIT), FROM, null));
        // the organiser's client report of the client in the service task the document names
        String report = archiveReportAndOldDocument(organiser, client).get(0);

        // when the organiser requests enabling the register access right
        HttpResponse<byte[]> requested = postJson(LIFECYCLES, organiser, body(organiser, provider));

        // then the lifecycle waits for the coordinator's decision on the recommended test, counting the client
        assertThat(requested.statusCode()).as(text(requested)).isEqualTo(202);
        JsonNode lifecycle = json(requested);
        String requestId = lifecycle.path("requestId").asText();
        assertThat(requested.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(LIFECYCLES + "/" + requestId));
        assertThat(activities(lifecycle)).containsExactly("Task_DecideRecommendedTest");
        assertThat(lifecycle.path("testRequirement").asText()).isEqualTo("RECOMMENDED");
        assertThat(lifecycle.path("clientsUnderAgreement").asInt()).isEqualTo(1);
        assertThat(lifecycle.path("businessKey").asText()).startsWith("register-access:" + organiser + ":" + provider);
        // before activation the provider has no right over the client
        assertProblem(getAs(metadata(report), provider), 403, "REGISTER_ACCESS_AGREEMENT_MISSING");

        // when the coordinator skips the recommended test with a reason and the activation runs
        String processInstanceId = lifecycle.path("processInstanceId").asText();
        Task decision = tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult();
        tasks.complete(decision.getId(), Map.of("runTest", false, "testSkipReason", "Yhdistelmä testattu 2026"));
        Job activation = management.createJobQuery().processInstanceId(processInstanceId).singleResult();
        management.executeJob(activation.getId());

        // then the agreement is active: the provider reads the client's document, and both parties see the lifecycle
        JsonNode active = json(getAs(LIFECYCLES + "/" + requestId, provider));
        assertThat(activities(active)).containsExactly("Event_EndNoticeReceived");
        String agreementId = active.path("agreementId").asText();
        assertThat(json(getAs("/api/v1/register-access-agreements/" + agreementId, provider)).path("inEffect").asBoolean())
                .isTrue();
        HttpResponse<byte[]> read = getAs(metadata(report), provider);
        assertThat(read.statusCode()).as(text(read)).isEqualTo(200);

        // when the organiser ends it through the process
        HttpResponse<byte[]> ended = postJson(LIFECYCLES + "/" + requestId + "/end", organiser,
                "{\"reason\": \"Palvelusopimus päättyi\"}");

        // then the agreement has ended today by the organiser, and the provider is to be told
        assertThat(ended.statusCode()).as(text(ended)).isEqualTo(200);
        JsonNode agreement = json(ended);
        assertThat(agreement.path("id").asText()).isEqualTo(agreementId);
        assertThat(agreement.path("end").path("organisation").asText()).isEqualTo(organiser);
        assertThat(agreement.path("end").path("endsOn").asText()).isEqualTo(TODAY.toString());
        assertThat(agreement.path("inEffect").asBoolean()).isFalse();
        assertThat(activities(json(getAs(LIFECYCLES + "/" + requestId, organiser)))).containsExactly("Task_TellProvider");

        // and the provider is refused with the agreement's own code, while the organiser's client relationship document
        // (unchanged) still names it
        assertProblem(getAs(metadata(report), provider), 403, "REGISTER_ACCESS_AGREEMENT_ENDED");
        HttpResponse<byte[]> own = getAs(metadata(report), organiser);
        assertThat(own.statusCode()).as(text(own)).isEqualTo(200);
        assertThat(json(own).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(json(getAs(LIFECYCLES + "/" + requestId, organiser)).path("clientsUnderAgreement").asInt()).isEqualTo(1);

        // and a second notice finds nothing in effect
        assertProblem(postJson(LIFECYCLES + "/" + requestId + "/end", provider, "{}"), 409, "REGISTER_ACCESS_NOT_ACTIVE");
    }

    @Test
    void theProviderEndsTheAgreementFromADayOfItsNotice() {
        String organiser = joinedOrganisation();
        String provider = joinedOrganisation();
        String requestId = activeLifecycle(organiser, provider);
        LocalDate endsOn = TODAY.plusDays(14);

        HttpResponse<byte[]> ended = postJson(LIFECYCLES + "/" + requestId + "/end", provider,
                "{\"endsOn\": \"" + endsOn + "\", \"reason\": \"Tuottaja lopettaa palvelun\"}");

        assertThat(ended.statusCode()).as(text(ended)).isEqualTo(200);
        JsonNode agreement = json(ended);
        assertThat(agreement.path("end").path("organisation").asText()).isEqualTo(provider);
        assertThat(agreement.path("end").path("endsOn").asText()).isEqualTo(endsOn.toString());
        assertThat(agreement.path("lastDay").asText()).isEqualTo(endsOn.minusDays(1).toString());
        assertThat(agreement.path("inEffect").asBoolean()).isTrue();
    }

    @Test
    void badRequestsAndNoticesGetTheirOwnCodesAndChangeNothing() {
        String organiser = joinedOrganisation();
        String provider = joinedOrganisation();
        String stranger = newOrganisation();

        // requests that could never become an agreement start nothing
        assertProblem(postJson(LIFECYCLES, organiser, body(organiser, organiser)), 422, "AGREEMENT_WITH_ITSELF");
        assertProblem(postJson(LIFECYCLES, provider, body(organiser, provider)), 403, "AGREEMENT_ORGANISER_REQUIRED");
        assertProblem(postJson(LIFECYCLES, organiser, "{\"organiser\": \"" + organiser + "\", \"provider\": \""
                + provider + "\"}"), 422, "CONTRACT_REFERENCE_REQUIRED");
        assertProblem(postJson(LIFECYCLES, organiser, "{\"organiser\": \"" + organiser + "\", \"provider\": \"x.y\", "
                + "\"contractReference\": \"S-1\"}"), 422, "INVALID_OID");
        assertProblem(postJson(LIFECYCLES, organiser, "{\"organiser\": \"" + organiser + "\", \"provider\": \""
                + provider + "\", \"contractReference\": \"S-1\", \"validFrom\": \"2026-05-01\", \"validUntil\": "
                + "\"2026-04-01\"}"), 422, "INVALID_VALIDITY_PERIOD");
        assertProblem(postJson(LIFECYCLES, organiser, "{\"organiser\": \"" + organiser + "\", \"provider\": \""
                + provider + "\", \"contractReference\": \"S-1\", \"serviceTasks\": [\"x\"]}"), 422, "INVALID_SERVICE_TASK");
        assertProblem(postJson(LIFECYCLES, organiser, "{\"organiser\": "), 400, "MALFORMED_JSON");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("registerAccessLifecycle")
                .variableValueEquals("organiserOid", organiser).count()).isZero();

        // a lifecycle still being enabled has nothing to end; a stranger does not see it
        HttpResponse<byte[]> requested = postJson(LIFECYCLES, organiser, body(organiser, provider));
        assertThat(requested.statusCode()).as(text(requested)).isEqualTo(202);
        String requestId = json(requested).path("requestId").asText();
        assertThat(activities(json(requested))).containsExactly("CallActivity_DeploymentTest");
        assertProblem(postJson(LIFECYCLES + "/" + requestId + "/end", organiser, "{}"), 409, "REGISTER_ACCESS_NOT_ACTIVE");
        assertProblem(getAs(LIFECYCLES + "/" + requestId, stranger), 404, "REGISTER_ACCESS_REQUEST_NOT_FOUND");
        assertProblem(postJson(LIFECYCLES + "/" + requestId + "/end", stranger, "{}"), 404,
                "REGISTER_ACCESS_REQUEST_NOT_FOUND");
        assertProblem(getAs(LIFECYCLES + "/no-such-request", organiser), 404, "REGISTER_ACCESS_REQUEST_NOT_FOUND");

        // an active agreement's notice for a past day or with a bad date ends nothing
        String active = activeLifecycle(joinedOrganisation(), provider);
        String activeOrganiser = json(getAs(LIFECYCLES + "/" + active, provider)).path("organiser").asText();
        assertProblem(postJson(LIFECYCLES + "/" + active + "/end", activeOrganiser,
                "{\"endsOn\": \"" + TODAY.minusDays(1) + "\"}"), 422, "AGREEMENT_END_IN_PAST");
        assertProblem(postJson(LIFECYCLES + "/" + active + "/end", activeOrganiser, "{\"endsOn\": \"1.1.2027\"}"), 422,
                "INVALID_DATE");
        assertProblem(postJson(LIFECYCLES + "/" + active + "/end", activeOrganiser,
                "{\"reason\": \"" + "x".repeat(1001) + "\"}"), 422, "TEXT_TOO_LONG");
        JsonNode still = json(getAs(LIFECYCLES + "/" + active, activeOrganiser));
        assertThat(activities(still)).containsExactly("Event_EndNoticeReceived");
        assertThat(json(getAs("/api/v1/register-access-agreements/" + still.path("agreementId").asText(), activeOrganiser))
                .hasNonNull("end")).isFalse();

        // and without credentials nothing is answered
        HttpResponse<byte[]> anonymous = send(withContext(HttpRequest.newBuilder(uri(LIFECYCLES + "/" + requestId)),
                organiser).GET().build());
        assertProblem(anonymous, 401, "AUTHENTICATION_REQUIRED");
    }

    @Test
    void coordinatorsAndOperatorsSeeTheLifecycleAndDeploymentLeadsDoNot() {
        // given a lifecycle waiting for the coordinator's decision
        String organiser = joinedOrganisation();
        String provider = joinedOrganisation();
        combinationApprovedBefore(organiser, provider);
        HttpResponse<byte[]> requested = postJson(LIFECYCLES, organiser, body(organiser, provider));
        String processInstanceId = json(requested).path("processInstanceId").asText();

        // then coordinators and operators read it in the webapps, a deployment lead does not
        assertThat(visibleTo(COORDINATOR, "kela-coordinators", processInstanceId)).isOne();
        assertThat(visibleTo(OPERATOR, "archive-operators", processInstanceId)).isOne();
        assertThat(visibleTo(DEPLOYMENT_LEAD, "deployment-leads", processInstanceId)).isZero();
    }

    private long visibleTo(String user, String group, String processInstanceId) {
        identity.setAuthentication(user, List.of(group));
        try {
            return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count();
        } finally {
            identity.clearAuthentication();
        }
    }

    // ---- steps ------------------------------------------------------------------------------

    /** A lifecycle of the two, its recommended test skipped and its agreement active; its request id. */
    private String activeLifecycle(String organiser, String provider) {
        combinationApprovedBefore(organiser, provider);
        HttpResponse<byte[]> requested = postJson(LIFECYCLES, organiser, body(organiser, provider));
        assertThat(requested.statusCode()).as(text(requested)).isEqualTo(202);
        JsonNode lifecycle = json(requested);
        String processInstanceId = lifecycle.path("processInstanceId").asText();
        tasks.complete(tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId(),
                Map.of("runTest", false, "testSkipReason", "Yhdistelmä testattu"));
        management.executeJob(management.createJobQuery().processInstanceId(processInstanceId).singleResult().getId());
        return lifecycle.path("requestId").asText();
    }

    /** An organisation in the registry with the register access right planned and its own client system. */
    private String joinedOrganisation() {
        return RegisterAccessParties.joined(registry, newOrganisation());
    }

    /** An approved register access right test of the two organisations' systems. */
    private void combinationApprovedBefore(String organiser, String provider) {
        TestRun run = RegisterAccessParties.registerTest(registry, ledger, organiser, provider, TODAY);
        ledger.schedule(run.id(), Instant.now(), Instant.now().plusSeconds(60), List.of());
        ledger.transition(run.id(), EnumSet.of(TestRunState.SCHEDULED), TestRunState.APPROVED, null, Instant.now());
    }

    private static String metadata(String oid) {
        return "/api/v1/documents/" + oid + "/metadata";
    }

    private static List<String> activities(JsonNode lifecycle) {
        List<String> result = new ArrayList<>();
        lifecycle.path("activities").forEach(a -> result.add(a.asText()));
        return result;
    }
}
