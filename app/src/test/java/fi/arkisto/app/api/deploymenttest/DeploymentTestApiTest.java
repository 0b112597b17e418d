package fi.arkisto.app.api.deploymenttest;

import fi.arkisto.app.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Refused registrations: a clear problem, and nothing recorded (the registry keeps no OID, no system). */
class DeploymentTestApiTest extends ApiIntegrationTest {

    private static final String BODY = """
            {"organisationId": %d, "organisationOid": "%s", "functions": [%s],
             "system": {"product": "Sosiaalitieto", "version": "5.2", "vendor": "Testitoimittaja Oy"},
             "plannedStart": "2099-01-01", "deploymentLead": "lead-1"}""";

    @Test
    void aClientSystemRegistersOnlyForTheOrganisationItActsFor() {
        assertProblem(register(OTHER_CLIENT, OTHER_ORGANISATION, BODY.formatted(7, CONTROLLER, "\"SHARING\"")), 403,
                "ACCESS_DENIED");
        assertThat(organisationOid(7)).isNull();
    }

    @Test
    void anUnknownFunctionOrOrganisationIsRefused() {
        assertProblem(register(OWN_CLIENT, CONTROLLER, BODY.formatted(8, CONTROLLER, "\"TELEPORTATION\"")), 422,
                "INVALID_FIELD_VALUE");
        assertProblem(register(OWN_CLIENT, CONTROLLER, BODY.formatted(999999, CONTROLLER, "\"SHARING\"")), 404,
                "ORGANISATION_NOT_FOUND");
        assertThat(organisationOid(8)).isNull();
    }

    @Test
    void anUnknownTestIsNotFound() {
        // (an id that is no UUID, and a registration without what it needs: DeploymentTestControllerWebMvcTest)
        assertProblem(send(asOwnClient("/api/v1/deployment-tests/00000000-0000-0000-0000-000000000000").GET().build()), 404,
                "DEPLOYMENT_TEST_NOT_FOUND");
    }

    private HttpResponse<byte[]> register(String client, String organisation, String body) {
        return send(withContext(authenticated("/api/v1/deployment-tests", client), organisation)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private String organisationOid(long id) {
        var organisation = json(send(authenticated("/api/v1/organisations/" + id, OWN_CLIENT).GET().build()));
        return organisation.path("organisationOid").isNull() || organisation.path("organisationOid").isMissingNode()
                ? null : organisation.path("organisationOid").asText();
    }
}
