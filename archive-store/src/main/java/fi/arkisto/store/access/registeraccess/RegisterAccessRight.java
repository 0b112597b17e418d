package fi.arkisto.store.access.registeraccess;

import fi.arkisto.store.access.period.Periods;

import java.time.LocalDate;

/**
 * A provider's right to use an organiser's register for one client and service task, derived from a provider
 * period of the organiser's client relationship document and the agreement between the two organisations: in effect
 * from the later of the two starts to the earlier of the two ends.
 */
public record RegisterAccessRight(String organiser, String provider, String clientId, String serviceTask,
                                  LocalDate from, LocalDate until, boolean extensive) {

    public boolean inEffectOn(LocalDate day) {
        return Periods.contains(day, from, until);
    }
}
