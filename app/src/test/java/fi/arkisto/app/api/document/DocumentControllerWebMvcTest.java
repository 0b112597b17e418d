package fi.arkisto.app.api.document;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiSliceTest;
import fi.arkisto.store.actor.RequestAssertions;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.display.PdfRenderer;
import fi.arkisto.store.access.decision.AccessBasis;
import fi.arkisto.store.access.decision.Disclosure;
import fi.arkisto.store.document.ArchivedDocument;
import fi.arkisto.store.document.DisclosedMetadata;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.message.MessageService;
import fi.arkisto.store.message.Submission;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The document API's HTTP layer: request context headers, authentication, media types, request bodies and the
 * problems they answer, decided before archive-store is asked anything (docs/running.md, "Security model").
 */
@WebMvcTest(DocumentController.class)
class DocumentControllerWebMvcTest extends ApiSliceTest {

    private static final String SAMPLE_OID = KantaSamples.SAMPLE_OID;
    private static final String SAMPLE_CLIENT = KantaSamples.SAMPLE_CLIENT;
    private static final String METADATA = "/api/v1/documents/" + SAMPLE_OID + "/metadata";

    @MockitoBean
    ArchivingService archiving;
    @MockitoBean
    DocumentReadService reads;
    @MockitoBean
    PdfRenderer pdf;
    @MockitoBean
    MessageService intake;

    @Test
    void theApiNeedsCredentials() {
        // without credentials
        MvcResult anonymous = perform(withContext(get("/api/v1/documents/" + SAMPLE_OID), CONTROLLER));
        assertProblem(anonymous, 401, "AUTHENTICATION_REQUIRED");
        assertThat(anonymous.getResponse().getHeader("WWW-Authenticate")).startsWith("Basic");

        // with a wrong password
        MvcResult wrong = perform(withContext(get("/api/v1/documents/" + SAMPLE_OID)
                .header("Authorization", basic(OWN_CLIENT, "wrong-password")), CONTROLLER));
        assertProblem(wrong, 401, "AUTHENTICATION_REQUIRED");

        // and for writes too
        MvcResult write = perform(withContext(post("/api/v1/documents"), CONTROLLER)
                .contentType("application/xml").content(KantaSamples.realSample()));
        assertProblem(write, 401, "AUTHENTICATION_REQUIRED");
        verifyNoInteractions(reads, intake);
    }

    @Test
    void theLocalToolsCredentialReadsAndWritesNoDocuments() {
        assertProblem(perform(as(LOCAL_TOOLS, CONTROLLER, get("/api/v1/documents/" + SAMPLE_OID))), 403, "ACCESS_DENIED");
        assertProblem(perform(as(LOCAL_TOOLS, CONTROLLER, post("/api/v1/documents")).contentType("application/xml")
                .content(KantaSamples.realSample())), 403, "ACCESS_DENIED");
        verifyNoInteractions(reads, intake);
    }

    @Test
    void missingRequestContextHeadersAre400MissingRequestContext() {
        MvcResult noHeaders = perform(as(OWN_CLIENT, get(METADATA)));
        JsonNode problem = assertProblem(noHeaders, 400, "MISSING_REQUEST_CONTEXT");
        assertThat(problem.path("detail").asText()).contains("X-Organisation-Oid", "X-User-Id", "X-Purpose-Of-Use");

        MvcResult noPurpose = perform(as(OWN_CLIENT, get(METADATA))
                .header("X-Organisation-Oid", CONTROLLER).header("X-User-Id", "someone"));
        assertThat(assertProblem(noPurpose, 400, "MISSING_REQUEST_CONTEXT").path("detail").asText())
                .contains("X-Purpose-Of-Use").doesNotContain("X-User-Id");
        verifyNoInteractions(reads);
    }

