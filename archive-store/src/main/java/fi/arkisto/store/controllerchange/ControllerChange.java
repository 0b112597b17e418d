package fi.arkisto.store.controllerchange;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * A controller change (kanta.fi, "Controller changes": in organisational changes a controller change run re-assigns
 * the register, and management of and access to it pass to the new controller, which then uses the data as its own).
 * An append-only record: it is created when requested and gains only one end, its completion, the moment from which
 * the access decision reads its assignments, or its abandonment by an operator after a failed run, from which it never
 * takes effect (docs/access.md, "Controller change").
 *
 * @param completedAt   when the run had assigned and verified every document of the scope; null before
 * @param assignedCount how many documents the completed run assigned; null before
 * @param abandonedAt   when an operator abandoned the change; null unless abandoned
 * @param abandonedBy   the operator who abandoned it; null unless abandoned
 * @param abandonReason why it was abandoned; null unless abandoned
 */
public record ControllerChange(UUID id, ControllerChangeScope scope, String newController, String reason,
                               LocalDate plannedOn, Instant createdAt, String createdByOrganisation,
                               String createdByUser, Instant completedAt, Long assignedCount, Instant abandonedAt,
                               String abandonedBy, String abandonReason) {

    /** Where a change stands: requested (approvals, run to come or under way), completed, or abandoned. */
    public enum Status { REQUESTED, COMPLETED, ABANDONED }

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

    public boolean abandoned() {
        return abandonedAt != null;
    }

    public Status status() {
        return completed() ? Status.COMPLETED : abandoned() ? Status.ABANDONED : Status.REQUESTED;
    }

    public String describe() {
        return "controller change " + id + " of the " + scope.describe() + " to " + newController;
    }
}
