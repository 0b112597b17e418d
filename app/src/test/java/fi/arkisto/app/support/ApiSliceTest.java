package fi.arkisto.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.arkisto.app.local.LocalToolsCredential;
import fi.arkisto.app.security.WebSliceSecurity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the app's {@code @WebMvcTest} slices: one controller (named by the subclass's {@code @WebMvcTest}) with its
 * collaborators mocked, behind the real security filter chains, argument resolution and problem+json error mapping,
 * called through MockMvc. The clients are those of {@link ApiIntegrationTest}, with the same names and passwords, so
 * an assertion made here holds for the same request to the whole system.
 */
@Import(WebSliceSecurity.class)
@TestPropertySource(properties = {
        "arkisto.api.max-document-size=256KB",
        "arkisto.security.api-clients[0].name=" + ApiIntegrationTest.OWN_CLIENT,
        "arkisto.security.api-clients[0].password=" + ApiIntegrationTest.PASSWORD,
        "arkisto.security.api-clients[0].organisations[0]=" + ApiIntegrationTest.CONTROLLER,
        "arkisto.security.api-clients[1].name=" + ApiIntegrationTest.OTHER_CLIENT,
        "arkisto.security.api-clients[1].password=" + ApiIntegrationTest.PASSWORD,
        "arkisto.security.api-clients[1].organisations[0]=" + ApiIntegrationTest.OTHER_ORGANISATION,
        "arkisto.security.api-clients[2].name=" + ApiIntegrationTest.AUDITOR_CLIENT,
        "arkisto.security.api-clients[2].password=" + ApiIntegrationTest.PASSWORD,
        "arkisto.security.api-clients[2].organisations[0]=*",
        "arkisto.security.api-clients[2].auditor=true",
        "arkisto.security.api-clients[3].name=" + ApiIntegrationTest.ANY_ORGANISATION_CLIENT,
        "arkisto.security.api-clients[3].password=" + ApiIntegrationTest.PASSWORD,
        "arkisto.security.api-clients[3].organisations[0]=*"})
public abstract class ApiSliceTest {

    public static final String CONTROLLER = ApiIntegrationTest.CONTROLLER;
    public static final String OTHER_ORGANISATION = ApiIntegrationTest.OTHER_ORGANISATION;
    public static final String OWN_CLIENT = ApiIntegrationTest.OWN_CLIENT;
    public static final String OTHER_CLIENT = ApiIntegrationTest.OTHER_CLIENT;
    public static final String AUDITOR_CLIENT = ApiIntegrationTest.AUDITOR_CLIENT;
    public static final String ANY_ORGANISATION_CLIENT = ApiIntegrationTest.ANY_ORGANISATION_CLIENT;
    public static final String PASSWORD = ApiIntegrationTest.PASSWORD;
    /** The local tools' credential of the running server (the migrate command beside it). */
    public static final String LOCAL_TOOLS = LocalToolsCredential.CLIENT;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    protected MockMvc mvc;

    /** The request as the client, authenticated with HTTP Basic, without a request context. */
    protected static MockHttpServletRequestBuilder as(String client, MockHttpServletRequestBuilder request) {
        return request.header("Authorization", basic(client,
                LOCAL_TOOLS.equals(client) ? WebSliceSecurity.LOCAL_TOOLS_PASSWORD : PASSWORD));
    }

    /** The request as the client acting for the organisation, with a complete request context (use context 1). */
    protected static MockHttpServletRequestBuilder as(String client, String organisation,
                                                      MockHttpServletRequestBuilder request) {
        return withContext(as(client, request), organisation);
    }

    /** The request as the client system registered for the sample's controller, acting for it. */
    protected static MockHttpServletRequestBuilder asOwnClient(MockHttpServletRequestBuilder request) {
        return as(OWN_CLIENT, CONTROLLER, request);
    }

    protected static MockHttpServletRequestBuilder withContext(MockHttpServletRequestBuilder request, String organisation) {
        return request.header("X-Organisation-Oid", organisation)
                .header("X-User-Id", "test-professional")
                .header("X-Purpose-Of-Use", "1");
    }

    protected static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    protected MvcResult perform(MockHttpServletRequestBuilder request) {
        try {
            return mvc.perform(request).andReturn();
        } catch (Exception e) {
            throw new AssertionError("MockMvc failed to perform the request", e);
        }
    }

    protected static String text(MvcResult result) {
        try {
            return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(MvcResult result) {
        try {
            return JSON.readTree(result.getResponse().getContentAsByteArray());
        } catch (java.io.IOException e) {
            throw new AssertionError("Not JSON: " + text(result), e);
        }
    }

    /** Asserts an RFC 9457 problem with the stable code and the status of that code, as {@link ApiIntegrationTest} does. */
    protected static JsonNode assertProblem(MvcResult result, int status, String code) {
        assertThat(result.getResponse().getStatus()).as(text(result)).isEqualTo(status);
        assertThat(result.getResponse().getContentType()).as("Content-Type").startsWith("application/problem+json");
        JsonNode problem = json(result);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        return problem;
    }
}
