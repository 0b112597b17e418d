package fi.arkisto.app.api.document;

import fi.arkisto.app.api.ApiProperties;
import fi.arkisto.app.api.problem.ApiErrors;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.display.PdfRenderer;
import fi.arkisto.store.document.ClientDocumentsQuery;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.app.citizen.CitizenProperties;
import fi.arkisto.store.identity.PersonalIdentityCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;

/**
 * The citizen's own view of their documents (MyKanta; docs/access.md, "The citizen API"): the citizen is the one
 * their bearer token names (the security chain has checked the token and its identity code), each document is
 * decided by the one access decision with the citizen's request kind, and each read is audited as the citizen's own
 * use.
 */
@RestController
@Tag(name = "Citizen", description = "The citizen's own documents, with the citizen's bearer token")
class CitizenDocumentsController {

    private final DocumentReadService reads;
    private final ApiProperties properties;
    private final PdfRenderer pdf;
    private final GuardianOf guardianOf;

    CitizenDocumentsController(DocumentReadService reads, ApiProperties properties, PdfRenderer pdf,
                               CitizenProperties citizens) {
        this.reads = reads;
        this.properties = properties;
        this.pdf = pdf;
        this.guardianOf = new GuardianOf(citizens.guardianOfClaim());
    }

    private static final String ON_BEHALF_OF = "A minor's personal identity code: the guardian reads the minor's "
            + "documents on the minor's behalf, when the token vouches for the guardianship "
            + "(arkisto.citizen.guardian-of-claim); the citizen's view then also withholds what the minor refused, "
            + "what records no answer (unless the minor was young enough then), and everything of a person of age or "
            + "under non-disclosure";

    @Operation(summary = "The citizen's documents the citizen's view shows, newest first, paged",
            description = "The citizen's own documents and those of the mutual cases they are a party of, for the "
                    + "periods of their party, in every register. Never old or stage-1 documents, documents a "
                    + "professional has restricted (inaccessibleArgument, authorizationRestrictionArgument), nor "
                    + "shelter services, prevention of intimate-partner violence or payment commitments; those are "
                    + "neither listed nor counted. Filters combine with AND.")
    @ApiErrors(value = {ErrorCode.INVALID_REQUEST, ErrorCode.CLIENT_FACTS_UNREADABLE, ErrorCode.INVALID_IDENTITY_CODE,
            ErrorCode.GUARDIANSHIP_NOT_ASSERTED}, citizen = true)
    @GetMapping(path = "/api/v1/citizen/documents", produces = MediaType.APPLICATION_JSON_VALUE)
    ClientDocumentsResponse documents(
            Authentication citizen,
            @Parameter(description = "Service task code (1.2.246.537.6.1221.201601)") @RequestParam(required = false) String serviceTask,
            @Parameter(description = "Effective time from (inclusive), ISO-8601 with offset")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @Parameter(description = "Effective time to (exclusive), ISO-8601 with offset")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @Parameter(description = "Zero-based page number") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size (default arkisto.api.default-page-size)") @RequestParam(required = false) Integer size,
            @Parameter(description = ON_BEHALF_OF) @RequestParam(required = false) String onBehalfOf) {
        int pageSize = ClientDocumentsResponse.checkedPageSize(properties, page, size, from, to);
        String task = serviceTask == null || serviceTask.isBlank() ? null : serviceTask.strip();
        PersonalIdentityCode reader = identity(citizen);
        PersonalIdentityCode minor = guardianOf.minor(citizen, onBehalfOf);
        ClientDocumentsQuery query = new ClientDocumentsQuery(task, null, null, from, to, page, pageSize);
        var result = minor == null ? reads.citizenDocuments(reader, query)
                : reads.guardianDocuments(reader, minor, query);
        return ClientDocumentsResponse.of(result, pageSize);
    }

    @Operation(summary = "The metadata of one of the citizen's documents",
            description = "Decided by the citizen's view. A mutual case's document names neither its client nor the "
                    + "case's parties: they are other people.")
    @ApiErrors(value = {ErrorCode.INVALID_OID, ErrorCode.DOCUMENT_NOT_FOUND, ErrorCode.STORED_OBJECT_CORRUPT,
            ErrorCode.CLIENT_FACTS_UNREADABLE, ErrorCode.INVALID_IDENTITY_CODE, ErrorCode.GUARDIANSHIP_NOT_ASSERTED},
            reading = true, citizen = true)
    @GetMapping(path = "/api/v1/citizen/documents/{oid}", produces = MediaType.APPLICATION_JSON_VALUE)
    DocumentMetadataResponse metadata(@PathVariable String oid, Authentication citizen,
                                      @Parameter(description = ON_BEHALF_OF) @RequestParam(required = false) String onBehalfOf) {
        PersonalIdentityCode identity = identity(citizen);
        PersonalIdentityCode minor = guardianOf.minor(citizen, onBehalfOf);
        DocumentOid documentOid = DocumentOid.of(oid);
        return minor == null
                ? DocumentMetadataResponse.forCitizen(reads.citizenMetadata(documentOid, identity), identity.value())
                : DocumentMetadataResponse.forCitizen(reads.guardianMetadata(documentOid, identity, minor),
                        minor.value());
    }

    @Operation(summary = "The display form of one of the citizen's documents (XHTML), or rendered to PDF",
            description = "As the professionals' display form read: format=xhtml (default) under a sandboxing "
                    + "Content-Security-Policy, format=pdf rendered for printing, served as a download.",
            responses = @ApiResponse(responseCode = "200", description = "The display form",
                    content = {@Content(mediaType = "application/xhtml+xml", schema = @Schema(type = "string")),
                            @Content(mediaType = MediaType.APPLICATION_PDF_VALUE, schema = @Schema(type = "string", format = "binary"))}))
    @ApiErrors(value = {ErrorCode.INVALID_OID, ErrorCode.DOCUMENT_NOT_FOUND, ErrorCode.DISPLAY_FORM_MISSING,
            ErrorCode.DISPLAY_FORM_MALFORMED, ErrorCode.DISPLAY_FORM_UNSAFE, ErrorCode.INVALID_REQUEST,
            ErrorCode.STORED_OBJECT_CORRUPT, ErrorCode.CLIENT_FACTS_UNREADABLE, ErrorCode.INVALID_IDENTITY_CODE,
            ErrorCode.GUARDIANSHIP_NOT_ASSERTED}, reading = true, citizen = true)
    @GetMapping(path = "/api/v1/citizen/documents/{oid}/display")
    ResponseEntity<byte[]> display(@PathVariable String oid, Authentication citizen,
                                   @RequestParam(name = "format", defaultValue = "xhtml") String format,
                                   @Parameter(description = ON_BEHALF_OF) @RequestParam(required = false) String onBehalfOf) {
        boolean asPdf = InertResponses.asPdf(format);
        PersonalIdentityCode minor = guardianOf.minor(citizen, onBehalfOf);
        DocumentOid documentOid = DocumentOid.of(oid);
        return InertResponses.display(minor == null ? reads.citizenDisplayForm(documentOid, identity(citizen))
                : reads.guardianDisplayForm(documentOid, identity(citizen), minor), asPdf, pdf);
    }

    /** The citizen the token names: its identity claim, already checked by the citizen API's security chain. */
    private static PersonalIdentityCode identity(Authentication citizen) {
        return PersonalIdentityCode.of(citizen.getName());
    }
}
