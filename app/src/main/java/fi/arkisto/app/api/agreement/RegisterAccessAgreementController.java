package fi.arkisto.app.api.agreement;

import fi.arkisto.app.api.RequestFields;
import fi.arkisto.app.api.agreement.AgreementRequests.CreateRequest;
import fi.arkisto.app.api.agreement.AgreementRequests.EndRequest;
import fi.arkisto.app.api.problem.ApiErrors;
import fi.arkisto.store.accessrecords.AgreementRecord;
import fi.arkisto.store.accessrecords.NewAgreement;
import fi.arkisto.store.accessrecords.RecordId;
import fi.arkisto.store.accessrecords.RegisterAccessAgreementService;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.hl7.Hl7Timestamp;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Register access agreements between an organiser and a provider: the organiser creates and ends them, both read
 * them. Thin over {@link RegisterAccessAgreementService}, which a process driving the agreements' lifecycle calls too.
 */
@RestController
@RequestMapping("/api/v1/register-access-agreements")
@Tag(name = "Register access agreements", description = "Enable and end the register access right between an organiser and a provider")
class RegisterAccessAgreementController {

    private final RegisterAccessAgreementService agreements;
    private final Clock clock;

    RegisterAccessAgreementController(RegisterAccessAgreementService agreements, ObjectProvider<Clock> clock) {
        this.agreements = agreements;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The agreements of which the acting organisation is organiser or provider, oldest first. */
    public record AgreementsResponse(List<AgreementResponse> items) {
    }

    @Operation(summary = "Create a register access agreement",
            description = "The acting organisation must be the organiser. An agreement may not share a day and a service "
                    + "task with another agreement between the same two organisations. The provider's right over a "
                    + "client still needs the organiser's client relationship document to name a unit of the provider.",
            responses = @ApiResponse(responseCode = "201", description = "Created; Location names it"))
    @ApiErrors({ErrorCode.INVALID_REQUEST, ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.MISSING_REQUEST_FIELD,
            ErrorCode.INVALID_OID, ErrorCode.INVALID_DATE, ErrorCode.INVALID_VALIDITY_PERIOD,
            ErrorCode.INVALID_SERVICE_TASK, ErrorCode.CONTRACT_REFERENCE_REQUIRED, ErrorCode.TEXT_TOO_LONG,
            ErrorCode.AGREEMENT_WITH_ITSELF, ErrorCode.AGREEMENT_ORGANISER_REQUIRED, ErrorCode.AGREEMENT_OVERLAP})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AgreementResponse> create(RequestContext context, @RequestBody CreateRequest request) {
        if (request == null) {
            throw new ArchiveException(ErrorCode.MISSING_REQUEST_FIELD, "Give organiser, provider and contractReference");
        }
        NewAgreement agreement = new NewAgreement(RequestFields.oid("organiser", request.organiser()),
                RequestFields.oid("provider", request.provider()), Boolean.TRUE.equals(request.extensive()),
                request.serviceTasks() == null ? List.of() : request.serviceTasks(),
                RequestFields.date("validFrom", request.validFrom()), RequestFields.date("validUntil", request.validUntil()),
                request.contractReference());
        AgreementRecord created = agreements.create(agreement, context);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
                .buildAndExpand(created.id().toString()).toUri()).body(AgreementResponse.of(created, today()));
    }

    @Operation(summary = "The agreements of the acting organisation, as organiser or provider, ended ones included")
    @ApiErrors({ErrorCode.INVALID_OID})
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    AgreementsResponse list(RequestContext context,
                            @Parameter(description = "Only the agreements with this organisation (OID)")
                            @RequestParam(required = false) String counterpart) {
        LocalDate today = today();
        return new AgreementsResponse(agreements.list(context, RequestFields.optionalOid("counterpart", counterpart))
                .stream().map(agreement -> AgreementResponse.of(agreement, today)).toList());
    }

    @Operation(summary = "One agreement of which the acting organisation is organiser or provider")
    @ApiErrors({ErrorCode.INVALID_RECORD_ID, ErrorCode.AGREEMENT_NOT_FOUND})
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    AgreementResponse find(@PathVariable String id, RequestContext context) {
        return AgreementResponse.of(agreements.find(RecordId.parse(id), context), today());
    }

    @Operation(summary = "End an agreement",
            description = "Only the organiser ends it. From endsOn (default today: at once; never earlier) the agreement is "
                    + "no longer in effect, and the provider's register access right ends for every client whatever the "
                    + "client relationship documents say. The agreement stays readable with who ended it, when and why.")
    @ApiErrors({ErrorCode.INVALID_RECORD_ID, ErrorCode.INVALID_REQUEST, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            ErrorCode.INVALID_DATE, ErrorCode.AGREEMENT_END_IN_PAST, ErrorCode.TEXT_TOO_LONG,
            ErrorCode.AGREEMENT_NOT_FOUND, ErrorCode.AGREEMENT_ORGANISER_REQUIRED, ErrorCode.AGREEMENT_ALREADY_ENDED})
    @PostMapping(path = "/{id}/end", produces = MediaType.APPLICATION_JSON_VALUE)
    AgreementResponse end(@PathVariable String id, RequestContext context,
                          @RequestBody(required = false) EndRequest body) {
        EndRequest request = body == null ? new EndRequest(null, null) : body;
        return AgreementResponse.of(agreements.end(RecordId.parse(id), RequestFields.date("endsOn", request.endsOn()),
                request.reason(), context), today());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Hl7Timestamp.FINNISH_TIME));
    }
}
