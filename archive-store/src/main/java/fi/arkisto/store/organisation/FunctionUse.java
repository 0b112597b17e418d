package fi.arkisto.store.organisation;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One function of one organisation: its state and, once in use, the date from which it is (for the archive
 * service this is the start date Kanta publishes per organisation).
 */
public record FunctionUse(KantaFunction function, FunctionState state, LocalDate startDate) {

    public FunctionUse {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(state, "state");
        if (state == FunctionState.IN_USE && startDate == null) {
            throw new IllegalArgumentException("a function in use needs its start date");
        }
    }

    /** Whether the function is in use on the given day (in use, and its start date reached). */
    public boolean inUseOn(LocalDate day) {
        return state == FunctionState.IN_USE && !startDate.isAfter(day);
    }
}
