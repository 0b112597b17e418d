package fi.arkisto.app.api.accesslog;

import fi.arkisto.app.api.ApiProperties;
import fi.arkisto.app.api.problem.ApiErrors;
import fi.arkisto.store.accesslog.AccessLogService;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.PersonalIdentityCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/**
 * The citizen's own log extract, "who has used my data" (MyKanta; Act 703/2023 s. 11; docs/access.md, "The citizen's
 * access log"): the citizen is the one their bearer token names, checked by the citizen API's security chain.
 */
@RestController
@Tag(name = "Citizen", description = "The citizen's own documents, with the citizen's bearer token")
class CitizenAccessLogController {

    private final AccessLogService logs;
    private final ApiProperties api;
    private final AccessLogProperties properties;

    CitizenAccessLogController(AccessLogService logs, ApiProperties api, AccessLogProperties properties) {
        this.logs = logs;
        this.api = api;
        this.properties = properties;
    }

    @Operation(summary = "Who has used the citizen's data, or been disclosed it, newest first, paged",
            description = "Every successful use and disclosure of the citizen's data in every register, newest first: "
                    + "when, which organisation, which use context, what (operation, document, its register), USE or "
                    + "DISCLOSURE to another controller, and the access decision's basis; also the uses of other "
                    + "clients' documents attached to a mutual case the citizen is a party of, for the days of the "
                    + "citizen's periods (mutualCase names the case). The professional is named "
                    + "only where arkisto.access-log.citizen.professionals-named is set (by default null: MyKanta "
                    + "shows where the data was handled, the controller names who on request); the citizen's own "
                    + "reads are listed only where arkisto.access-log.citizen.own-use-listed is set, another "
                    + "person's never. from and to are Finnish days (inclusive; default two years ago to today); a "
                    + "period starting more than two years ago is 400 CITIZEN_ACCESS_LOG_TOO_OLD (older logs are "
                    + "asked from the controller). Reading it is audited as the citizen's own use (READ_ACCESS_LOG).")
    @ApiErrors(value = {ErrorCode.INVALID_REQUEST, ErrorCode.CITIZEN_ACCESS_LOG_TOO_OLD}, citizen = true)
    @GetMapping(path = "/api/v1/citizen/access-log", produces = MediaType.APPLICATION_JSON_VALUE)
    CitizenAccessLogResponse accessLog(
            Authentication citizen,
            @Parameter(description = "First Finnish day (inclusive), default two years before today")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "Last Finnish day (inclusive), default today")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "Zero-based page number") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size (default arkisto.api.default-page-size)")
            @RequestParam(required = false) Integer size) {
        int pageSize = size == null ? api.defaultPageSize() : size;
        if (page < 0 || pageSize < 1 || pageSize > api.maxPageSize()) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "page must be >= 0 and size 1-" + api.maxPageSize());
        }
        // the identity claim was checked by the citizen API's security chain
        PersonalIdentityCode identity = PersonalIdentityCode.of(citizen.getName());
        return CitizenAccessLogResponse.of(logs.citizenPage(identity, from == null ? logs.freeFrom() : from,
                to == null ? logs.today() : to, page, pageSize, properties.citizen().policy()), properties.citizen());
    }
}
