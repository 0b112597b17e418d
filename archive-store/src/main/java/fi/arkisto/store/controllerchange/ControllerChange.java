package fi.arkisto.store.controllerchange;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * A controller change (kanta.fi, "Controller changes": in organisational changes a controller change run re-assigns
 * the register, and management of and access to it pass to the new controller, which then uses the data as its own).
 * An append-only record: it is created when requested and gains only its completion, the moment from which the
 * access decision reads its assignments (docs/access.md, "Controller change").
 *
 * @param completedAt   when the run had assigned and verified every document of the scope; null before
 * @param assignedCount how many documents the completed run assigned; null before
 */
public record ControllerChange(UUID id, ControllerChangeScope scope, String newController, String reason,
                               LocalDate plannedOn, Instant createdAt, String createdByOrganisation,
                               String createdByUser, Instant completedAt, Long assignedCount) {

    public ControllerChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(newController, "newController");
    }

    public String oldController() {
        return scope.oldController();
    }

    public boolean completed() {
        return completedAt != null;
    }

    public String describe() {
        return "controller change " + id + " of the " + scope.describe() + " to " + newController;
    }
}
