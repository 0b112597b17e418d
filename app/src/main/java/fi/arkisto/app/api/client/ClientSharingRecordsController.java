package fi.arkisto.app.api.client;

import fi.arkisto.app.api.RequestFields;
import fi.arkisto.app.api.client.SharingRecordRequests.ConsentRequest;
import fi.arkisto.app.api.client.SharingRecordRequests.DenialRequest;
import fi.arkisto.app.api.client.SharingRecordRequests.InformingRequest;
import fi.arkisto.app.api.client.SharingRecordRequests.WithdrawalRequest;
import fi.arkisto.app.api.problem.ApiErrors;
import fi.arkisto.store.access.sharing.DenialTarget;
import fi.arkisto.store.accessrecords.NewSharingRecord;
import fi.arkisto.store.accessrecords.RecordId;
import fi.arkisto.store.accessrecords.SharingRecord;
import fi.arkisto.store.accessrecords.SharingRecordKind;
import fi.arkisto.store.accessrecords.SharingRecordService;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.hl7.Hl7Timestamp;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A client's informing, consents and denials of disclosure: recorded and withdrawn by the organisation serving the
 * client, never deleted, their history readable. Thin over {@link SharingRecordService}, which decides who may and
 * audits every call.
 */
@RestController
@Tag(name = "Client sharing records", description = "Record and withdraw a client's informing, consents and denials of disclosure")
class ClientSharingRecordsController {

    private static final String WHO = " Only the organisation serving the client (an active client relationship of its "
            + "own, or a register access right over the client in effect) may record, withdraw or read, in an "
            + "own-register or register-access use context. Nothing is deleted; every call is audited.";
    private static final String WITHDRAWAL = "From today the record no longer applies; it stays in the history with who "
            + "withdrew it, when and why (reason optional).";
    private static final String BASE = "/api/v1/clients/{clientId}";

    private final SharingRecordService records;
    private final Clock clock;

