package fi.arkisto.app.api.message;

import fi.arkisto.app.support.ApiSliceTest;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.message.Acknowledgement;
import fi.arkisto.store.message.MessageService;
import fi.arkisto.store.message.Submission;
import fi.arkisto.store.message.SubmissionSource;
import fi.arkisto.store.rejection.IngestChannel;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MvcResult;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The message API's HTTP layer (docs/messages.md): who may submit, the body's size before it is read, the form parts,
 * and an acknowledgement answered with the status of its error code.
 */
@WebMvcTest(MessageController.class)
class MessageControllerWebMvcTest extends ApiSliceTest {

    private static final byte[] FRAME = "<RCMR_IN200002FI01 xmlns=\"urn:hl7-org:v3\"/>".getBytes(StandardCharsets.UTF_8);

    @MockitoBean
    MessageService messages;

    @Test
    void requiresAuthentication() {
        MvcResult response = perform(post("/api/v1/messages").contentType("application/xml").content(FRAME));

        assertThat(response.getResponse().getStatus()).isEqualTo(401);
        verifyNoInteractions(messages);
    }

    @Test
    void aRefusalIsAnsweredAsItsAcknowledgementWithTheStatusOfItsCode() {
        when(messages.receiveOnce(any(byte[].class), anyString(), any())).thenReturn(new MessageService.Receipt(
                refused(ErrorCode.FRAME_DOCUMENT_MISMATCH), null, null));

        MvcResult response = perform(as(OWN_CLIENT, post("/api/v1/messages")).contentType("application/xml").content(FRAME));

        assertThat(response.getResponse().getStatus()).isEqualTo(422);
        assertThat(response.getResponse().getContentType()).startsWith("application/xml");
        assertThat(response.getResponse().getHeader("X-Arkisto-Outcome")).isEqualTo("REJECTED");
        assertThat(text(response)).contains("typeCode=\"AE\"").contains("code=\"FRAME_DOCUMENT_MISMATCH\"");
        verify(messages).receiveOnce(eq(FRAME), eq("application/xml"), any());
    }

    @Test
    void theSubmissionMayActOnlyForTheOrganisationsTheClientSystemIsRegisteredFor() {
        when(messages.receiveOnce(any(byte[].class), anyString(), any())).thenReturn(new MessageService.Receipt(
                refused(ErrorCode.ACCESS_DENIED), null, null));

        perform(as(OWN_CLIENT, post("/api/v1/messages")).contentType("application/xml").content(FRAME));

        // the sender organisation is the frame's: the intake asks the channel's check once it has read it
        ArgumentCaptor<SubmissionSource> source = ArgumentCaptor.forClass(SubmissionSource.class);
        verify(messages).receiveOnce(any(byte[].class), anyString(), source.capture());
        assertThat(source.getValue().channel()).isEqualTo(IngestChannel.REST);
        assertThat(source.getValue().reference()).isEqualTo("rest:" + OWN_CLIENT);
        source.getValue().authorisation().check(new RequestContext(Oid.of(CONTROLLER), "someone", "1"));
        assertThatThrownBy(() -> source.getValue().authorisation()
                .check(new RequestContext(Oid.of(OTHER_ORGANISATION), "someone", "1")))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
    }

    @Test
    void aMessageOverTheLimitIsRefusedBeforeItIsReadAndRecorded() {
        // the slice's document limit is 256 KB; a MIME message may be 1.5 times that plus 1 MB
        byte[] large = new byte[(int) (256 * 1024 * 1.5) + 1024 * 1024 + 1];
        when(messages.reject(any(byte[].class), any(), any())).thenAnswer(call ->
                Acknowledgement.refused(null, null, call.getArgument(2), null));

        MvcResult response = perform(as(OWN_CLIENT, post("/api/v1/messages")).contentType("application/xml").content(large));

        assertThat(response.getResponse().getStatus()).isEqualTo(413);
        assertThat(text(response)).contains("code=\"DOCUMENT_TOO_LARGE\"");
        ArgumentCaptor<ArchiveException> refusal = ArgumentCaptor.forClass(ArchiveException.class);
        verify(messages).reject(eq(new byte[0]), any(), refusal.capture());
        assertThat(refusal.getValue().code()).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE);
        verify(messages, never()).receiveOnce(any(byte[].class), anyString(), any());
    }

    @Test
    void theFormPartsAreHandedOverAsTheFrameAndItsDocument() {
        byte[] document = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>".getBytes(StandardCharsets.UTF_8);
        when(messages.receiveOnce(any(Submission.class), any())).thenReturn(new MessageService.Receipt(
                refused(ErrorCode.SIGNATURE_MISSING), null, null));

        MvcResult response = perform(as(OWN_CLIENT, multipart("/api/v1/messages")
                .file(new MockMultipartFile("frame", "frame.xml", "application/xml", FRAME))
                .file(new MockMultipartFile("document", "document.xml", "application/xml", document))));

        assertThat(response.getResponse().getStatus()).isEqualTo(422);
        ArgumentCaptor<Submission> submission = ArgumentCaptor.forClass(Submission.class);
        verify(messages).receiveOnce(submission.capture(), any());
        assertThat(submission.getValue().frame()).isEqualTo(FRAME);
        assertThat(submission.getValue().document()).isEqualTo(document);
    }

    @Test
    void aFormWithoutTheFramePartIs400AsAProblem() {
        MvcResult response = perform(as(OWN_CLIENT, multipart("/api/v1/messages")
                .file(new MockMultipartFile("document", "document.xml", "application/xml", FRAME))));

        assertThat(assertProblem(response, 400, "INVALID_REQUEST").path("detail").asText()).isEqualTo("Missing part frame");
        verifyNoInteractions(messages);
    }

    @Test
    void aJsonBodyIs415AsAProblem() {
        MvcResult response = perform(as(OWN_CLIENT, post("/api/v1/messages")).contentType("application/json").content("{}"));

        assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
        verifyNoInteractions(messages);
    }

    private static Acknowledgement refused(ErrorCode code) {
        return Acknowledgement.refused(null, null, new ArchiveException(code, "Refused as " + code), null);
    }
}
