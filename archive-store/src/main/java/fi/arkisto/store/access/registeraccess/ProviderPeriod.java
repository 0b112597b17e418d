package fi.arkisto.store.access.registeraccess;

import fi.arkisto.store.access.period.Periods;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One {@code palveluntuottaja} entry of an organiser's client relationship document: the provider unit that produces
 * a social service for the client in a service task, and when the client relationship there begins and ends. It
 * starts the provider's register access right over that client and service task (kanta.fi, "Register access right of
 * social welfare services": "the service organiser records information about the service provider unit that is
 * providing the service and the time when the client relationship begins at the service unit in the client
 * relationship document"); the end is written by a replacement version of the document.
 *
 * @param organiser            the organiser's organisation OID (the client relationship document's controller)
 * @param providerOrganisation the organisation the provider unit belongs to; null when it cannot be resolved
 * @param providerUnit         the unit OID ({@code palveluyksikon_nimi.code})
 * @param clientId             the client's personal identity code
 * @param serviceTask          code of 1.2.246.537.6.1221.201601 ({@code sosiaalihuollon_palvelutehtava[].palvelutehtava})
 * @param socialServices       codes of 1.2.246.537.6.1222.201601 ({@code sosiaalipalvelu[]})
 * @param start                {@code asiakkuuden_alkamispvm}, the first day; null when not recorded (never in effect)
 * @param end                  {@code asiakkuuden_paattymispvm}, the last day; null while the relationship goes on
 */
public record ProviderPeriod(String organiser, String providerOrganisation, String providerUnit, String clientId,
                             String serviceTask, List<String> socialServices, LocalDate start, LocalDate end) {

    public ProviderPeriod {
        Objects.requireNonNull(organiser, "organiser");
        socialServices = socialServices == null ? List.of() : List.copyOf(socialServices);
    }

    public boolean contains(LocalDate day) {
        return Periods.contains(day, start, end);
    }

    public boolean startsAfter(LocalDate day) {
        return start != null && start.isAfter(day);
    }

    boolean between(String organiser, String provider) {
        return this.organiser.equals(organiser) && provider.equals(providerOrganisation);
    }
}
