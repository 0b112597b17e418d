package fi.arkisto.app.api.problem;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiSliceTest;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The API's error mapping (invariant 7, docs/invariants.md): every {@link ErrorCode} answers as
 * {@code application/problem+json} with its own status and title and the stable {@code code}, whichever layer raised it:
 * archive-store's refusals, storage failures, unexpected failures and Spring MVC's own (media types, methods, paths,
 * bodies, parameters). Raised here by a probe operation, so that no controller's own logic decides the answer.
 */
@WebMvcTest(ProblemHandlerWebMvcTest.Probe.class)
@Import(ProblemHandlerWebMvcTest.Probe.class)
class ProblemHandlerWebMvcTest extends ApiSliceTest {

    /** Operations that fail as they are told, behind the API's security like every /api operation. */
    @RestController
    static class Probe {

        @GetMapping(path = "/api/v1/probe/refusal/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
        Map<String, String> refusal(@PathVariable String code) {
            throw new ArchiveException(ErrorCode.valueOf(code), "Refused as " + code);
        }

        @GetMapping(path = "/api/v1/probe/storage-down", produces = MediaType.APPLICATION_JSON_VALUE)
        Map<String, String> storageDown() {
            throw new DataAccessResourceFailureException("Connection refused: db.internal:5432");
        }

        @GetMapping(path = "/api/v1/probe/storage-slow", produces = MediaType.APPLICATION_JSON_VALUE)
        Map<String, String> storageSlow() {
            throw new QueryTimeoutException("canceling statement due to statement timeout");
        }

        /** The failures a database or object store outage surfaces as, however the framework wrapped them. */
        @GetMapping(path = "/api/v1/probe/outage/{kind}", produces = MediaType.APPLICATION_JSON_VALUE)
        Map<String, String> outage(@PathVariable String kind) {
            SQLException refused = new SQLException("Connection to db.internal:5432 refused", "08001");
            throw switch (kind) {
                case "rollback-failed" -> new TransactionSystemException("JDBC rollback failed",
                        new SQLException("An I/O error occurred while sending to the backend", "08006"));
                case "no-transaction" -> new CannotCreateTransactionException("Could not open JDBC Connection", refused);
                case "no-connection" -> new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", refused);
                case "resource-failure" -> new DataAccessResourceFailureException("db.internal down", refused);
                case "uncategorized-shutdown" -> new UncategorizedSQLException("insert", "INSERT ...",
                        new SQLException("terminating connection due to administrator command", "57P01"));
                case "wrapped-refused" -> new IllegalStateException("wrapped", refused);
                case "object-store" -> new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE,
                        "Object store could not write documents/ab: connect timed out",
                        new SocketTimeoutException("connect timed out"));
                case "object-store-socket" -> new UncheckedIOException(new ConnectException("Connection refused"));
                case "facts-behind-outage" -> new ArchiveException(ErrorCode.CLIENT_FACTS_UNREADABLE,
                        "A document could not be read", new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "down"));
                default -> new IllegalArgumentException(kind);
            };
        }

        @GetMapping(path = "/api/v1/probe/bug", produces = MediaType.APPLICATION_JSON_VALUE)
        Map<String, String> bug() {
            throw new IllegalStateException("internal state of client 200111A904P");
        }

        @GetMapping(path = "/api/v1/probe/number/{value}", produces = MediaType.APPLICATION_JSON_VALUE)
        Map<String, String> number(@PathVariable long value, @RequestParam(required = false) Integer page) {
            return Map.of("value", String.valueOf(value));
        }

        @GetMapping(path = "/api/v1/probe/required", produces = MediaType.APPLICATION_JSON_VALUE)
        Map<String, String> required(@RequestParam String counterpart) {
            return Map.of("counterpart", counterpart);
        }

        record Body(String reason, int count) {
        }

        @PostMapping(path = "/api/v1/probe/body", consumes = MediaType.APPLICATION_JSON_VALUE,
                produces = MediaType.APPLICATION_JSON_VALUE)
        Map<String, String> body(@RequestBody Body body) {
            return Map.of("reason", body.reason());
        }
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCodeAnswersAsAProblemWithItsOwnStatusAndTitle(ErrorCode code) {
        // when an operation is refused with the code
        MvcResult response = perform(as(OWN_CLIENT, get("/api/v1/probe/refusal/" + code.name())));

        // then the problem carries the code, the code's status and title, the detail and the request path
        JsonNode problem = assertProblem(response, code.httpStatus(), code.name());
        assertThat(problem.path("title").asText()).isEqualTo(code.title());
        assertThat(problem.path("detail").asText()).isEqualTo("Refused as " + code);
        assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/probe/refusal/" + code.name());
    }

    @Test
    void anIdentityCodeInTheDetailOrThePathIsMasked() {
        String client = KantaSamples.SAMPLE_CLIENT;

        MvcResult response = perform(as(OWN_CLIENT, get("/api/v1/probe/number/" + client)));

        assertProblem(response, 400, "INVALID_REQUEST");
        assertThat(text(response)).doesNotContain(client);
        assertThat(json(response).path("instance").asText()).startsWith("/api/v1/probe/number/").doesNotContain(client);
    }