    @Test
    void invalidRequestContextHeadersAre400InvalidRequestContext() {
        assertProblem(perform(as(OWN_CLIENT, get(METADATA)).header("X-Organisation-Oid", "not.an.oid")
                .header("X-User-Id", "someone").header("X-Purpose-Of-Use", "1")), 400, "INVALID_REQUEST_CONTEXT");
        assertProblem(perform(as(OWN_CLIENT, get(METADATA)).header("X-Organisation-Oid", CONTROLLER)
                .header("X-User-Id", "some one; drop").header("X-Purpose-Of-Use", "1")), 400, "INVALID_REQUEST_CONTEXT");
        assertProblem(perform(as(OWN_CLIENT, get(METADATA)).header("X-Organisation-Oid", CONTROLLER)
                .header("X-User-Id", "someone").header("X-Purpose-Of-Use", "<script>")), 400, "INVALID_REQUEST_CONTEXT");
        verifyNoInteractions(reads);
    }

    @Test
    void aPurposeOfUseThatIsNoUseContextCodeIs400() {
        for (String malformed : new String[] {"abc", "1.2", "-1", "12345"}) {
            MvcResult response = perform(as(OWN_CLIENT, get(METADATA)).header("X-Organisation-Oid", CONTROLLER)
                    .header("X-User-Id", "someone").header("X-Purpose-Of-Use", malformed));
            assertThat(assertProblem(response, 400, "INVALID_REQUEST_CONTEXT").path("detail").asText())
                    .as(malformed).contains("X-Purpose-Of-Use", "1.2.246.537.6.1289.201901");
        }
        verifyNoInteractions(reads);
    }

    @Test
    void aClientSystemMayNotActForAnOrganisationItIsNotRegisteredFor() {
        // the own client claims to act for the other organisation
        assertProblem(perform(as(OWN_CLIENT, OTHER_ORGANISATION, get(METADATA))), 403, "ACCESS_DENIED");

        MvcResult write = perform(as(OWN_CLIENT, OTHER_ORGANISATION, post("/api/v1/documents"))
                .contentType("application/xml").content(KantaSamples.realSample()));
        assertProblem(write, 403, "ACCESS_DENIED");
        verifyNoInteractions(reads, intake);
    }

    @Test
    void theRequestContextActsForTheOrganisationTheHeaderNames() {
        // given a client system registered for any organisation
        String organisation = "1.2.246.10.12345678.10.0";
        when(reads.disclosedMetadata(any(), any())).thenThrow(new ArchiveException(ErrorCode.DOCUMENT_NOT_FOUND, "No document"));

        // when it reads as that organisation
        perform(as(ANY_ORGANISATION_CLIENT, organisation, get(METADATA)));

        // then archive-store is asked for the document as that organisation, user and use context
        verify(reads).disclosedMetadata(DocumentOid.of(SAMPLE_OID), new RequestContext(
                Oid.of(organisation), "test-professional", "1"));
    }

    @Test
    void theAssertionHeadersReachTheArchiveInTheRequestContext() {
        // given a professional searching broadly, asserting the right to non-disclosure data and a statutory right
        when(reads.disclosedMetadata(any(), any())).thenThrow(new ArchiveException(ErrorCode.DOCUMENT_NOT_FOUND, "No document"));

        // when the client system reads with the assertion headers
        perform(asOwnClient(get(METADATA)).header("X-Broad-Search-Justification", " 2 ")
                .header("X-Non-Disclosure-Right", "true").header("X-Statutory-Right", "SHL 41 §"));

        // then archive-store is asked with exactly those assertions
        verify(reads).disclosedMetadata(DocumentOid.of(SAMPLE_OID), new RequestContext(Oid.of(CONTROLLER), "test-professional",
                "1", new RequestAssertions("2", true, "SHL 41 §")));
    }

    @Test
    void withoutAssertionHeadersTheRequestAssertsNothing() {
        when(reads.disclosedMetadata(any(), any())).thenThrow(new ArchiveException(ErrorCode.DOCUMENT_NOT_FOUND, "No document"));

        perform(asOwnClient(get(METADATA)).header("X-Non-Disclosure-Right", "false"));

        verify(reads).disclosedMetadata(any(), org.mockito.ArgumentMatchers.argThat(context ->
                context.assertions().equals(RequestAssertions.NONE)));
    }

