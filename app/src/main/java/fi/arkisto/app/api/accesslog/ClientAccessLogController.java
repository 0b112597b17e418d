package fi.arkisto.app.api.accesslog;

import fi.arkisto.app.api.ApiProperties;
import fi.arkisto.app.api.document.InertResponses;
import fi.arkisto.app.api.problem.ApiErrors;
import fi.arkisto.store.accesslog.AccessLogRequest;
import fi.arkisto.store.accesslog.AccessLogService;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.display.PdfRenderer;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/** The controller's log extract of a client (docs/access.md, "Log extracts"; Act 703/2023 s. 11). */
@RestController
@Tag(name = "Clients", description = "Find a client's documents")
class ClientAccessLogController {

    private final AccessLogService logs;
    private final PdfRenderer pdf;
    private final ApiProperties api;
    private final AccessLogProperties properties;

    ClientAccessLogController(AccessLogService logs, PdfRenderer pdf, ApiProperties api,
                              AccessLogProperties properties) {
        this.logs = logs;
        this.pdf = pdf;
        this.api = api;
        this.properties = properties;
    }

    @Operation(summary = "Who has used the client's data in the acting organisation's registers, or been disclosed it",
            description = "For the controller answering a client's request (Act 703/2023 s. 11): every successful use "
                    + "and disclosure of the client's data in the acting organisation's registers, oldest first: when, "
                    + "which organisation (the controller itself, a provider under register access right, another "
                    + "controller under sharing), which professional, which use context, what (operation, document), "
                    + "whether it was a USE or a DISCLOSURE to another controller, and the access decision's basis. "
                    + "Included: listings of every other controller's register that listed documents of these "
                    + "registers (disclosures), and uses of other clients' documents attached to a mutual case the "
                    + "client is a party of, for the days of the client's periods (mutualCase names the case). "
                    + "from and to are Finnish days (inclusive; default: two years ago to today). A period starting "
                    + "more than two years ago needs reason (400 ACCESS_LOG_REASON_REQUIRED), which is recorded. "
                    + "format=json (default) is paged; format=pdf is the whole period as a letter to the client, at "
                    + "most arkisto.access-log.max-letter-entries entries (422 ACCESS_LOG_TOO_LARGE). Reading the "
                    + "extract is itself audited (READ_ACCESS_LOG). An organisation holding none of the client's "
                    + "documents gets an empty extract.",
            responses = @ApiResponse(responseCode = "200", description = "The log extract",
                    content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = AccessLogResponse.class)),
                            @Content(mediaType = MediaType.APPLICATION_PDF_VALUE,
                                    schema = @Schema(type = "string", format = "binary"))}))
    @ApiErrors({ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_IDENTITY_CODE, ErrorCode.ACCESS_LOG_REASON_REQUIRED,
            ErrorCode.ACCESS_LOG_TOO_LARGE})
    @GetMapping(path = "/api/v1/clients/{clientId}/access-log")
    ResponseEntity<?> accessLog(
            @Parameter(description = "The client's personal identity code") @PathVariable String clientId,
            RequestContext context,
            @Parameter(description = "First Finnish day (inclusive), default two years before today")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "Last Finnish day (inclusive), default today")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "Why logs older than two years are asked for; required then, at most 1000 characters")
            @RequestParam(required = false) String reason,
            @Parameter(description = "json (default) or pdf") @RequestParam(defaultValue = "json") String format,
            @Parameter(description = "Zero-based page number (json)") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size (json; default arkisto.api.default-page-size)")
            @RequestParam(required = false) Integer size) {
        boolean asPdf = switch (format) {
            case "json" -> false;
            case "pdf" -> true;
            default -> throw new ArchiveException(ErrorCode.INVALID_REQUEST, "format must be json or pdf");
        };
        int pageSize = size == null ? api.defaultPageSize() : size;
        if (page < 0 || pageSize < 1 || pageSize > api.maxPageSize()) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "page must be >= 0 and size 1-" + api.maxPageSize());
        }
        AccessLogRequest request = new AccessLogRequest(clientId, from == null ? logs.freeFrom() : from,
                to == null ? logs.today() : to, reason, page, pageSize);
        if (!asPdf) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(AccessLogResponse.of(logs.page(request, context)));
        }
        byte[] letter = AccessLogLetter.render(logs.letter(request, context, properties.maxLetterEntries()), pdf);
        // a download, as the display forms' PDFs, so that no browser's PDF viewer runs it
        return ResponseEntity.ok().headers(InertResponses.pdfNamed("access-log")).body(letter);
    }
}
