package fi.arkisto.store.controllerchange;

/**
 * One step of a controller change job's partition through its range of the scope.
 *
 * @param picked   documents of the scope the step went through (fewer than it asked for: the range is done)
 * @param first    the first of them by OID, or null when none
 * @param last     the last of them by OID, where the next step goes on after; null when none
 * @param assigned how many of them it newly assigned (the others were assigned already, by a run before a restart)
 */
public record AssignedRange(int picked, String first, String last, int assigned) {
}
