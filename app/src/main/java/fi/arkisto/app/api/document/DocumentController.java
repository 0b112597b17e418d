package fi.arkisto.app.api.document;

import fi.arkisto.app.api.ApiProperties;
import fi.arkisto.app.api.problem.ApiErrors;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.display.PdfRenderer;
import fi.arkisto.store.document.ArchiveOutcome;
import fi.arkisto.store.document.ArchivedDocument;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.ContentStream;
import fi.arkisto.store.document.DisclosedMetadata;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.message.MessageService;
import fi.arkisto.store.message.Submission;
import fi.arkisto.store.message.SubmissionSource;
import fi.arkisto.store.rejection.IngestChannel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * Archiving and reading single documents. Thin over archive-store: every decision (parsing,
 * checks, access, audit) is made by {@link MessageService} (the intake of every channel), {@link ArchivingService} and
 * {@link DocumentReadService}.
 */
@RestController
@RequestMapping("/api/v1/documents")
@Tag(name = "Documents", description = "Archive Kanta CDA documents and read them back")
class DocumentController {

    static final String XHTML = "application/xhtml+xml";
    // The display form is shown as is; whatever the archiving checks let through must still not run in a browser.
    static final String DISPLAY_FORM_POLICY = InertResponses.DISPLAY_FORM_POLICY;

    private final ArchivingService archiving;
    private final DocumentReadService reads;
    private final ApiProperties properties;
    private final PdfRenderer pdf;
    private final MessageService intake;

    DocumentController(ArchivingService archiving, DocumentReadService reads, ApiProperties properties, PdfRenderer pdf,
                       MessageService intake) {
        this.archiving = archiving;
        this.reads = reads;
        this.properties = properties;
        this.pdf = pdf;
        this.intake = intake;
    }

