package fi.arkisto.store.access.sharing;

import fi.arkisto.store.access.period.Periods;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An organisation's own client relationship with the client, from its own client relationship document
 * ({@code sosiaalihuollon_asiakkuus.asiakkuuden_alkamispvm} / {@code asiakkuuden_paattymispvm}). A disclosure to
 * another controller needs the requesting organisation to have an active one (kanta.fi, functionalities required by
 * the obligation to join; government proposal RP 300/2018, carried into Act 703/2023: "a client or care relationship
 * ensured by data-technical means").
 *
 * @param organisation the organisation OID (the client relationship document's controller)
 * @param start        the first day, or null when not recorded (never active)
 * @param end          the last day, or null while it goes on
 */
public record ClientRelationship(String organisation, LocalDate start, LocalDate end) {

    public ClientRelationship {
        Objects.requireNonNull(organisation, "organisation");
    }

    public boolean activeOn(LocalDate day) {
        return Periods.contains(day, start, end);
    }

    public static boolean anyActive(List<ClientRelationship> relationships, String organisation, LocalDate day) {
        for (int i = 0; i < relationships.size(); i++) {
            ClientRelationship r = relationships.get(i);
            if (r.organisation().equals(organisation) && r.activeOn(day)) {
                return true;
            }
        }
        return false;
    }
}
