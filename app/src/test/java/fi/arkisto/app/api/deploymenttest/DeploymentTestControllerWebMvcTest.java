package fi.arkisto.app.api.deploymenttest;

import fi.arkisto.app.support.ApiSliceTest;
import fi.arkisto.store.deploymenttest.TestRunId;
import fi.arkisto.store.deploymenttest.TestRunLedger;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.organisation.Organisation;
import fi.arkisto.store.organisation.OrganisationId;
import fi.arkisto.store.organisation.OrganisationRegistry;
import fi.arkisto.workflows.deploymenttest.DeploymentTestStarter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MvcResult;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Registering a deployment test (docs/workflows.md): what a registration needs, checked before any process starts,
 * and a client system registering and reading only for the organisation it acts for.
 */
@WebMvcTest(DeploymentTestController.class)
class DeploymentTestControllerWebMvcTest extends ApiSliceTest {

    private static final String BODY = """
            {"organisationId": %d, "organisationOid": "%s", "functions": [%s],
             "system": {"product": "Sosiaalitieto", "version": "5.2", "vendor": "Testitoimittaja Oy"},
             "plannedStart": "2099-01-01", "deploymentLead": "lead-1"}""";

    @MockitoBean
    DeploymentTestStarter starter;
    @MockitoBean
    TestRunLedger ledger;
    @MockitoBean
    OrganisationRegistry registry;

    private MvcResult register(String client, String organisation, String body) {
        return perform(as(client, organisation, post("/api/v1/deployment-tests")).contentType("application/json").content(body));
    }

    @Test
    void aRegistrationWithoutWhatItNeedsIs400() {
        assertProblem(register(OWN_CLIENT, CONTROLLER, "{}"), 400, "INVALID_REQUEST");
        assertProblem(register(OWN_CLIENT, CONTROLLER, "{\"organisationId\": 7, \"functions\": [\"SHARING\"]}"), 400,
                "INVALID_REQUEST");
        verifyNoInteractions(starter, registry);
    }

    @Test
    void anUnknownOrganisationIs404AndStartsNothing() {
        when(registry.find(any())).thenReturn(Optional.empty());

        assertProblem(register(OWN_CLIENT, CONTROLLER, BODY.formatted(999999, CONTROLLER, "\"SHARING\"")), 404,
                "ORGANISATION_NOT_FOUND");
        assertProblem(register(OWN_CLIENT, CONTROLLER, BODY.formatted(0, CONTROLLER, "\"SHARING\"")), 404,
                "ORGANISATION_NOT_FOUND");
        verifyNoInteractions(starter);
    }

    @Test
    void aClientSystemRegistersOnlyForTheOrganisationItActsFor() {
        // given an organisation not yet identified by its OID: the registration names it
        when(registry.find(new OrganisationId(7))).thenReturn(Optional.of(
                new Organisation(new OrganisationId(7), "Wiitaunioni", null, null, List.of(), List.of())));

        // when the other organisation's client system registers it for the sample's controller
        assertProblem(register(OTHER_CLIENT, OTHER_ORGANISATION, BODY.formatted(7, CONTROLLER, "\"SHARING\"")), 403,
                "ACCESS_DENIED");

        // and a known OID decides over the one the registration names
        when(registry.find(new OrganisationId(8))).thenReturn(Optional.of(new Organisation(new OrganisationId(8),
                "Saarikka", null, Oid.of(OTHER_ORGANISATION), List.of(), List.of())));
        assertProblem(register(OWN_CLIENT, CONTROLLER, BODY.formatted(8, CONTROLLER, "\"SHARING\"")), 403, "ACCESS_DENIED");
        verifyNoInteractions(starter);
    }

    @Test
    void anUnknownFunctionIs422() {
        when(registry.find(new OrganisationId(8))).thenReturn(Optional.of(
                new Organisation(new OrganisationId(8), "Saarikka", null, null, List.of(), List.of())));

        MvcResult response = register(OWN_CLIENT, CONTROLLER, BODY.formatted(8, CONTROLLER, "\"TELEPORTATION\""));

        assertThat(assertProblem(response, 422, "INVALID_FIELD_VALUE").path("detail").asText()).contains("TELEPORTATION");
        verifyNoInteractions(starter);
    }

    @Test
    void anUnknownTestIsNotFound() {
        when(ledger.find(any())).thenReturn(Optional.empty());

        assertProblem(perform(asOwnClient(get("/api/v1/deployment-tests/not-a-uuid"))), 404, "DEPLOYMENT_TEST_NOT_FOUND");
        assertProblem(perform(asOwnClient(get("/api/v1/deployment-tests/" + new UUID(0, 0)))), 404,
                "DEPLOYMENT_TEST_NOT_FOUND");
        org.mockito.Mockito.verify(ledger).find(TestRunId.of(new UUID(0, 0).toString()));
    }
}
