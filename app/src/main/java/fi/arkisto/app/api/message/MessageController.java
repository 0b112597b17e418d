package fi.arkisto.app.api.message;

import fi.arkisto.app.api.ApiProperties;
import fi.arkisto.app.api.problem.RetryAfterProperties;
import fi.arkisto.app.api.BoundedBody;
import fi.arkisto.app.api.problem.AcknowledgementErrors;
import fi.arkisto.app.api.problem.ApiErrors;
import fi.arkisto.app.security.ApiClientRegistry;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.message.Acknowledgement;
import fi.arkisto.store.message.AcknowledgementXml;
import fi.arkisto.store.message.MessageService;
import fi.arkisto.store.message.Submission;
import fi.arkisto.store.message.SubmissionSource;
import fi.arkisto.store.rejection.IngestChannel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * {@code POST /api/v1/messages}: a Kanta {@code RCMR_IN200002FI01} message frame with its CDA document (docs/messages.md),
 * answered with an HL7 v3 acknowledgement. Thin over {@link MessageService}: the request context comes from the
 * frame, and the authenticated client system must be registered for the frame's sender organisation. Unlike
 * {@code /api/v1/documents} every outcome, refusals included, is an acknowledgement in {@code application/xml}.
 */
@RestController
@RequestMapping("/api/v1/messages")
@Tag(name = "Messages", description = "Kanta HL7 v3 archive request messages (frame + CDA document) with HL7 acknowledgements")
class MessageController {

    static final String MULTIPART_RELATED = "multipart/related";
    /** MIME bodies are base64 (4/3) plus headers: allow for that over the document limit. */
    private static final double MIME_OVERHEAD = 1.5;

    private final MessageService messages;
    private final ApiClientRegistry clients;
    private final ApiProperties properties;
    private final RetryAfterProperties retryAfter;

    MessageController(MessageService messages, ApiClientRegistry clients, ApiProperties properties,
                      RetryAfterProperties retryAfter) {
        this.messages = messages;
        this.clients = clients;
        this.properties = properties;
        this.retryAfter = retryAfter;
    }

