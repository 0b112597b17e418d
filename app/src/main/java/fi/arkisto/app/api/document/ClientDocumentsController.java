package fi.arkisto.app.api.document;

import fi.arkisto.app.api.ApiProperties;
import fi.arkisto.app.api.problem.ApiErrors;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.document.ClientDocumentsQuery;
import fi.arkisto.store.document.ClientDocumentsScope;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;

/** A client's documents under the access rules (docs/access.md, "A client's document list"). */
@RestController
@Tag(name = "Clients", description = "Find a client's documents")
class ClientDocumentsController {

    private final DocumentReadService reads;
    private final ApiProperties properties;

    ClientDocumentsController(DocumentReadService reads, ApiProperties properties) {
        this.reads = reads;
        this.properties = properties;
    }

    @Operation(summary = "The client's documents the access rules allow, newest first, paged",
            description = "scope=registers (the default): the acting organisation's own register (own-register use "
                    + "context) and the registers of the organisers under whose register access right over the client "
                    + "it serves today (register-access use context). scope=all-controllers: every other controller's "
                    + "register, shared in a sharing use context (informing, a valid consent and an own active client "
                    + "relationship; old, stage-1 and denied documents only with X-Broad-Search-Justification). Each "
                    + "item is decided by the access rules (docs/access.md); denied items are neither listed nor "
                    + "counted, and each listed item names its controllerOid, basis and disclosure (FULL, "
                    + "STRUCTURED_FORM_MASKED: read its metadata for the masked structured form, METADATA_ONLY: this "
                    + "item only). Filters combine with AND.")
    @ApiErrors({ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_IDENTITY_CODE, ErrorCode.USE_CONTEXT_UNKNOWN,
            ErrorCode.USE_CONTEXT_NOT_FOR_SHARING, ErrorCode.USE_CONTEXT_NOT_FOR_REGISTER_LIST,
            ErrorCode.BROAD_SEARCH_JUSTIFICATION_UNKNOWN, ErrorCode.CLIENT_FACTS_UNREADABLE})
    @GetMapping(path = "/api/v1/clients/{clientId}/documents", produces = MediaType.APPLICATION_JSON_VALUE)
    ClientDocumentsResponse clientDocuments(
            @Parameter(description = "The client's personal identity code") @PathVariable String clientId,
            RequestContext context,
            @Parameter(description = "Service task code (1.2.246.537.6.1221.201601)") @RequestParam(required = false) String serviceTask,
            @Parameter(description = "Document group code (1.2.246.537.6.1505.201601)") @RequestParam(required = false) String documentGroup,
            @Parameter(description = "Case id (encompassingEncounter id)") @RequestParam(required = false) String caseId,
            @Parameter(description = "Effective time from (inclusive), ISO-8601 with offset")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @Parameter(description = "Effective time to (exclusive), ISO-8601 with offset")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @Parameter(description = "registers (default) or all-controllers")
            @RequestParam(defaultValue = "registers") String scope,
            @Parameter(description = "Zero-based page number") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size (default arkisto.api.default-page-size)") @RequestParam(required = false) Integer size) {
        int pageSize = ClientDocumentsResponse.checkedPageSize(properties, page, size, from, to);
        ClientDocumentsScope listScope = switch (scope.strip()) {
            case "registers" -> ClientDocumentsScope.REGISTERS;
            case "all-controllers" -> ClientDocumentsScope.ALL_CONTROLLERS;
            default -> throw new ArchiveException(ErrorCode.INVALID_REQUEST,
                    "scope must be registers or all-controllers");
        };
        var query = new ClientDocumentsQuery(blankToNull(serviceTask), blankToNull(documentGroup),
                blankToNull(caseId), from, to, page, pageSize);
        var result = reads.clientDocuments(clientId, query, listScope, context);
        return ClientDocumentsResponse.of(result, pageSize);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
