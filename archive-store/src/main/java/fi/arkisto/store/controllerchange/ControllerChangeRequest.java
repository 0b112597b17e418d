package fi.arkisto.store.controllerchange;

import java.time.LocalDate;

/**
 * What the old and the new controller ask for: the scope, the new controller, why, and the day they plan the run for.
 */
public record ControllerChangeRequest(ControllerChangeScope scope, String newController, String reason,
                                      LocalDate plannedOn) {
}
