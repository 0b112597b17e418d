package fi.arkisto.store.access.registeraccess;

import fi.arkisto.store.access.period.Periods;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An organisation-level agreement that the organiser and the provider have enabled the register access right for
 * each other. kanta.fi ("Register access right of social welfare services"): it "can be used when both the service
 * provider and the service organiser have joined ... and the register access right functionality has been
 * implemented on their respective client information systems"; the register access right page in Finnish adds that
 * an agreement on the service and its arrangements precedes it. The extensive right (shelter services, THL as
 * controller) is a property of the agreement, and so are the service tasks the agreed service covers.
 *
 * @param organiser    the service organiser's organisation OID (the register's controller)
 * @param provider     the provider's organisation OID
 * @param from         the first day the function is enabled
 * @param endedOn      the last day it is in effect; null while active
 * @param extensive    the extensive register access right: the provider also manages client relationship and case
 *                     documents for the organiser
 * @param serviceTasks codes of 1.2.246.537.6.1221.201601 the agreement covers; empty: every service task
 */
public record RegisterAccessAgreement(String organiser, String provider, LocalDate from, LocalDate endedOn,
                                      boolean extensive, List<String> serviceTasks) {

    public RegisterAccessAgreement {
        Objects.requireNonNull(organiser, "organiser");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(from, "from");
        if (endedOn != null && endedOn.isBefore(from)) {
            throw new IllegalArgumentException("an agreement cannot end before it starts");
        }
        serviceTasks = serviceTasks == null ? List.of() : List.copyOf(serviceTasks);
    }

    /** An agreement covering every service task. */
    public RegisterAccessAgreement(String organiser, String provider, LocalDate from, LocalDate endedOn,
                                   boolean extensive) {
        this(organiser, provider, from, endedOn, extensive, List.of());
    }

    public boolean inEffectOn(LocalDate day) {
        return Periods.contains(day, from, endedOn);
    }

    /** Whether the agreement covers the service task (an agreement naming no task covers every one). */
    public boolean covers(String serviceTask) {
        if (serviceTasks.isEmpty()) {
            return true;
        }
        for (int i = 0; i < serviceTasks.size(); i++) {
            if (serviceTasks.get(i).equals(serviceTask)) {
                return true;
            }
        }
        return false;
    }

    boolean endedBefore(LocalDate day) {
        return endedOn != null && day.isAfter(endedOn);
    }

    boolean between(String organiser, String provider) {
        return this.organiser.equals(organiser) && this.provider.equals(provider);
    }
}