    @Operation(summary = "Submit a framed archive request",
            description = "The body is an RCMR_IN200002FI01 message as multipart/related (RFC 2387): the frame is the root "
                    + "part (the start parameter, else the first part) and the CDA document the part whose Content-ID the "
                    + "frame's text/mimeEncode/DXS@id names. A frame alone (application/xml) is a nullification request "
                    + "(clinicalDocument/statusCode nullified, reason in controlActProcess/text). Service requests SP1 and "
                    + "SP17 of 1.2.246.537.6.1503.201601 are supported. The frame and the document must agree on id, setId, "
                    + "versionNumber, client and custodian (FRAME_DOCUMENT_MISMATCH). The answer is an MCCI_IN000002UV01 "
                    + "acknowledgement: AA with ARCHIVED, DUPLICATE or NULLIFIED (200), or AE/AR with the stable error code "
                    + "in acknowledgementDetail/code (the code's HTTP status). See docs/messages.md.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = MULTIPART_RELATED, schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = MediaType.APPLICATION_XML_VALUE, schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = MediaType.TEXT_XML_VALUE, schema = @Schema(type = "string", format = "binary"))}),
            responses = {
                    @ApiResponse(responseCode = "200", description = "AA: archived, duplicate or nullified",
                            content = @Content(mediaType = MediaType.APPLICATION_XML_VALUE)),
                    @ApiResponse(responseCode = "4XX", description = "AE/AR acknowledgement with the stable error code",
                            content = @Content(mediaType = MediaType.APPLICATION_XML_VALUE)),
                    @ApiResponse(responseCode = "503", description = "AR STORAGE_UNAVAILABLE: retry after Retry-After seconds",
                            content = @Content(mediaType = MediaType.APPLICATION_XML_VALUE))})
    @AcknowledgementErrors(value = {ErrorCode.INVALID_REQUEST, ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.DOCUMENT_TOO_LARGE,
            ErrorCode.FRAME_INVALID, ErrorCode.FRAME_DOCUMENT_MISMATCH, ErrorCode.UNSUPPORTED_SERVICE_REQUEST,
            ErrorCode.NULLIFICATION_REASON_REQUIRED, ErrorCode.DOCUMENT_NOT_FOUND}, archiving = true)
    @PostMapping(consumes = {MULTIPART_RELATED, MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE},
            produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<byte[]> submit(HttpServletRequest request, Authentication authentication) throws IOException {
        SubmissionSource source = source(authentication);
        byte[] body;
        try {
            body = read(request.getInputStream(), request.getContentLengthLong(), limit());
        } catch (ArchiveException e) {
            return answer(messages.reject(new byte[0], source, e));
        }
        return answer(messages.receiveOnce(body, request.getContentType(), source).acknowledgement());
    }

    @Operation(summary = "Submit a frame and its document as two form parts",
            description = "multipart/form-data with the part 'frame' (the RCMR_IN200002FI01 frame) and the part 'document' "
                    + "(the CDA document, byte-exact); 'document' may be left out for a nullification. Same rules and "
                    + "answers as the multipart/related form.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content =
                    @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                            schema = @Schema(type = "object", requiredProperties = {"frame"}),
                            encoding = {@Encoding(name = "frame", contentType = "application/xml"),
                                    @Encoding(name = "document", contentType = "application/xml")})),
            responses = {
                    @ApiResponse(responseCode = "200", description = "AA: archived, duplicate or nullified",
                            content = @Content(mediaType = MediaType.APPLICATION_XML_VALUE)),
                    @ApiResponse(responseCode = "4XX", description = "AE/AR acknowledgement with the stable error code",
                            content = @Content(mediaType = MediaType.APPLICATION_XML_VALUE))})
    // a missing frame part or an oversized form is refused by Spring before an acknowledgement can be built
    @ApiErrors({ErrorCode.INVALID_REQUEST, ErrorCode.DOCUMENT_TOO_LARGE, ErrorCode.CLIENT_FACTS_UNREADABLE})
    @AcknowledgementErrors(value = {ErrorCode.INVALID_REQUEST, ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.DOCUMENT_TOO_LARGE,
            ErrorCode.FRAME_INVALID, ErrorCode.FRAME_DOCUMENT_MISMATCH, ErrorCode.UNSUPPORTED_SERVICE_REQUEST,
            ErrorCode.NULLIFICATION_REASON_REQUIRED, ErrorCode.DOCUMENT_NOT_FOUND}, archiving = true)
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<byte[]> submitParts(@RequestPart("frame") MultipartFile frame,
                                       @RequestPart(name = "document", required = false) MultipartFile document,
                                       Authentication authentication) throws IOException {
        SubmissionSource source = source(authentication);
        byte[] frameBytes;
        byte[] documentBytes;
        try {
            frameBytes = read(frame.getInputStream(), frame.getSize(), limit());
            documentBytes = document == null ? null : read(document.getInputStream(), document.getSize(), limit());
        } catch (ArchiveException e) {
            return answer(messages.reject(new byte[0], source, e));
        }
        Submission submission = Submission.framed(frameBytes, documentBytes);
        return answer(messages.receiveOnce(submission, source).acknowledgement());
    }

    private SubmissionSource source(Authentication authentication) {
        String client = authentication == null ? null : authentication.getName();
        SubmissionSource.Authorisation mayActFor = (RequestContext context) -> {
            if (client == null || !clients.mayActFor(authentication, context.organisation())) {
                throw new ArchiveException(ErrorCode.ACCESS_DENIED, "Client system " + client
                        + " is not registered to act for the sender organisation " + context.organisation());
            }
        };
        return new SubmissionSource(IngestChannel.REST, "rest:" + client, null, Instant.now(), null,
                "rest-" + client, mayActFor);
    }

    private long limit() {
        return (long) (properties.maxDocumentSize().toBytes() * MIME_OVERHEAD) + 1024 * 1024;
    }

    private ResponseEntity<byte[]> answer(Acknowledgement ack) {
        int status = ack.accepted() ? 200 : ErrorCode.valueOf(ack.errorCode()).httpStatus();
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        if (status == 503) {
            // an outage, not the message's fault: when to send it again
            answer.header(HttpHeaders.RETRY_AFTER, retryAfter.header());
        }
        return answer
                .header(HttpHeaders.CONTENT_TYPE, AcknowledgementXml.MEDIA_TYPE)
                .header("X-Arkisto-Outcome", ack.outcome().name())
                .body(AcknowledgementXml.write(ack));
    }

    static byte[] read(InputStream in, long declaredLength, long maxBytes) throws IOException {
        return BoundedBody.read(in, declaredLength, maxBytes, "message");
    }
}
