package fi.arkisto.app.security;

import fi.arkisto.app.support.ApiIntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may call what: the four filter chains of {@link SecurityConfiguration}. */
class SecurityTest extends ApiIntegrationTest {

    @Autowired
    IdentityService camundaIdentity;

    @Test
    void theApiNeedsCredentials() {
        // without credentials
        HttpResponse<byte[]> anonymous = send(withContext(java.net.http.HttpRequest.newBuilder(
                uri("/api/v1/documents/" + SAMPLE_OID)), CONTROLLER).GET().build());
        assertProblem(anonymous, 401, "AUTHENTICATION_REQUIRED");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));

        // with a wrong password
        HttpResponse<byte[]> wrong = send(withContext(HttpRequest.newBuilder(uri("/api/v1/documents/" + SAMPLE_OID))
                .header("Authorization", basic(OWN_CLIENT, "wrong-password")), CONTROLLER).GET().build());
        assertProblem(wrong, 401, "AUTHENTICATION_REQUIRED");

        // and for writes too
        HttpResponse<byte[]> write = send(withContext(HttpRequest.newBuilder(uri("/api/v1/documents")), CONTROLLER)
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofByteArray(sample())).build());
        assertProblem(write, 401, "AUTHENTICATION_REQUIRED");
    }

    @Test
    void theAuditVerificationIsForAuditorsOnly() {
        // given some audited use
        sampleIsArchived();

        // an ordinary client system is refused
        assertProblem(send(authenticated("/api/v1/audit/verification", OWN_CLIENT).GET().build()), 403, "ACCESS_DENIED");

        // an auditor sees a valid chain with events
        HttpResponse<byte[]> verification = send(authenticated("/api/v1/audit/verification", AUDITOR_CLIENT).GET().build());
        assertThat(verification.statusCode()).as(text(verification)).isEqualTo(200);
        assertThat(json(verification).path("valid").asBoolean()).isTrue();
        assertThat(json(verification).path("events").asLong()).isPositive();
    }

    @Test
    void theCamundaRestApiIsClosedToAnonymousCallersAndOpenToTheAdministrator() {
        assertThat(send(HttpRequest.newBuilder(uri("/engine-rest/engine")).GET().build()).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/engine-rest/process-definition")).GET().build()).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/engine-rest/process-definition"))
                .header("Authorization", basic("testadmin", "wrong")).GET().build()).statusCode()).isEqualTo(401);

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
        assertThat(root.statusCode()).isIn(200, 302);
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
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/env")).GET().build()).statusCode()).isIn(401, 403);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/beans")).GET().build()).statusCode()).isIn(401, 403);
    }
}