    @Test
    void malformedAssertionHeadersAre400NamingTheHeader() {
        String[][] cases = {
                {"X-Broad-Search-Justification", "1.2.246"}, {"X-Broad-Search-Justification", "x"},
                {"X-Non-Disclosure-Right", "yes"}, {"X-Non-Disclosure-Right", "1"},
                {"X-Statutory-Right", "<script>"}, {"X-Statutory-Right", "a".repeat(201)}};
        for (String[] header : cases) {
            MvcResult response = perform(asOwnClient(get(METADATA)).header(header[0], header[1]));
            assertThat(assertProblem(response, 400, "INVALID_REQUEST_CONTEXT").path("detail").asText())
                    .as(header[0] + ": " + header[1]).contains(header[0]);
        }
        verifyNoInteractions(reads);
    }

    @Test
    void anAcceptHeaderTheOperationCannotMeetIs406() {
        MvcResult response = perform(asOwnClient(get(METADATA)).header("Accept", "image/png"));
        // the problem itself is answered as application/problem+json (Spring's fallback for problem details)
        assertThat(assertProblem(response, 406, "NOT_ACCEPTABLE").path("detail").asText()).contains("application/json");
    }

    @Test
    void aWrongMethodIs405MethodNotAllowedNamingTheAllowedOnes() {
        MvcResult delete = perform(asOwnClient(delete("/api/v1/documents/" + SAMPLE_OID)));
        JsonNode wrongMethod = assertProblem(delete, 405, "METHOD_NOT_ALLOWED");
        assertThat(wrongMethod.path("title").asText()).isEqualTo("This path does not accept the HTTP method");
        assertThat(wrongMethod.path("detail").asText()).contains("DELETE", "GET");
        assertThat(delete.getResponse().getHeader("Allow")).contains("GET");
    }

    @Test
    void aNullificationWithoutABodyOrWithBrokenJsonSaysWhatIsWrong() {
        String path = "/api/v1/documents/" + SAMPLE_OID + "/nullification";
        MvcResult noBody = perform(asOwnClient(post(path)).contentType("application/json"));
        assertThat(assertProblem(noBody, 422, "NULLIFICATION_REASON_REQUIRED").path("detail").asText())
                .contains("no body", "reason");

        MvcResult broken = perform(asOwnClient(post(path)).contentType("application/json")
                .content("{\"reason\": \"wrong client"));
        JsonNode malformed = assertProblem(broken, 400, "MALFORMED_JSON");
        assertThat(malformed.path("title").asText()).isEqualTo("The request body is not well-formed JSON");
        assertThat(malformed.path("detail").asText()).contains("line 1, column");

        MvcResult wrongType = perform(asOwnClient(post(path)).contentType("application/json")
                .content("{\"reason\": {\"text\": \"x\"}}"));
        assertThat(assertProblem(wrongType, 400, "INVALID_REQUEST").path("detail").asText())
                .contains("field reason", "a string");

        MvcResult noReason = perform(asOwnClient(post(path)).contentType("application/json").content("{}"));
        assertThat(assertProblem(noReason, 422, "NULLIFICATION_REASON_REQUIRED").path("detail").asText())
                .contains("reason");

        MvcResult blank = perform(asOwnClient(post(path)).contentType("application/json").content("{\"reason\": \"  \"}"));
        assertThat(assertProblem(blank, 422, "NULLIFICATION_REASON_REQUIRED").path("detail").asText())
                .contains("blank");
        verifyNoInteractions(archiving);
    }

    @Test
    void aNullificationHandsTheStrippedReasonToTheArchive() {
        when(archiving.nullify(any(), any(), any())).thenThrow(new ArchiveException(ErrorCode.DOCUMENT_NULLIFIED, "x"));

        MvcResult response = perform(asOwnClient(post("/api/v1/documents/" + SAMPLE_OID + "/nullification"))
                .contentType("application/json").content("{\"reason\": \"  Kirjattu väärälle asiakkaalle \"}"));

        assertProblem(response, 409, "DOCUMENT_NULLIFIED");
        verify(archiving).nullify(eq(DocumentOid.of(SAMPLE_OID)), eq("Kirjattu väärälle asiakkaalle"), any());
    }

    @Test
    void otherMediaTypesAre415() {
        MvcResult json = perform(asOwnClient(post("/api/v1/documents")).contentType("application/json").content("{}"));
        assertProblem(json, 415, "UNSUPPORTED_MEDIA_TYPE");
        verifyNoInteractions(intake);
    }

