package fi.arkisto.store.controllerchange;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A requested controller change checked before anything is recorded (docs/access.md, "Controller change"): both
 * controllers OIDs and different, the scope's codes and units well formed, a reason and a planned day, and the acting
 * organisation one of the two controllers.
 */
final class ControllerChangeValidation {

    private ControllerChangeValidation() {
    }

    /** @throws ArchiveException INVALID_REQUEST, ACCESS_DENIED */
    static ControllerChange validated(ControllerChangeRequest request, RequestContext context, Instant now) {
        ControllerChangeScope scope = request.scope();
        if (scope == null || !Oid.isValid(scope.oldController()) || !Oid.isValid(request.newController())) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "Give the old and the new controller as OIDs");
        }
        if (scope.oldController().equals(request.newController())) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "The old and the new controller are the same");
        }
        for (String unit : scope.serviceUnits()) {
            if (!Oid.isValid(unit)) {
                throw new ArchiveException(ErrorCode.INVALID_REQUEST, "A service unit is not an OID: " + unit);
            }
        }
        for (String code : concat(scope.documentGroups(), scope.serviceTasks())) {
            if (code == null || !code.matches("[0-9A-Za-z.\\-]{1,64}")) {
                throw new ArchiveException(ErrorCode.INVALID_REQUEST, "Not a code: " + code);
            }
        }
        if (request.reason() == null || request.reason().isBlank() || request.reason().length() > 2000) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "Give a reason of at most 2000 characters");
        }
        if (request.plannedOn() == null) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "Give the planned day");
        }
        String acting = context.organisation().value();
        if (!acting.equals(scope.oldController()) && !acting.equals(request.newController())) {
            throw new ArchiveException(ErrorCode.ACCESS_DENIED, "A controller change is requested by the old or the"
                    + " new controller, not by " + acting);
        }
        return new ControllerChange(UUID.randomUUID(), scope, request.newController(), request.reason().strip(),
                request.plannedOn(), now, acting, context.userId(), null, null, null, null, null);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