    @Operation(summary = "Archive a CDA document",
            description = "The body is the CDA R2 document exactly as the client information system sends it; the archive "
                    + "stores these bytes unchanged. 201 when this request archived it, 200 when the identical bytes were "
                    + "already archived (idempotent resubmission). Decided by the access rules (docs/access.md, \"Archiving "
                    + "and nullifying\"): into the acting organisation's own register, or as a provider into the "
                    + "organiser's register while its register access right is in effect (or, for a client with a test "
                    + "identity code, while the window of the two's register access right deployment test is open); "
                    + "X-Non-Disclosure-Right: true "
                    + "for the client relationship document of a client under non-disclosure.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_XML_VALUE, schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = MediaType.TEXT_XML_VALUE, schema = @Schema(type = "string", format = "binary"))}),
            responses = {
                    @ApiResponse(responseCode = "201", description = "Archived; Location names the document"),
                    @ApiResponse(responseCode = "200", description = "The identical document was already archived")})
    @ApiErrors(value = {ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.DOCUMENT_TOO_LARGE, ErrorCode.CLIENT_FACTS_UNREADABLE},
            archiving = true)
    @PostMapping(consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ArchivingReceipt> archive(RequestContext context, HttpServletRequest request) throws IOException {
        // the arrival is the request's, before its body is read: the signing time is bounded by it (docs/trust.md);
        // the intake of every channel records a refusal in the reject store and counts the verdict (channel rest)
        String client = request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
        SubmissionSource source = new SubmissionSource(IngestChannel.REST, "rest:" + client, null, Instant.now(),
                context, null, null);
        byte[] cda;
        try {
            cda = DocumentBody.read(request.getInputStream(), request.getContentLengthLong(),
                    properties.maxDocumentSize().toBytes());
        } catch (ArchiveException e) {
            intake.reject(new byte[0], source, e);
            throw e;
        }
        MessageService.Receipt received = intake.receiveOnce(Submission.document(cda), source);
        if (received.refusal() != null) {
            throw received.refusal();
        }
        ArchiveOutcome outcome = received.outcome();
        ArchivingReceipt receipt = ArchivingReceipt.of(outcome.document());
        if (!outcome.created()) {
            return ResponseEntity.ok(receipt);
        }
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{oid}")
                .buildAndExpand(receipt.documentOid()).toUri();
        return ResponseEntity.created(location).body(receipt);
    }

    @Operation(summary = "The original document, byte-exact",
            description = "ETag is the SHA-256 of the stored bytes (hex, quoted); If-None-Match with it answers 304. "
                    + "The body is streamed from the object store with Content-Length, so documents of any size (a legacy "
                    + "file of 1 GB is a document of about 1.37 GB) are served with a small heap; the bytes are checked "
                    + "against the recorded SHA-256 as they stream, and a document that fails the check is cut off before "
                    + "its last bytes (the response ends short of Content-Length). It is served as a download "
                    + "(Content-Disposition: attachment) under Content-Security-Policy: sandbox; default-src 'none', so that "
                    + "no browser renders what it holds.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The stored bytes",
                            content = @Content(mediaType = MediaType.APPLICATION_XML_VALUE,
                                    schema = @Schema(type = "string", format = "binary"))),
                    @ApiResponse(responseCode = "304", description = "Not modified (If-None-Match matched)")})
    @ApiErrors(value = {ErrorCode.INVALID_OID, ErrorCode.DOCUMENT_NOT_FOUND, ErrorCode.STORED_OBJECT_CORRUPT,
            ErrorCode.PROTECTED_LOCATION_DATA_WITHHELD}, reading = true)
    @GetMapping(path = "/{oid}")
    ResponseEntity<StreamingResponseBody> original(@PathVariable String oid, RequestContext context,
                                    @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        DocumentOid documentOid = DocumentOid.of(oid);
        if (ifNoneMatch != null) {
            DisclosedMetadata read = reads.disclosedMetadata(documentOid, context);
            // a withheld original is refused, not confirmed unchanged: openContent answers why
            if (read.wholeDocument() && matches(ifNoneMatch, read.document().sha256())) {
                ArchivedDocument document = read.document();
                return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag(document.sha256())).build();
            }
        }
        ContentStream content = reads.openContent(documentOid, context);
        StreamingResponseBody body = out -> {
            try (content) {
                copyVerified(content.content(), out);
            }
        };
        return ResponseEntity.ok()
                .headers(InertResponses.original(documentOid.value()))
                .contentLength(content.size())
                .eTag(etag(content.sha256()))
                .body(body);
    }

    /**
     * Copies a stream that verifies itself at its end, holding the last buffer back until the end was reached
     * cleanly: a corrupt object never reaches the client complete.
     */
    static void copyVerified(InputStream in, OutputStream out) throws IOException {
        byte[] held = new byte[64 * 1024];
        byte[] next = new byte[64 * 1024];
        int heldLength = in.readNBytes(held, 0, held.length);
        while (true) {
            int n = in.readNBytes(next, 0, next.length);
            if (n == 0) {
                // readNBytes reached the end, so the stream has verified (or thrown)
                out.write(held, 0, heldLength);
                return;
            }
            out.write(held, 0, heldLength);
            byte[] swap = held;
            held = next;
            next = swap;
            heldLength = n;
        }
    }

    @Operation(summary = "The document's metadata, status and archiving record",
            description = "With the access the read was decided on (basis, disclosure). A document carrying location "
                    + "data of a person under non-disclosure for safety reasons is disclosed to another organisation (and "
                    + "to the organiser's professional without X-Non-Disclosure-Right) as STRUCTURED_FORM_MASKED: the "
                    + "answer carries maskedStructuredForm, the structured form with those fields null, and maskedFields, "
                    + "their JSON pointers; its original and display form are withheld (docs/access.md).")
    @ApiErrors(value = {ErrorCode.INVALID_OID, ErrorCode.DOCUMENT_NOT_FOUND, ErrorCode.STORED_OBJECT_CORRUPT},
            reading = true)
    @GetMapping(path = "/{oid}/metadata", produces = MediaType.APPLICATION_JSON_VALUE)
    DocumentMetadataResponse metadata(@PathVariable String oid, RequestContext context) {
        return DocumentMetadataResponse.of(reads.disclosedMetadata(DocumentOid.of(oid), context));
    }

    @Operation(summary = "The decoded display form (XHTML), or rendered to PDF for printing",
            description = "format=xhtml (default) answers the display form as archived, as application/xhtml+xml in UTF-8 "
                    + "under a sandboxing Content-Security-Policy that lets it load nothing but its inline styles and data: "
                    + "images; format=pdf renders it to PDF (the display form can be printed on paper for the client). A "
                    + "display form archived as PDF (old documents of the legacy migration) is answered as it is. PDFs are "
                    + "served as downloads (Content-Disposition: attachment), so that no browser's PDF viewer runs them.",
            responses = @ApiResponse(responseCode = "200", description = "The display form",
                    content = {@Content(mediaType = XHTML, schema = @Schema(type = "string")),
                            @Content(mediaType = MediaType.APPLICATION_PDF_VALUE, schema = @Schema(type = "string", format = "binary"))}))
    @ApiErrors(value = {ErrorCode.INVALID_OID, ErrorCode.DOCUMENT_NOT_FOUND, ErrorCode.DISPLAY_FORM_MISSING,
            ErrorCode.DISPLAY_FORM_MALFORMED, ErrorCode.DISPLAY_FORM_UNSAFE, ErrorCode.INVALID_REQUEST,
            ErrorCode.STORED_OBJECT_CORRUPT, ErrorCode.PROTECTED_LOCATION_DATA_WITHHELD}, reading = true)
    @GetMapping(path = "/{oid}/display")
    ResponseEntity<byte[]> display(@PathVariable String oid, RequestContext context,
                                   @RequestParam(name = "format", defaultValue = "xhtml") String format) {
        boolean asPdf = InertResponses.asPdf(format);
        DocumentOid documentOid = DocumentOid.of(oid);
        return InertResponses.display(reads.displayForm(documentOid, context), asPdf, pdf);
    }

    @Operation(summary = "Nullify a document",
            description = "Declares the document void with a reason. Nothing is deleted: the bytes stay stored and readable "
                    + "with status NULLIFIED. Decided by the access rules (docs/access.md, \"Archiving and nullifying\"): "
                    + "the register's controller, or a provider for a version it archived itself while its register "
                    + "access right is in effect.")
    @ApiErrors(value = {ErrorCode.INVALID_OID, ErrorCode.DOCUMENT_NOT_FOUND, ErrorCode.NULLIFICATION_REASON_REQUIRED,
            ErrorCode.DOCUMENT_NULLIFIED, ErrorCode.INVALID_REQUEST, ErrorCode.MALFORMED_JSON,
            ErrorCode.UNSUPPORTED_MEDIA_TYPE}, nullifying = true)
    @PostMapping(path = "/{oid}/nullification", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    DocumentMetadataResponse nullify(@PathVariable String oid, RequestContext context,
                                     @RequestBody(required = false) NullificationRequest request) {
        DocumentOid documentOid = DocumentOid.of(oid);
        if (request == null) {
            throw new ArchiveException(ErrorCode.NULLIFICATION_REASON_REQUIRED,
                    "The request has no body: send {\"reason\": \"...\"} with the reason for the nullification");
        }
        if (request.reason() == null || request.reason().isBlank()) {
            throw new ArchiveException(ErrorCode.NULLIFICATION_REASON_REQUIRED,
                    "The body's field reason is missing or blank: give the reason for the nullification");
        }
        return DocumentMetadataResponse.of(archiving.nullify(documentOid, request.reason().strip(), context));
    }

    static String etag(String sha256) {
        return "\"" + sha256 + "\"";
    }

    static boolean matches(String ifNoneMatch, String sha256) {
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::strip)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag(sha256)));
    }
}
