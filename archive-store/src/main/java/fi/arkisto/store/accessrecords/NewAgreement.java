package fi.arkisto.store.accessrecords;

import fi.arkisto.store.identity.Oid;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A register access agreement to create: the organiser and the provider enable the register access right for each
 * other on the terms of a contract (kanta.fi, "Sosiaalihuollon rekisterinkäyttöoikeus": an agreement on the service
 * and its arrangements precedes the use of the right).
 *
 * @param serviceTasks      codes of 1.2.246.537.6.1221.201601 the agreement covers; empty: every service task
 * @param validFrom         the first day; null: the day of creation
 * @param validUntil        the contract's last day, or null when open-ended
 * @param contractReference the contract's reference (its number in the organiser's records)
 */
public record NewAgreement(Oid organiser, Oid provider, boolean extensive, List<String> serviceTasks,
                           LocalDate validFrom, LocalDate validUntil, String contractReference) {

    public NewAgreement {
        Objects.requireNonNull(organiser, "organiser");
        Objects.requireNonNull(provider, "provider");
        serviceTasks = serviceTasks == null ? List.of() : List.copyOf(serviceTasks);
    }
}
