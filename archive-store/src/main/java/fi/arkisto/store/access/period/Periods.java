package fi.arkisto.store.access.period;

import java.time.LocalDate;

/**
 * The one reading of a period of days in the access facts: a client relationship, a provider's period, a consent, a
 * denial, an agreement, a membership of a mutual case. Both days are included (an {@code asiakkuuden_paattymispvm} is
 * the relationship's last day); a missing first day means the period has not begun; a missing last day means it goes
 * on; a withdrawal takes effect on its day.
 */
public final class Periods {

    private Periods() {
    }

    public static boolean contains(LocalDate day, LocalDate first, LocalDate last) {
        return first != null && !day.isBefore(first) && (last == null || !day.isAfter(last));
    }

    public static boolean containsUnlessWithdrawn(LocalDate day, LocalDate first, LocalDate last, LocalDate withdrawnOn) {
        return contains(day, first, last) && (withdrawnOn == null || day.isBefore(withdrawnOn));
    }
}
