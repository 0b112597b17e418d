package fi.arkisto.app.api.agreement;

import fi.arkisto.app.api.RequestFields;
import fi.arkisto.app.api.agreement.AgreementRequests.EndRequest;
import fi.arkisto.app.api.problem.ApiErrors;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.hl7.Hl7Timestamp;
import fi.arkisto.workflows.registeraccess.AccessRequest;
import fi.arkisto.workflows.registeraccess.RegisterAccessLifecycleStarter;
import fi.arkisto.workflows.registeraccess.RegisterAccessLifecycleStarter.Lifecycle;
import io.swagger.v3.oas.annotations.Operation;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * The register access lifecycle (bpmn/register-access-lifecycle.bpmn, docs/workflows.md): the organiser requests
 * enabling the register access right with a provider, and either party ends it. Thin over
 * {@link RegisterAccessLifecycleStarter}.
 */
@RestController
@RequestMapping("/api/v1/register-access-lifecycles")
@Tag(name = "Register access lifecycles", description = "Request, follow and end the register access right between "
        + "an organiser and a provider through its process")
class RegisterAccessLifecycleController {

    private final RegisterAccessLifecycleStarter lifecycles;
    private final Clock clock;

    RegisterAccessLifecycleController(RegisterAccessLifecycleStarter lifecycles, ObjectProvider<Clock> clock) {
        this.lifecycles = lifecycles;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Operation(summary = "Request enabling the register access right with a provider",
            description = "The acting organisation must be the organiser. Starts the register access lifecycle: both "
                    + "parties must have joined and enabled the function in the organisation registry (otherwise the "
                    + "request waits in a task naming what is missing), a deployment test of their combination of "
                    + "client information systems runs when required, and only then is the agreement the access rules "
                    + "read created. The body is that of creating an agreement; the answer is the lifecycle.",
            responses = @ApiResponse(responseCode = "202", description = "Started; Location names the lifecycle"))
    @ApiErrors({ErrorCode.INVALID_REQUEST, ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.MISSING_REQUEST_FIELD,
            ErrorCode.INVALID_OID, ErrorCode.INVALID_DATE, ErrorCode.INVALID_VALIDITY_PERIOD,
            ErrorCode.INVALID_SERVICE_TASK, ErrorCode.CONTRACT_REFERENCE_REQUIRED, ErrorCode.TEXT_TOO_LONG,
            ErrorCode.AGREEMENT_WITH_ITSELF, ErrorCode.AGREEMENT_ORGANISER_REQUIRED})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Lifecycle> request(RequestContext context, @RequestBody AgreementRequests.CreateRequest request) {
        if (request == null) {
            throw new ArchiveException(ErrorCode.MISSING_REQUEST_FIELD, "Give organiser, provider and contractReference");
        }
        Lifecycle started = lifecycles.start(new AccessRequest(RequestFields.oid("organiser", request.organiser()),
                RequestFields.oid("provider", request.provider()), request.contractReference(),
                Boolean.TRUE.equals(request.extensive()), request.serviceTasks() == null ? List.of() : request.serviceTasks(),
                RequestFields.date("validFrom", request.validFrom()), RequestFields.date("validUntil", request.validUntil()),
                context.userId()), context);
        return ResponseEntity.accepted().location(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
                .buildAndExpand(started.requestId()).toUri()).body(started);
    }

    @Operation(summary = "A register access lifecycle of which the acting organisation is organiser or provider",
            description = "Where its process waits, what the registry still lacks, the deployment test requirement, the "
                    + "agreement once active, and how many clients the organiser's client relationship documents place "
                    + "with the provider today or later (counted at the request).")
    @ApiErrors({ErrorCode.REGISTER_ACCESS_REQUEST_NOT_FOUND})
    @GetMapping(path = "/{requestId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Lifecycle find(@PathVariable String requestId, RequestContext context) {
        return lifecycles.find(requestId, context);
    }

    @Operation(summary = "End the register access agreement of a lifecycle",
            description = "The organiser or the provider gives notice. From endsOn (default today: at once; never "
                    + "earlier) the agreement is no longer in effect, and the provider's register access right ends for "
                    + "every client whatever the client relationship documents say; the process then has the provider "
                    + "told. The answer is the ended agreement.")
    @ApiErrors({ErrorCode.INVALID_REQUEST, ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.INVALID_DATE,
            ErrorCode.AGREEMENT_END_IN_PAST, ErrorCode.TEXT_TOO_LONG, ErrorCode.REGISTER_ACCESS_REQUEST_NOT_FOUND,
            ErrorCode.REGISTER_ACCESS_NOT_ACTIVE})
    @PostMapping(path = "/{requestId}/end", produces = MediaType.APPLICATION_JSON_VALUE)
    AgreementResponse end(@PathVariable String requestId, RequestContext context,
                          @RequestBody(required = false) EndRequest body) {
        EndRequest request = body == null ? new EndRequest(null, null) : body;
        return AgreementResponse.of(lifecycles.end(requestId, RequestFields.date("endsOn", request.endsOn()),
                request.reason(), context), LocalDate.now(clock.withZone(Hl7Timestamp.FINNISH_TIME)));
    }
}