    @Test
    void aDocumentOverTheSizeLimitIs413AndIsRecordedAsARefusal() {
        // the slice limits documents to 256 KB, as the full-stack tests do
        byte[] large = new byte[256 * 1024 + 1];
        java.util.Arrays.fill(large, (byte) ' ');

        MvcResult response = perform(asOwnClient(post("/api/v1/documents")).contentType("application/xml").content(large));

        assertProblem(response, 413, "DOCUMENT_TOO_LARGE");
        // the intake of every channel records the refusal (the reject store and the metric), with no payload kept
        verify(intake).reject(eq(new byte[0]), any(), any(ArchiveException.class));
        verify(intake, never()).receiveOnce(any(Submission.class), any());
    }

    @Test
    void aMalformedOidIs422AndAnIdentityCodeInThePathIsNeverEchoed() {
        assertProblem(perform(asOwnClient(get("/api/v1/documents/not-an-oid/metadata"))), 422, "INVALID_OID");

        MvcResult response = perform(asOwnClient(get("/api/v1/documents/" + SAMPLE_CLIENT + "/metadata")));
        assertProblem(response, 422, "INVALID_OID");
        assertThat(text(response)).doesNotContain(SAMPLE_CLIENT);
        verifyNoInteractions(reads);
    }

    @Test
    void anIfNoneMatchWithTheStoredHashIs304WithoutTheBody() {
        String sha256 = "ab".repeat(32);
        ArchivedDocument document = mock(ArchivedDocument.class);
        when(document.sha256()).thenReturn(sha256);
        when(reads.disclosedMetadata(any(), any()))
                .thenReturn(new DisclosedMetadata(document, AccessBasis.OWN_REGISTER, Disclosure.FULL, null));

        MvcResult response = perform(asOwnClient(get("/api/v1/documents/" + SAMPLE_OID))
                .header("If-None-Match", "W/\"other\", \"" + sha256 + "\""));

        assertThat(response.getResponse().getStatus()).isEqualTo(304);
        assertThat(response.getResponse().getHeader("ETag")).isEqualTo("\"" + sha256 + "\"");
        assertThat(response.getResponse().getContentAsByteArray()).isEmpty();
        verify(reads, never()).openContent(any(), any());
    }

    @Test
    void anIfNoneMatchOfAWithheldOriginalIsNotConfirmedButRefusedByTheRead() {
        // given a document disclosed to this organisation only masked
        String sha256 = "cd".repeat(32);
        ArchivedDocument document = mock(ArchivedDocument.class);
        when(document.sha256()).thenReturn(sha256);
        when(reads.disclosedMetadata(any(), any())).thenReturn(new DisclosedMetadata(document,
                AccessBasis.REGISTER_ACCESS_RIGHT, Disclosure.STRUCTURED_FORM_MASKED, null));
        when(reads.openContent(any(), any())).thenThrow(new ArchiveException(ErrorCode.PROTECTED_LOCATION_DATA_WITHHELD,
                "withheld"));

        // when its client system asks whether its copy is current
        MvcResult response = perform(asOwnClient(get("/api/v1/documents/" + SAMPLE_OID))
                .header("If-None-Match", "\"" + sha256 + "\""));

        // then the answer is the refusal, not 304
        assertProblem(response, 403, "PROTECTED_LOCATION_DATA_WITHHELD");
    }

    @Test
    void anUnknownDocumentAsksForXmlButGetsAProblem() {
        when(reads.openContent(any(), any())).thenThrow(new ArchiveException(ErrorCode.DOCUMENT_NOT_FOUND, "No document"));

        MvcResult response = perform(asOwnClient(get("/api/v1/documents/" + SAMPLE_OID)).header("Accept", "application/xml"));

        assertProblem(response, 404, "DOCUMENT_NOT_FOUND");
    }

    @Test
    void aDisplayFormatOtherThanXhtmlOrPdfIs400() {
        MvcResult response = perform(asOwnClient(get("/api/v1/documents/" + SAMPLE_OID + "/display").param("format", "html")));

        assertThat(assertProblem(response, 400, "INVALID_REQUEST").path("detail").asText()).contains("xhtml", "pdf");
        verifyNoInteractions(reads, pdf);
    }
}