    @Test
    void anUnavailableStorageIs503AndSaysToRetryWithoutItsCause() {
        for (String path : new String[] {"/api/v1/probe/storage-down", "/api/v1/probe/storage-slow"}) {
            MvcResult response = perform(as(OWN_CLIENT, get(path)));
            JsonNode problem = assertProblem(response, 503, "STORAGE_UNAVAILABLE");
            assertThat(problem.path("detail").asText()).as(path).contains("retry later")
                    .doesNotContain("db.internal", "statement timeout");
            assertThat(response.getResponse().getHeader("Retry-After")).as(path).isEqualTo("5");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rollback-failed", "no-transaction", "no-connection", "resource-failure",
            "uncategorized-shutdown", "wrapped-refused", "object-store", "object-store-socket", "facts-behind-outage"})
    void everyInfrastructureFailureIs503StorageUnavailableWithRetryAfterNever500(String kind) {
        // when an operation fails because the database or the object store went away, however it surfaces
        MvcResult response = perform(as(OWN_CLIENT, get("/api/v1/probe/outage/" + kind)));

        // then the client sees the retryable 503 with its code and when to retry, never the cause's hosts
        JsonNode problem = assertProblem(response, 503, "STORAGE_UNAVAILABLE");
        assertThat(response.getResponse().getHeader("Retry-After")).as(kind).isEqualTo("5");
        assertThat(text(response)).as(kind).doesNotContain("db.internal", "INTERNAL_ERROR");
        assertThat(problem.path("title").asText()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE.title());
    }

    @Test
    void anUnexpectedFailureIs500InternalErrorAndEchoesNothingOfIt() {
        MvcResult response = perform(as(OWN_CLIENT, get("/api/v1/probe/bug")));

        JsonNode problem = assertProblem(response, 500, "INTERNAL_ERROR");
        assertThat(problem.path("detail").asText()).isEqualTo("The archive failed to process the request");
        assertThat(response.getResponse().getHeader("Retry-After")).isNull();
        assertThat(text(response)).doesNotContain("200111A904P", "internal state");
    }

    @Test
    void anUnknownPathIs404PathNotFound() {
        JsonNode unknown = assertProblem(perform(as(OWN_CLIENT, CONTROLLER, get("/api/v1/no-such-thing"))),
                404, "PATH_NOT_FOUND");
        assertThat(unknown.path("title").asText()).isEqualTo("No API operation exists at this path");
        assertThat(unknown.path("detail").asText()).contains("/v3/api-docs");
    }

    @Test
    void aWrongMethodIs405MethodNotAllowedWithTheAllowedMethods() {
        MvcResult response = perform(as(OWN_CLIENT, put("/api/v1/probe/bug")));

        JsonNode problem = assertProblem(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(problem.path("title").asText()).isEqualTo("This path does not accept the HTTP method");
        assertThat(problem.path("detail").asText()).contains("PUT", "GET", "/v3/api-docs");
        assertThat(response.getResponse().getHeader("Allow")).contains("GET");
    }

    @Test
    void anUnsupportedContentTypeIs415NamingTheAcceptedOnes() {
        MvcResult response = perform(as(OWN_CLIENT, post("/api/v1/probe/body")).contentType("text/plain").content("x"));

        JsonNode problem = assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(problem.path("detail").asText()).contains("text/plain", "application/json");
    }

    @Test
    void anAcceptHeaderNoRepresentationMeetsIs406AnsweredAsProblemJson() {
        MvcResult response = perform(as(OWN_CLIENT, get("/api/v1/probe/number/1")).header("Accept", "image/png"));

        JsonNode problem = assertProblem(response, 406, "NOT_ACCEPTABLE");
        assertThat(problem.path("detail").asText()).contains("application/json");
    }

    @Test
    void aBodyThatIsNotJsonIs400MalformedJsonWithItsPosition() {
        MvcResult response = perform(as(OWN_CLIENT, post("/api/v1/probe/body")).contentType("application/json")
                .content("{\n  \"reason\": \"unclosed"));

        JsonNode problem = assertProblem(response, 400, "MALFORMED_JSON");
        assertThat(problem.path("title").asText()).isEqualTo(ErrorCode.MALFORMED_JSON.title());
        assertThat(problem.path("detail").asText()).contains("not well-formed JSON", "line 2, column");
    }

    @Test
    void aBodyOfTheWrongShapeIs400InvalidRequestNamingTheFieldAndType() {
        MvcResult wrongField = perform(as(OWN_CLIENT, post("/api/v1/probe/body")).contentType("application/json")
                .content("{\"reason\": \"x\", \"count\": \"many\"}"));
        assertThat(assertProblem(wrongField, 400, "INVALID_REQUEST").path("detail").asText())
                .contains("field count", "a number");

        MvcResult notAnObject = perform(as(OWN_CLIENT, post("/api/v1/probe/body")).contentType("application/json")
                .content("[1, 2]"));
        assertThat(assertProblem(notAnObject, 400, "INVALID_REQUEST").path("detail").asText())
                .contains("not the JSON object");

        MvcResult noBody = perform(as(OWN_CLIENT, post("/api/v1/probe/body")).contentType("application/json"));
        assertThat(assertProblem(noBody, 400, "INVALID_REQUEST").path("detail").asText()).contains("no body");
    }

    @Test
    void aParameterOfTheWrongTypeOrMissingIs400InvalidRequestNamingIt() {
        MvcResult wrongType = perform(as(OWN_CLIENT, get("/api/v1/probe/number/1")).param("page", "x"));
        assertThat(assertProblem(wrongType, 400, "INVALID_REQUEST").path("detail").asText())
                .contains("Parameter page", "a number").doesNotContain("\"x\"");

        MvcResult missing = perform(as(OWN_CLIENT, get("/api/v1/probe/required")));
        assertThat(assertProblem(missing, 400, "INVALID_REQUEST").path("detail").asText())
                .isEqualTo("Missing query parameter counterpart");
    }
}
