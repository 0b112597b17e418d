package fi.arkisto.app.security;

import fi.arkisto.app.support.ApiIntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what: the filter chains of {@link SecurityConfiguration} in the whole system (Camunda, actuator, the
 * auditor against the real audit chain); the API chain's rules per role are tested in the controllers' slices
 * ({@code *WebMvcTest}), which run the same chains.
 */
class SecurityTest extends ApiIntegrationTest {

    @Autowired
    IdentityService camundaIdentity;

    @Test
    void anAuditorSeesAValidChainWithEvents() {
        // (the verification is for auditors only: AuditControllerWebMvcTest)
        // given some audited use
        sampleIsArchived();

        // an auditor sees a valid chain with events
        HttpResponse<byte[]> verification = send(authenticated("/api/v1/audit/verification", AUDITOR_CLIENT).GET().build());
        assertThat(verification.statusCode()).as(text(verification)).isEqualTo(200);
        assertThat(json(verification).path("valid").asBoolean()).isTrue();
        assertThat(json(verification).path("events").asLong()).isPositive();
    }

    @Test
    void theCamundaRestApiIsClosedToAnonymousCallersAndOpenToTheAdministrator() {
        // (GET /engine-rest/engine, the list of engine names, is left open by Camunda's filter by design)
        assertThat(send(HttpRequest.newBuilder(uri("/engine-rest/process-definition")).GET().build()).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/engine-rest/engine/default/process-definition")).GET().build())
                .statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/engine-rest/user")).GET().build()).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/engine-rest/deployment/create")).header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x--")).build()).statusCode()).isEqualTo(401);
        // (a wrong password for the administrator would lock it for a while: Camunda's login delay)
        assertThat(send(HttpRequest.newBuilder(uri("/engine-rest/process-definition"))
                .header("Authorization", basic("nosuchuser", "wrong")).GET().build()).statusCode()).isEqualTo(401);

        HttpResponse<byte[]> admin = send(HttpRequest.newBuilder(uri("/engine-rest/process-definition"))
                .header("Authorization", basic("testadmin", CAMUNDA_ADMIN_PASSWORD)).GET().build());
        assertThat(admin.statusCode()).as(text(admin)).isEqualTo(200);
    }

    @Test
    void theApiClientsCannotUseTheCamundaRestApi() {
        assertThat(send(HttpRequest.newBuilder(uri("/engine-rest/process-definition"))
                .header("Authorization", basic(AUDITOR_CLIENT, PASSWORD)).GET().build()).statusCode()).isEqualTo(401);
    }

    @Test
    void theCamundaWebappsAreReachable() {
        HttpResponse<byte[]> cockpit = send(HttpRequest.newBuilder(uri("/camunda/app/cockpit/default/")).GET().build());
        assertThat(cockpit.statusCode()).isEqualTo(200);
        assertThat(text(cockpit)).containsIgnoringCase("cockpit");
        HttpResponse<byte[]> root = send(HttpRequest.newBuilder(uri("/camunda/")).GET().build());
        // the webapps' index redirects to Camunda's default application
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/camunda/app/tasklist/"));
    }

    @Test
    void theConfiguredCamundaAdministratorExistsInTheAdministratorsGroup() {
        assertThat(camundaIdentity.checkPassword("testadmin", CAMUNDA_ADMIN_PASSWORD)).isTrue();
        assertThat(camundaIdentity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).userId("testadmin").count()).isEqualTo(1);
    }

    @Test
    void healthOpenApiAndSwaggerUiAreOpen() {
        HttpResponse<byte[]> health = send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).path("status").asText()).isEqualTo("UP");
        assertThat(send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET().build()).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> swagger = send(HttpRequest.newBuilder(uri("/swagger-ui/index.html")).GET().build());
        assertThat(swagger.statusCode()).isEqualTo(200);
    }

    @Test
    void everythingElseIsDenied() {
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/env")).GET().build()).statusCode()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/beans")).GET().build()).statusCode()).isEqualTo(403);
    }
}