    ClientSharingRecordsController(SharingRecordService records, ObjectProvider<Clock> clock) {
        this.records = records;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Every record of one kind of the client, oldest first, withdrawn ones included. */
    public record SharingRecordsResponse(String clientId, SharingRecordKind kind, List<SharingRecordResponse> items) {
    }

    @Operation(summary = "Record that the client was informed about the archive",
            description = "informedOn defaults to today and may not lie after it." + WHO,
            responses = @ApiResponse(responseCode = "201", description = "Recorded"))
    @ApiErrors({ErrorCode.INVALID_IDENTITY_CODE, ErrorCode.INVALID_REQUEST, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            ErrorCode.INVALID_DATE, ErrorCode.DATE_IN_FUTURE, ErrorCode.TEXT_TOO_LONG, ErrorCode.CLIENT_NOT_SERVED,
            ErrorCode.USE_CONTEXT_NOT_FOR_CLIENT_RECORDS, ErrorCode.CLIENT_FACTS_UNREADABLE})
    @PostMapping(path = BASE + "/informing", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SharingRecordResponse> recordInforming(@Parameter(description = "The client's personal identity code")
                                                          @PathVariable String clientId, RequestContext context,
                                                          @RequestBody(required = false) InformingRequest body) {
        InformingRequest request = body == null ? new InformingRequest(null, null) : body;
        return created(records.record(clientId, NewSharingRecord.informing(
                RequestFields.date("informedOn", request.informedOn()), request.description()), context));
    }

    @Operation(summary = "Record the client's consent to disclosing social welfare data to other controllers",
            description = "validFrom defaults to today; validUntil absent means open-ended." + WHO,
            responses = @ApiResponse(responseCode = "201", description = "Recorded"))
    @ApiErrors({ErrorCode.INVALID_IDENTITY_CODE, ErrorCode.INVALID_REQUEST, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            ErrorCode.INVALID_DATE, ErrorCode.INVALID_VALIDITY_PERIOD, ErrorCode.TEXT_TOO_LONG,
            ErrorCode.CLIENT_NOT_SERVED, ErrorCode.USE_CONTEXT_NOT_FOR_CLIENT_RECORDS, ErrorCode.CLIENT_FACTS_UNREADABLE})
    @PostMapping(path = BASE + "/consents", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SharingRecordResponse> recordConsent(@Parameter(description = "The client's personal identity code")
                                                        @PathVariable String clientId, RequestContext context,
                                                        @RequestBody(required = false) ConsentRequest body) {
        ConsentRequest request = body == null ? new ConsentRequest(null, null, null) : body;
        return created(records.record(clientId, NewSharingRecord.consent(RequestFields.date("validFrom", request.validFrom()),
                RequestFields.date("validUntil", request.validUntil()), request.description()), context));
    }

    @Operation(summary = "Record the client's denial of disclosure of a document, a service task or a controller",
            description = "A document is named by any version's OID and must be the client's; the denial names its whole "
                    + "set. validFrom defaults to today; validUntil absent means open-ended. Denials never apply inside "
                    + "one register nor between an organiser and its provider." + WHO,
            responses = @ApiResponse(responseCode = "201", description = "Recorded"))
    @ApiErrors({ErrorCode.INVALID_IDENTITY_CODE, ErrorCode.INVALID_REQUEST, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            ErrorCode.MISSING_REQUEST_FIELD, ErrorCode.INVALID_DENIAL_TARGET, ErrorCode.INVALID_OID,
            ErrorCode.INVALID_SERVICE_TASK, ErrorCode.DENIED_DOCUMENT_UNKNOWN, ErrorCode.INVALID_DATE,
            ErrorCode.INVALID_VALIDITY_PERIOD, ErrorCode.TEXT_TOO_LONG, ErrorCode.CLIENT_NOT_SERVED,
            ErrorCode.USE_CONTEXT_NOT_FOR_CLIENT_RECORDS, ErrorCode.CLIENT_FACTS_UNREADABLE})
    @PostMapping(path = BASE + "/denials", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SharingRecordResponse> recordDenial(@Parameter(description = "The client's personal identity code")
                                                       @PathVariable String clientId, RequestContext context,
                                                       @RequestBody DenialRequest request) {
        if (request == null) {
            throw new ArchiveException(ErrorCode.MISSING_REQUEST_FIELD, "Give targetType and target");
        }
        DenialTarget target = denialTarget(RequestFields.required("targetType", request.targetType()));
        return created(records.record(clientId, NewSharingRecord.denial(target,
                RequestFields.required("target", request.target()), RequestFields.date("validFrom", request.validFrom()),
                RequestFields.date("validUntil", request.validUntil()), request.description()), context));
    }

    @Operation(summary = "The client's informing records, oldest first, withdrawn ones included", description = WHO)
    @ApiErrors({ErrorCode.INVALID_IDENTITY_CODE, ErrorCode.CLIENT_NOT_SERVED,
            ErrorCode.USE_CONTEXT_NOT_FOR_CLIENT_RECORDS, ErrorCode.CLIENT_FACTS_UNREADABLE})
    @GetMapping(path = BASE + "/informing", produces = MediaType.APPLICATION_JSON_VALUE)
    SharingRecordsResponse informing(@Parameter(description = "The client's personal identity code")
                                     @PathVariable String clientId, RequestContext context) {
        return history(clientId, SharingRecordKind.INFORMING, context);
    }

    @Operation(summary = "The client's consents, oldest first, withdrawn ones included", description = WHO)
    @ApiErrors({ErrorCode.INVALID_IDENTITY_CODE, ErrorCode.CLIENT_NOT_SERVED,
            ErrorCode.USE_CONTEXT_NOT_FOR_CLIENT_RECORDS, ErrorCode.CLIENT_FACTS_UNREADABLE})
    @GetMapping(path = BASE + "/consents", produces = MediaType.APPLICATION_JSON_VALUE)
    SharingRecordsResponse consents(@Parameter(description = "The client's personal identity code")
                                    @PathVariable String clientId, RequestContext context) {
        return history(clientId, SharingRecordKind.CONSENT, context);
    }

    @Operation(summary = "The client's denials of disclosure, oldest first, withdrawn ones included", description = WHO)
    @ApiErrors({ErrorCode.INVALID_IDENTITY_CODE, ErrorCode.CLIENT_NOT_SERVED,
            ErrorCode.USE_CONTEXT_NOT_FOR_CLIENT_RECORDS, ErrorCode.CLIENT_FACTS_UNREADABLE})
    @GetMapping(path = BASE + "/denials", produces = MediaType.APPLICATION_JSON_VALUE)
    SharingRecordsResponse denials(@Parameter(description = "The client's personal identity code")
                                   @PathVariable String clientId, RequestContext context) {
        return history(clientId, SharingRecordKind.DENIAL, context);
    }

    @Operation(summary = "Withdraw an informing record (it was recorded in error)", description = WITHDRAWAL + WHO)
    @ApiErrors({ErrorCode.INVALID_IDENTITY_CODE, ErrorCode.INVALID_RECORD_ID, ErrorCode.INVALID_REQUEST,
            ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.TEXT_TOO_LONG, ErrorCode.SHARING_RECORD_NOT_FOUND,
            ErrorCode.SHARING_RECORD_ALREADY_WITHDRAWN, ErrorCode.CLIENT_NOT_SERVED,
            ErrorCode.USE_CONTEXT_NOT_FOR_CLIENT_RECORDS, ErrorCode.CLIENT_FACTS_UNREADABLE})
    @PostMapping(path = BASE + "/informing/{recordId}/withdrawal", produces = MediaType.APPLICATION_JSON_VALUE)
    SharingRecordResponse withdrawInforming(@PathVariable String clientId, @PathVariable String recordId,
                                            RequestContext context, @RequestBody(required = false) WithdrawalRequest body) {
        return withdraw(clientId, SharingRecordKind.INFORMING, recordId, body, context);
    }

    @Operation(summary = "Withdraw a consent", description = WITHDRAWAL + WHO)
    @ApiErrors({ErrorCode.INVALID_IDENTITY_CODE, ErrorCode.INVALID_RECORD_ID, ErrorCode.INVALID_REQUEST,
            ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.TEXT_TOO_LONG, ErrorCode.SHARING_RECORD_NOT_FOUND,
            ErrorCode.SHARING_RECORD_ALREADY_WITHDRAWN, ErrorCode.CLIENT_NOT_SERVED,
            ErrorCode.USE_CONTEXT_NOT_FOR_CLIENT_RECORDS, ErrorCode.CLIENT_FACTS_UNREADABLE})
    @PostMapping(path = BASE + "/consents/{recordId}/withdrawal", produces = MediaType.APPLICATION_JSON_VALUE)
    SharingRecordResponse withdrawConsent(@PathVariable String clientId, @PathVariable String recordId,
                                          RequestContext context, @RequestBody(required = false) WithdrawalRequest body) {
        return withdraw(clientId, SharingRecordKind.CONSENT, recordId, body, context);
    }

    @Operation(summary = "Withdraw a denial of disclosure", description = WITHDRAWAL + WHO)
    @ApiErrors({ErrorCode.INVALID_IDENTITY_CODE, ErrorCode.INVALID_RECORD_ID, ErrorCode.INVALID_REQUEST,
            ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.TEXT_TOO_LONG, ErrorCode.SHARING_RECORD_NOT_FOUND,
            ErrorCode.SHARING_RECORD_ALREADY_WITHDRAWN, ErrorCode.CLIENT_NOT_SERVED,
            ErrorCode.USE_CONTEXT_NOT_FOR_CLIENT_RECORDS, ErrorCode.CLIENT_FACTS_UNREADABLE})
    @PostMapping(path = BASE + "/denials/{recordId}/withdrawal", produces = MediaType.APPLICATION_JSON_VALUE)
    SharingRecordResponse withdrawDenial(@PathVariable String clientId, @PathVariable String recordId,
                                         RequestContext context, @RequestBody(required = false) WithdrawalRequest body) {
        return withdraw(clientId, SharingRecordKind.DENIAL, recordId, body, context);
    }

    private SharingRecordsResponse history(String clientId, SharingRecordKind kind, RequestContext context) {
        LocalDate today = today();
        List<SharingRecordResponse> items = records.history(clientId, kind, context).stream()
                .map(record -> SharingRecordResponse.of(record, today)).toList();
        return new SharingRecordsResponse(clientId, kind, items);
    }

    private SharingRecordResponse withdraw(String clientId, SharingRecordKind kind, String recordId,
                                           WithdrawalRequest body, RequestContext context) {
        RecordId id = RecordId.parse(recordId);
        SharingRecord withdrawn = records.withdraw(clientId, kind, id, body == null ? null : body.reason(), context);
        return SharingRecordResponse.of(withdrawn, today());
    }

    private ResponseEntity<SharingRecordResponse> created(SharingRecord record) {
        return ResponseEntity.status(HttpStatus.CREATED).body(SharingRecordResponse.of(record, today()));
    }

    private static DenialTarget denialTarget(String value) {
        try {
            return DenialTarget.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ArchiveException(ErrorCode.INVALID_DENIAL_TARGET,
                    "targetType must be DOCUMENT, SERVICE_TASK or CONTROLLER");
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Hl7Timestamp.FINNISH_TIME));
    }
}
