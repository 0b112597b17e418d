package fi.arkisto.app.api.controllerchange;

import fi.arkisto.app.api.RequestFields;
import fi.arkisto.app.api.problem.ApiErrors;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.controllerchange.ControllerChange;
import fi.arkisto.store.controllerchange.ControllerChangeImpact;
import fi.arkisto.store.controllerchange.ControllerChangeRequest;
import fi.arkisto.store.controllerchange.ControllerChangeScope;
import fi.arkisto.store.controllerchange.ControllerChangeService;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.workflows.controllerchange.ControllerChangeStarter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Controller changes (docs/workflows.md, "Controller change"): the old or the new controller requests one, which starts
 * its process; both read it. Thin over {@link ControllerChangeStarter} and {@link ControllerChangeService}.
 */
@RestController
@RequestMapping("/api/v1/controller-changes")
@Tag(name = "Controller changes", description = "Pass a register, or part of it, to a new controller")
class ControllerChangeController {

    private final ControllerChangeStarter starter;
    private final ControllerChangeService changes;

    ControllerChangeController(ControllerChangeStarter starter, ControllerChangeService changes) {
        this.starter = starter;
        this.changes = changes;
    }

    /**
     * A requested change.
     *
     * @param documentGroups codes of 1.2.246.537.6.1505.201601; empty or absent: every group
     * @param serviceTasks   codes of 1.2.246.537.6.1221.201601; empty or absent: every task
     * @param serviceUnits   service unit OIDs; empty or absent: every unit
     * @param plannedOn      the planned day, YYYY-MM-DD
     */
    record ChangeRequest(String oldController, String newController, List<String> documentGroups,
                         List<String> serviceTasks, List<String> serviceUnits, String reason, String plannedOn) {
    }

    /**
     * A change: its parties, scope and state, and, once requested, what it would move.
     *
     * @param status        REQUESTED (approvals, the run to come or under way), COMPLETED (the new controller's from
     *                      {@code completedAt}) or ABANDONED (an operator ended it after a failed run: it never took
     *                      effect, access stays as before)
     * @param abandonedBy   the archive operator who abandoned it; with {@code abandonedAt} and {@code abandonReason}
     */
    record ChangeResponse(String id, String oldController, String newController, List<String> documentGroups,
                          List<String> serviceTasks, List<String> serviceUnits, String reason, LocalDate plannedOn,
                          Instant requestedAt, String requestedBy, ControllerChange.Status status, Instant completedAt,
                          Long assignedCount, Instant abandonedAt, String abandonedBy, String abandonReason,
                          String processInstanceId, ControllerChangeImpact impact) {

        static ChangeResponse of(ControllerChange c, String processInstanceId, ControllerChangeImpact impact) {
            ControllerChangeScope scope = c.scope();
            return new ChangeResponse(c.id().toString(), c.oldController(), c.newController(), scope.documentGroups(),
                    scope.serviceTasks(), scope.serviceUnits(), c.reason(), c.plannedOn(), c.createdAt(),
                    c.createdByOrganisation(), c.status(), c.completedAt(), c.assignedCount(), c.abandonedAt(),
                    c.abandonedBy(), c.abandonReason(), processInstanceId, impact);
        }
    }

    @Operation(summary = "Request a controller change",
            description = "The acting organisation must be the old or the new controller. The change is recorded and its "
                    + "process started: the impact is counted, the old and then the new controller approve, each by its "
                    + "own deployment leads (arkisto.workflows.users[n].organisations; no other organisation's lead "
                    + "sees or completes the approval), an archive operator schedules the run. Nothing archived is rewritten; from the run's completion the new "
                    + "controller uses the scope's documents as its own register and the old one is refused "
                    + "REGISTER_CONTROLLER_CHANGED.",
            responses = @ApiResponse(responseCode = "201", description = "Requested; Location names it"))
    @ApiErrors({ErrorCode.INVALID_REQUEST, ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.MISSING_REQUEST_FIELD,
            ErrorCode.INVALID_OID, ErrorCode.INVALID_DATE, ErrorCode.CONTROLLER_CHANGE_CONFLICT})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ChangeResponse> request(RequestContext context, @RequestBody ChangeRequest request) {
        if (request == null || request.reason() == null || request.plannedOn() == null) {
            throw new ArchiveException(ErrorCode.MISSING_REQUEST_FIELD,
                    "Give oldController, newController, reason and plannedOn");
        }
        List<String> units = request.serviceUnits() == null ? List.of() : request.serviceUnits();
        units.forEach(unit -> RequestFields.oid("serviceUnits", unit));
        ControllerChangeScope scope = new ControllerChangeScope(
                RequestFields.oid("oldController", request.oldController()).value(), request.documentGroups(),
                request.serviceTasks(), units);
        ControllerChangeStarter.Started started = starter.start(new ControllerChangeRequest(scope,
                RequestFields.oid("newController", request.newController()).value(), request.reason(),
                RequestFields.date("plannedOn", request.plannedOn())), context);
        ControllerChange change = started.change();
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
                .buildAndExpand(change.id().toString()).toUri())
                .body(ChangeResponse.of(change, started.processInstanceId(), changes.impact(change.id())));
    }

    @Operation(summary = "One controller change of which the acting organisation is the old or the new controller",
            description = "status is REQUESTED (approvals, the run to come or under way), COMPLETED (the new "
                    + "controller's register from completedAt; assignedCount documents) or ABANDONED (an archive "
                    + "operator ended it after its run failed: abandonedAt, abandonedBy, abandonReason; it never took "
                    + "effect, archiving into the scope resumed and access is as before the change).")
    @ApiErrors({ErrorCode.CONTROLLER_CHANGE_NOT_FOUND})
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ChangeResponse find(@PathVariable String id, RequestContext context) {
        UUID change;
        try {
            change = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ArchiveException(ErrorCode.CONTROLLER_CHANGE_NOT_FOUND, "No controller change " + id);
        }
        ControllerChange found = changes.findFor(change, context);
        return ChangeResponse.of(found, null, null);
    }
}
