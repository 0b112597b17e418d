package fi.arkisto.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** /v3/api-docs documents every operation, its request context headers and its problem responses with codes. */
class OpenApiDocumentationTest extends ApiIntegrationTest {

    @Test
    void documentsEveryPathHeaderAndErrorCode() {
        // when the OpenAPI description is fetched
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode api = json(response);

        // then it names the API and every path with its method
        assertThat(api.path("info").path("title").asText()).isEqualTo("Arkisto API");
        assertThat(api.path("info").path("description").asText()).contains("X-Organisation-Oid");
        Map<String, List<String>> operations = Map.ofEntries(
                Map.entry("/api/v1/documents", List.of("post")),
                Map.entry("/api/v1/documents/{oid}", List.of("get")),
                Map.entry("/api/v1/documents/{oid}/metadata", List.of("get")),
                Map.entry("/api/v1/documents/{oid}/display", List.of("get")),
                Map.entry("/api/v1/documents/{oid}/nullification", List.of("post")),
                Map.entry("/api/v1/clients/{clientId}/documents", List.of("get")),
                Map.entry("/api/v1/clients/{clientId}/access-log", List.of("get")),
                Map.entry("/api/v1/audit/verification", List.of("get")),
                Map.entry("/api/v1/clients/{clientId}/informing", List.of("get", "post")),
                Map.entry("/api/v1/clients/{clientId}/consents", List.of("get", "post")),
                Map.entry("/api/v1/clients/{clientId}/denials", List.of("get", "post")),
                Map.entry("/api/v1/clients/{clientId}/consents/{recordId}/withdrawal", List.of("post")),
                Map.entry("/api/v1/register-access-agreements", List.of("get", "post")),
                Map.entry("/api/v1/register-access-agreements/{id}", List.of("get")),
                Map.entry("/api/v1/register-access-agreements/{id}/end", List.of("post")),
                Map.entry("/api/v1/register-access-lifecycles", List.of("post")),
                Map.entry("/api/v1/register-access-lifecycles/{requestId}", List.of("get")),
                Map.entry("/api/v1/register-access-lifecycles/{requestId}/end", List.of("post")),
                Map.entry("/api/v1/organisations", List.of("get")),
                Map.entry("/api/v1/organisations/{id}", List.of("get")),
                Map.entry("/api/v1/deployment-tests", List.of("post")),
                Map.entry("/api/v1/deployment-tests/{id}", List.of("get")),
                Map.entry("/api/v1/citizen/documents", List.of("get")),
                Map.entry("/api/v1/citizen/documents/{oid}", List.of("get")),
                Map.entry("/api/v1/citizen/documents/{oid}/display", List.of("get")),
                Map.entry("/api/v1/citizen/access-log", List.of("get")));
        operations.forEach((path, methods) -> methods.forEach(method ->
                assertThat(api.path("paths").path(path).has(method)).as(method + " " + path).isTrue()));

        // and the citizen's access log is the citizen's (their bearer token) with its answer's schema
        JsonNode citizenLog = api.path("paths").path("/api/v1/citizen/access-log").path("get");
        assertThat(citizenLog.path("security").toString()).contains("citizen");
        assertThat(citizenLog.path("parameters").findValuesAsText("name")).contains("from", "to", "page", "size")
                .doesNotContain("X-Organisation-Oid");
        assertThat(api.path("components").path("schemas").path("CitizenAccessLogResponse").path("properties")
                .fieldNames()).toIterable().contains("professionalsNamed", "ownUseListed", "entries", "total");

        // and the problem schema enumerates every error code
        List<String> codes = new ArrayList<>();
        api.path("components").path("schemas").path("Problem").path("properties").path("code").path("enum")
                .forEach(code -> codes.add(code.asText()));
        assertThat(codes).containsExactlyInAnyOrderElementsOf(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());

        // and each operation with a request context lists the three headers and problem+json responses
        JsonNode archive = api.path("paths").path("/api/v1/documents").path("post");
        assertThat(archive.path("parameters").findValuesAsText("name"))
                .contains("X-Organisation-Oid", "X-User-Id", "X-Purpose-Of-Use");
        assertThat(archive.path("requestBody").path("content").has("application/xml")).isTrue();
        JsonNode responses = archive.path("responses");
        assertThat(responses.fieldNames()).toIterable().contains("200", "201", "400", "401", "403", "409", "413", "415", "422");
        assertThat(responses.path("422").path("content").has("application/problem+json")).isTrue();
        assertThat(errorCodes(responses.path("422"))).contains("MALFORMED_XML", "XML_DTD_FORBIDDEN", "NOT_A_CDA_DOCUMENT",
                "INVALID_IDENTITY_CODE", "MISSING_REQUIRED_FIELD", "ACTIVE_CONTENT_FORBIDDEN", "CONTROL_CHARACTER_FORBIDDEN",
                "DISPLAY_FORM_UNSAFE");
        List<String> trust = List.of("INVALID_CODE", "DUPLICATE_ID", "DOCUMENT_TYPE_MISMATCH", "DISPLAY_FORM_CLIENT_MISSING",
                "SIGNATURE_KEY_TOO_WEAK", "SIGNATURE_ALGORITHM_WEAK", "SIGNATURE_KEY_USAGE_INVALID",
                "SIGNATURE_TIME_BEFORE_ARRIVAL_WINDOW", "SIGNATURE_ORGANISATION_MISMATCH", "IDENTITY_MISMATCH");
        assertThat(errorCodes(responses.path("422"))).containsAll(trust);
        assertThat(responses.path("422").path("description").asText())
                .contains("`SIGNATURE_ORGANISATION_MISMATCH`: " + ErrorCode.SIGNATURE_ORGANISATION_MISMATCH.title());
        // and the framed archive requests list the codes their acknowledgements may carry
        JsonNode messages = api.path("paths").path("/api/v1/messages").path("post");
        assertThat(errorCodes(messages.path("responses").path("4XX"))).containsAll(trust).contains("FRAME_DOCUMENT_MISMATCH");
        assertThat(messages.path("responses").path("4XX").path("description").asText())
                .contains("acknowledgementDetail/code").contains("`DUPLICATE_ID` (422)");
        assertThat(errorCodes(responses.path("409"))).contains("DOCUMENT_CONFLICT");
        assertThat(errorCodes(responses.path("400"))).contains("MISSING_REQUEST_CONTEXT", "INVALID_REQUEST_CONTEXT");
        assertThat(errorCodes(responses.path("403"))).contains("ACCESS_DENIED");
        assertThat(errorCodes(api.path("paths").path("/api/v1/documents/{oid}/metadata").path("get")
                .path("responses").path("404"))).contains("DOCUMENT_NOT_FOUND");
        assertThat(errorCodes(api.path("paths").path("/api/v1/documents/{oid}/nullification").path("post")
                .path("responses").path("422"))).contains("NULLIFICATION_REASON_REQUIRED");

        // and the records' operations list the codes they answer with
        JsonNode denial = api.path("paths").path("/api/v1/clients/{clientId}/denials").path("post").path("responses");
        assertThat(errorCodes(denial.path("422"))).contains("INVALID_IDENTITY_CODE", "INVALID_DENIAL_TARGET",
                "INVALID_OID", "INVALID_SERVICE_TASK", "DENIED_DOCUMENT_UNKNOWN", "INVALID_DATE", "INVALID_VALIDITY_PERIOD");
        assertThat(errorCodes(denial.path("403"))).contains("CLIENT_NOT_SERVED", "USE_CONTEXT_NOT_FOR_CLIENT_RECORDS");
        assertThat(denial.path("403").path("description").asText())
                .contains("`CLIENT_NOT_SERVED`: " + ErrorCode.CLIENT_NOT_SERVED.title());
        JsonNode end = api.path("paths").path("/api/v1/register-access-agreements/{id}/end").path("post")
                .path("responses");
        assertThat(errorCodes(end.path("409"))).contains("AGREEMENT_ALREADY_ENDED");
        assertThat(errorCodes(end.path("403"))).contains("AGREEMENT_ORGANISER_REQUIRED");

        // and every operation's 503 is the retryable outage with when to retry
        api.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            JsonNode unavailable = operation.getValue().path("responses").path("503");
            String name = operation.getKey() + " " + path.getKey();
            assertThat(errorCodes(unavailable)).as(name).contains("STORAGE_UNAVAILABLE");
            assertThat(unavailable.path("headers").has("Retry-After")).as(name).isTrue();
        }));

        // and the RequestContext is not mistaken for a query parameter
        assertThat(archive.path("parameters").findValuesAsText("name")).doesNotContain("context", "organisation");
    }

    private static List<String> errorCodes(JsonNode response) {
        List<String> codes = new ArrayList<>();
        response.path("x-error-codes").forEach(code -> codes.add(code.asText()));
        return codes;
    }
}
