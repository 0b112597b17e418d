package fi.arkisto.app.api.document;

import fi.arkisto.app.api.ApiProperties;
import fi.arkisto.app.api.problem.ApiErrors;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.document.ClientDocumentsQuery;
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

/** A client's documents in the acting organisation's registers (docs/access.md). */
@RestController
@Tag(name = "Clients", description = "Find a client's documents")
class ClientDocumentsController {

    private final DocumentReadService reads;
    private final ApiProperties properties;

    ClientDocumentsController(DocumentReadService reads, ApiProperties properties) {
        this.reads = reads;
        this.properties = properties;
    }

    @Operation(summary = "The client's documents, newest first, paged",
            description = "Only documents in the registers the acting organisation may use. Filters combine with AND.")
    @ApiErrors({ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_IDENTITY_CODE})
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
            @Parameter(description = "Zero-based page number") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size (default arkisto.api.default-page-size)") @RequestParam(required = false) Integer size) {
        int pageSize = size == null ? properties.defaultPageSize() : size;
        if (page < 0 || pageSize < 1 || pageSize > properties.maxPageSize()) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST,
                    "page must be >= 0 and size 1-" + properties.maxPageSize());
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "from must be before to");
        }
        var query = new ClientDocumentsQuery(blankToNull(serviceTask), blankToNull(documentGroup),
                blankToNull(caseId), from, to, page, pageSize);
        var result = reads.clientDocuments(clientId, query, context);
        long totalPages = (result.total() + pageSize - 1) / pageSize;
        return new ClientDocumentsResponse(result.items().stream().map(DocumentSummary::of).toList(),
                result.page(), result.size(), result.total(), totalPages);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
