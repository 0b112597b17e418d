package fi.arkisto.store.access.mutualcase;

import fi.arkisto.store.access.period.Periods;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A client's membership of a mutual case for one period. A client who leaves and later rejoins has two entries.
 *
 * @param clientId      the party's personal identity code
 * @param from          the first day the client is a party
 * @param until         the last day, or null while the client still is a party
 * @param nonDisclosure the party is under non-disclosure for safety reasons (from their client relationship
 *                      document); another party never sees this party's location data
 */
public record CaseParty(String clientId, LocalDate from, LocalDate until, boolean nonDisclosure) {

    public CaseParty {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(from, "from");
        if (until != null && until.isBefore(from)) {
            throw new IllegalArgumentException("a party cannot leave a case before joining it");
        }
    }

    public boolean contains(LocalDate day) {
        return Periods.contains(day, from, until);
    }
}
